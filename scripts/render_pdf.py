"""Rule render_pdf: the session model as the PDF report (PDF/A-2a + PDF/UA-1)."""

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, snakemake.scriptdir)  # noqa: F821 - provided by Snakemake
    from copreport.jobs import render_job
    from copreport.pdf import render_pdf

    templates = Path(snakemake.input.templates[0]).parent  # noqa: F821
    sys.exit(render_job(snakemake, render_pdf, templates, "het maken van de PDF"))  # noqa: F821
