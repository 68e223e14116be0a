"""Rule render_docx: the session model as the editable Word report."""

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, snakemake.scriptdir)  # noqa: F821 - provided by Snakemake
    from copreport.docx import render_docx
    from copreport.jobs import render_job

    template = Path(snakemake.input.template)  # noqa: F821
    sys.exit(render_job(snakemake, render_docx, template, "het maken van het Word-bestand"))  # noqa: F821
