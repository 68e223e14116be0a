"""Rule parse_session: read one session source into its validated model (JSON).

Input: the session's Markdown, its series file and the register. Output: the
model every renderer reads. A bad source fails here with a Dutch message naming
file and line; the session's earlier reports are removed so that no stale PDF or
Word file survives a broken source.
"""

import sys
from pathlib import Path


def parse_session(source: Path, content: Path, model: Path) -> None:
    """Validate `source` and write its model to `model` (atomically)."""
    from copreport.atomic import write_bytes
    from copreport.source import load_session, model_json

    write_bytes(model, model_json(load_session(source, content), source))


if __name__ == "__main__":
    sys.path.insert(0, snakemake.scriptdir)  # noqa: F821 - provided by Snakemake
    from copreport.jobs import run_job

    sys.exit(
        run_job(
            lambda: parse_session(
                Path(snakemake.input.source),  # noqa: F821
                Path(snakemake.params.content),  # noqa: F821
                Path(snakemake.output[0]),  # noqa: F821
            ),
            log=Path(snakemake.log[0]),  # noqa: F821
            remove_on_failure=[Path(p) for p in snakemake.params.reports],  # noqa: F821
            describe="het inlezen",
        )
    )
