"""Rule render_web: the session model as a self-contained web page."""

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, snakemake.scriptdir)  # noqa: F821 - provided by Snakemake
    from copreport.jobs import render_job
    from copreport.web import render_web

    templates = Path(snakemake.input.templates[0]).parent  # noqa: F821
    sys.exit(render_job(snakemake, render_web, templates, "het maken van de webversie"))  # noqa: F821
