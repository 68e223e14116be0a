"""Rule controle: validate every session source without rendering anything.

Besides each file on its own, it checks what only shows across files: two
sessions of one series with the same number.
"""

import sys
from pathlib import Path


def check(sources: list[Path], content: Path) -> None:
    """Validate all `sources`; raise one error listing every problem once."""
    from copreport.errors import ReportError, SourceError, display_path
    from copreport.source import load_session

    problems: list[str] = []
    broken = 0
    numbers: dict[tuple[str, int], Path] = {}
    for source in sources:
        try:
            session = load_session(source, content)
        except ReportError as error:
            broken += 1
            problems.extend(str(error).splitlines())
            continue
        key = (session.series.slug, session.number)
        if key in numbers:
            broken += 1
            problems.append(
                str(
                    SourceError(
                        source,
                        0,
                        f"nummer {session.number} wordt in deze reeks ook gebruikt door "
                        f"{display_path(numbers[key])}",
                    )
                )
            )
        numbers.setdefault(key, source)
    if problems:
        verb = "heeft" if broken == 1 else "hebben"
        raise ReportError(
            f"{broken} van de {len(sources)} sessies {verb} fouten:\n"
            + "\n".join(dict.fromkeys(problems))
        )
    print(f"In orde: {len(sources)} sessie(s) gecontroleerd, geen fouten gevonden.")


if __name__ == "__main__":
    sys.path.insert(0, snakemake.scriptdir)  # noqa: F821 - provided by Snakemake
    from copreport.jobs import run_job

    sys.exit(
        run_job(
            lambda: check(
                [Path(p) for p in snakemake.input.sources],  # noqa: F821
                Path(snakemake.params.content),  # noqa: F821
            ),
            log=Path(snakemake.log[0]),  # noqa: F821
            describe="de controle",
        )
    )
