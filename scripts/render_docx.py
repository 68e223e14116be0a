"""Rule render_docx: the session model as the editable Word report."""

import sys
from pathlib import Path


def render(model: Path, template: Path, target: Path) -> None:
    """Read the model and write the Word file in the style of `template`."""
    from copreport.docx import render_docx
    from copreport.model import Session

    notes = render_docx(Session.model_validate_json(model.read_bytes()), target, template)
    for note in notes:
        print(f"LET OP ({target.name}): {note}", file=sys.stderr)


if __name__ == "__main__":
    sys.path.insert(0, snakemake.scriptdir)  # noqa: F821 - provided by Snakemake
    from copreport.jobs import run_job

    sys.exit(
        run_job(
            lambda: render(
                Path(snakemake.input.model),  # noqa: F821
                Path(snakemake.input.template),  # noqa: F821
                Path(snakemake.output[0]),  # noqa: F821
            ),
            log=Path(snakemake.log[0]),  # noqa: F821
            remove_on_failure=[Path(p) for p in snakemake.params.reports],  # noqa: F821
            describe="het maken van het Word-bestand",
        )
    )
