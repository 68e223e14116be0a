"""What every workflow job shares: Dutch messages instead of tracebacks, no stale output.

A job that fails removes the files it was meant to make (and, for a parse job,
the session's earlier reports), prints the message for the user and writes it to
the job's log; a programming error is logged with its traceback, and the user
gets a short Dutch message pointing at the log.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import ReportError


def run_job(
    action: Callable[[], None],
    log: Path,
    remove_on_failure: Iterable[Path] = (),
    describe: str = "",
) -> int:
    """Run `action`; return the process exit code (0 on success)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    try:
        action()
    except ReportError as error:
        message = str(error)
        details = message
    except Exception:
        message = (
            f"interne fout bij {describe or 'deze stap'}; dit is een fout in de "
            f"pijplijn, niet in uw tekst. Details staan in {log}"
        )
        details = traceback.format_exc()
    else:
        log.write_text("in orde\n", encoding="utf-8")
        return 0
    for path in remove_on_failure:
        Path(path).unlink(missing_ok=True)
    log.write_text(details + "\n", encoding="utf-8")
    print(f"\nFOUT: {message}\n", file=sys.stderr)
    return 1


def render_job(snakemake: object, render: Callable, resource: Path, describe: str) -> int:
    """The body of every render rule: read the session model, write one report.

    `render(session, target, resource)` writes the report; what it returns (notes
    for the user, such as a logo left out) is printed after ``LET OP``.
    """
    from .model import Session

    target = Path(snakemake.output[0])

    def action() -> None:
        session = Session.model_validate_json(Path(snakemake.input.model).read_bytes())
        for note in render(session, target, resource) or []:
            print(f"LET OP ({target.name}): {note}", file=sys.stderr)

    return run_job(
        action,
        log=Path(snakemake.log[0]),
        remove_on_failure=[Path(p) for p in snakemake.params.reports],
        describe=describe,
    )
