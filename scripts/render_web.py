"""Rule render_web: the session model as a self-contained web page."""

import sys
from pathlib import Path


def render(model: Path, templates: Path, target: Path) -> None:
    """Read the model and write the web page."""
    from copreport.model import Session
    from copreport.web import render_web

    render_web(Session.model_validate_json(model.read_bytes()), target, templates)


if __name__ == "__main__":
    sys.path.insert(0, snakemake.scriptdir)  # noqa: F821 - provided by Snakemake
    from copreport.jobs import run_job

    sys.exit(
        run_job(
            lambda: render(
                Path(snakemake.input.model),  # noqa: F821
                Path(snakemake.input.templates[0]).parent,  # noqa: F821
                Path(snakemake.output[0]),  # noqa: F821
            ),
            log=Path(snakemake.log[0]),  # noqa: F821
            remove_on_failure=[Path(p) for p in snakemake.params.reports],  # noqa: F821
            describe="het maken van de webversie",
        )
    )
