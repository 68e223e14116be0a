"""The build's own intermediate files of sessions and series that no longer exist.

Models (`out/.model`), staged and kept renders (`out/.werk`, `out/.werk/.bewaard`)
and step logs (`out/.logs`) carry the names of their series and session. When the
output record (see `output_record`) removes the reports of a session or series that
is gone, these go too: a deleted session then leaves nothing of its text in the
output folder. Only sessions and series the record knew as the pipeline's own are
concerned, only files named as the pipeline names them, never through a link, and
never a session or series whose name differs from a current one only in case or
Unicode form (on a disk that ignores case that is the same file).
"""

from __future__ import annotations

import contextlib
import os
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .paths import DRAFT_SUFFIX, FIGURE_SUFFIX, KEPT, MODELS, REPORT_KINDS, STAGED

FOLDERS = (MODELS, STAGED, f"{STAGED}/{KEPT}", ".logs")
"""The pipeline's own folders inside the output folder."""
OF_A_SESSION = (".json", ".pdf", ".docx", ".html", ".log")
"""How the files of a session end, in `<folder>/<reeks>/<sessie>.<...>`."""
OF_A_SERIES = (
    ".reeks.json",
    ".reeks.log",
    *(f".overzicht.{kind}{extra}" for kind in REPORT_KINDS for extra in ("", ".log")),
    ".overzicht.pdf.json",
    ".overzicht.docx.json",
    ".overzicht.publish.log",
    ".overzicht.vooraf.log",
    FIGURE_SUFFIX,
    f"{FIGURE_SUFFIX}.json",
)
"""How the files of a series end, in `<folder>/<reeks>.<...>`."""
OVERVIEW = "overzicht"


def stale(out: Path, wanted: Iterable[str], recorded: Iterable[str]) -> list[Path]:
    """The intermediate files in `out` of the sessions and series that the `recorded`
    outputs belong to and none of the `wanted` outputs does (outputs as the record
    names them: ``<reeks>/<sessie>.pdf``, ``<reeks>/overzicht.html``, ...)."""
    current, before = _named(wanted), _named(recorded)
    series_now = {_loose(reeks) for reeks in current}
    sessions_now = {(_loose(r), _loose(s)) for r, names in current.items() for s in names}
    gone_series = {reeks for reeks in before if _loose(reeks) not in series_now}
    gone = {
        reeks: {s for s in names if (_loose(reeks), _loose(s)) not in sessions_now}
        for reeks, names in before.items()
    }
    found = []
    for folder in (out / name for name in FOLDERS if not _linked(out, name)):
        for entry in _entries(folder):
            if entry.is_dir(follow_symlinks=False) and gone.get(entry.name):
                known = current.get(entry.name, set()) | gone[entry.name]
                found += [
                    Path(inner.path)
                    for inner in _entries(Path(entry.path))
                    if inner.is_file(follow_symlinks=False)
                    and _owner(inner.name, known) in gone[entry.name]
                ]
            elif (
                entry.is_file(follow_symlinks=False)
                and _series_of(entry.name) in gone_series
            ):
                found.append(Path(entry.path))
    return sorted(found)


def remove(paths: Iterable[Path]) -> list[Path]:
    """Remove `paths` and the series folders they leave empty; return what could not
    go."""
    failed = []
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            failed.append(path)
            continue
        folder = path.parent  # <.folder>/<reeks>/<file>: the series folder may be empty
        if not folder.name.startswith(".") and folder.parent.name.startswith("."):
            with contextlib.suppress(OSError):
                folder.rmdir()
    return failed


def _named(outputs: Iterable[str]) -> dict[str, set[str]]:
    """The series and their sessions that reports and overviews are of (a session by
    its name without the draft ending)."""
    named: dict[str, set[str]] = {}
    for output in outputs:
        reeks, slash, name = output.partition("/")
        stem, dot, kind = name.rpartition(".")
        if not slash or "/" in name or not dot or kind not in REPORT_KINDS:
            continue  # the index, or a distribution package's file
        sessions = named.setdefault(reeks, set())
        if stem != OVERVIEW:
            sessions.add(stem.removesuffix(DRAFT_SUFFIX))
    return named


def _owner(name: str, sessions: set[str]) -> str | None:
    """The session a file in a series folder belongs to: the longest session name it
    starts with (``2024-05-01.v2.json`` is not ``2024-05-01``'s); None: no session's."""
    if not name.endswith(OF_A_SESSION):
        return None
    owners = [s for s in sessions if name.startswith(f"{s}.")]
    return max(owners, key=len) if owners else None


def _series_of(name: str) -> str | None:
    """The series a file directly in one of `FOLDERS` belongs to (None: no series)."""
    for ending in OF_A_SERIES:
        if name.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)]
    return None


def _loose(name: str) -> str:
    """A name as a disk that ignores case and Unicode form sees it."""
    return unicodedata.normalize("NFC", name).casefold()


def _linked(out: Path, name: str) -> bool:
    """Whether `out/name` goes through a link (which could lead anywhere)."""
    path = out
    for part in Path(name).parts:
        path = path / part
        if path.is_symlink():
            return True
    return False


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as listing:
            return list(listing)
    except OSError:
        return []
