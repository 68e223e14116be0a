"""Rule controle: validate every session source without rendering anything."""

import sys
from pathlib import Path


def check(sources: list[Path]) -> None:
    """Validate all `sources`; raise one error listing every broken file."""
    from copreport.errors import ReportError
    from copreport.source import load_session

    failures: list[str] = []
    for source in sources:
        try:
            load_session(source)
        except ReportError as error:
            failures.append(str(error))
    if failures:
        raise ReportError(
            f"{len(failures)} van de {len(sources)} sessies hebben fouten:\n"
            + "\n".join(failures)
        )
    print(f"In orde: {len(sources)} sessie(s) gecontroleerd, geen fouten gevonden.")


if __name__ == "__main__":
    sys.path.insert(0, snakemake.scriptdir)  # noqa: F821 - provided by Snakemake
    from copreport.jobs import run_job

    sys.exit(
        run_job(
            lambda: check([Path(p) for p in snakemake.input.sources]),  # noqa: F821
            log=Path(snakemake.log[0]),  # noqa: F821
            describe="de controle",
        )
    )
