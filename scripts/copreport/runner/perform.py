"""Running one step in the current process and turning every ending into a `Result`.

This is what a forked child of the server and a worker process both do, so a
step writes the same bytes wherever it runs. Problems the user can fix come back
as Dutch messages; a programming error is written with its traceback to the
step's log and the user gets a short Dutch pointer to that log.
"""

from __future__ import annotations

import errno
import resource
import signal
import traceback
from pathlib import Path

from ..errors import ReportError, display_path
from . import activity
from .protocol import Request, Result

WHERE = {
    "server": "uitgevoerd in de werkserver van de bouw",
    "own": "uitgevoerd in een eigen proces",
}


def perform(request: Request, where: str) -> Result:
    """Do the step under its memory limit; never raise. `where`: a key of `WHERE`."""
    from ..steps import STEPS

    limit_memory(request.limits.megabytes)
    activity.begin(Path(request.log))
    details = ""
    try:
        notes = STEPS[request.step](request)
        result = Result(ok=True, notes=list(notes or []))
        details = "in orde\n" + "".join(f"LET OP: {note}\n" for note in result.notes)
    except ReportError as error:
        result = Result(ok=False, problems=error.problems())
        details = str(error) + "\n"
    except MemoryError:
        result = Result.failure(memory_message(request), request.source)
        details = result.message + "\n"
    except OSError as error:
        message = environment_message(error, Path(request.outputs[0]).parent)
        if message is None:
            result, details = _internal(request)
        else:
            result = Result.failure(message, request.source)
            details = f"{message}\n\n{traceback.format_exc()}"
    except Exception:
        result, details = _internal(request)
    activity.end()
    write_log(Path(request.log), f"{details.rstrip()}\n({WHERE[where]})\n")
    return result


def _internal(request: Request) -> tuple[Result, str]:
    return (
        Result.failure(
            f"interne fout bij {describe(request)}; dit is een fout in de pijplijn, "
            f"niet in uw tekst. Details staan in {display_path(Path(request.log))}"
        ),
        traceback.format_exc(),
    )


STEP_NAMES = {
    "check_templates": "het controleren van de sjablonen",
    "parse_register": "het inlezen van het register",
    "parse_series": "het inlezen van het reeksbestand",
    "parse_session": "het inlezen",
    "render_pdf": "het maken van de PDF",
    "render_docx": "het maken van het Word-bestand",
    "render_web": "het maken van de webversie",
    "render_overview": "het maken van het overzicht",
    "render_index": "het maken van de inhoudsopgave",
    "head_start_overview": "het alvast maken van de PDF",
}


def describe(request: Request) -> str:
    """The step as the user reads it: ``het maken van de PDF van reeks/sessie``."""
    name = STEP_NAMES.get(request.step, "deze stap")
    return f"{name} van {request.label}" if request.label else name


def memory_message(request: Request) -> str:
    return (
        f"{describe(request)}{_busy_with(request)} had meer geheugen nodig dan de grens van "
        f"{request.limits.megabytes} MB; kijk naar zeer grote tabellen, lijsten of "
        "logo's (de grens staat in de instelling 'geheugenlimiet')"
    )


def time_message(request: Request) -> str:
    return (
        f"{describe(request)} was na {_seconds(request.limits.seconds)} niet klaar en "
        f"is afgebroken{_busy_with(request)}; kijk naar zeer grote tabellen, lijsten of "
        "logo's (de grens staat in de instelling 'tijdslimiet')"
    )


STOPPED_FROM_OUTSIDE = frozenset(
    {signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGQUIT}
)
"""Signals that another program or the user sends to stop a process; never the
memory limit (which ends a step with an error, an abort or a segmentation fault)."""


def crash_message(request: Request, signal_number: int | None = None) -> str:
    """Why a step's process ended without an answer; `signal_number`: what ended it."""
    if signal_number in STOPPED_FROM_OUTSIDE:
        return (
            f"{describe(request)} is van buitenaf gestopt{_busy_with(request)}, door "
            "een stopsignaal van een ander programma of van de computer; start "
            "./build.sh opnieuw"
        )
    return (
        f"{describe(request)} stopte onverwacht{_busy_with(request)}, waarschijnlijk "
        f"door te weinig geheugen (grens: {request.limits.megabytes} MB, instelling "
        "'geheugenlimiet'); kijk naar zeer grote tabellen, lijsten of logo's"
    )


def blamed_source(request: Request, signal_number: int | None) -> str | None:
    """The content file whose problem a step's crash is: none when the step was stopped
    from outside (the source is not to blame)."""
    return None if signal_number in STOPPED_FROM_OUTSIDE else request.source


def _seconds(number: float) -> str:
    return f"{number:g} seconde" if number == 1 else f"{number:g} seconden"


def _busy_with(request: Request) -> str:
    what = activity.last(Path(request.log))
    return f" (bezig met {what})" if what else ""


def environment_message(error: OSError, folder: Path | None = None) -> str | None:
    """A Dutch sentence for a fault of the machine rather than of the pipeline.

    `folder` is named when the error itself names no file (a write that failed).
    """
    folder = Path(error.filename).parent if error.filename else folder
    where = f" in {display_path(folder)}" if folder else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"de schijf is vol: er kon niets meer worden geschreven{where}"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"geen schrijfrechten{where}: kies een uitvoermap waarin u mag schrijven"
    if error.errno == errno.ENAMETOOLONG:
        return f"een bestandsnaam{where} is te lang voor het bestandssysteem"
    return None


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space; the cap cannot be raised again from inside."""
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def write_log(log: Path, text: str) -> None:
    """The step's log, best effort: a full disk must not hide the real message."""
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(text, encoding="utf-8")
    except OSError:
        pass


def remove_partial_files(request: Request, pid: int) -> None:
    """The temporary files a killed step (process `pid`) left beside its outputs
    and beside the renders it was keeping."""
    from ..atomic import partial_path
    from ..kept_renders import kept_paths

    for output in map(Path, request.outputs):
        for path in (output, *kept_paths(output)):
            partial_path(path, pid).unlink(missing_ok=True)
