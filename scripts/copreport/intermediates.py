"""The build's own intermediate files of sessions and series that no longer exist.

Models (`out/.model`), staged and kept renders (`out/.werk`, `out/.werk/.bewaard`)
and step logs (`out/.logs`) carry the names of their series and session. After a
good build of every session, those of a session or series that is gone are removed,
as its reports are (see `output_record`): a deleted session then leaves nothing of
its text in the output folder. Only names of the shapes the pipeline writes go;
anything else in those folders stays.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

FOLDERS = (".model", ".werk", ".werk/.bewaard", ".logs")
"""The pipeline's own folders inside the output folder."""
OF_A_SESSION = (".json", ".pdf", ".docx", ".html", ".log")
"""How the files of a session end, in `<folder>/<reeks>/<sessie>.<...>`."""
OF_A_SERIES = (
    ".reeks.json",
    ".reeks.log",
    *(
        f".overzicht.{kind}{extra}"
        for kind in ("pdf", "docx", "html")
        for extra in ("", ".log")
    ),
    ".overzicht.pdf.json",
    ".overzicht.docx.json",
    ".overzicht.publish.log",
    ".deelname.png",
    ".deelname.png.json",
)
"""How the files of a series end, in `<folder>/<reeks>.<...>`."""


def stale(out: Path, sessions: Iterable[tuple[str, str]]) -> list[Path]:
    """The intermediate files in `out` of sessions and series not among `sessions`
    (``(reeks, sessie)`` pairs)."""
    names: dict[str, set[str]] = {}
    for reeks, sessie in sessions:
        names.setdefault(reeks, set()).add(sessie)
    found = []
    for folder in (out / name for name in FOLDERS if not _linked(out, name)):
        for entry in _entries(folder):
            if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                kept = names.get(entry.name, set())
                found += [
                    Path(inner.path)
                    for inner in _entries(Path(entry.path))
                    if inner.is_file(follow_symlinks=False)
                    and inner.name.endswith(OF_A_SESSION)
                    and not any(inner.name.startswith(f"{s}.") for s in kept)
                ]
            elif entry.is_file(follow_symlinks=False):
                series = _series_of(entry.name)
                if series is not None and series not in names:
                    found.append(Path(entry.path))
    return sorted(found)


def remove(paths: Iterable[Path]) -> list[Path]:
    """Remove `paths` (and series folders left empty); return what could not go."""
    failed = []
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            failed.append(path)
            continue
        if not path.parent.name.startswith("."):  # a series folder, perhaps empty now
            with contextlib.suppress(OSError):
                path.parent.rmdir()
    return failed


def _series_of(name: str) -> str | None:
    """The series a file directly in one of `FOLDERS` belongs to (None: no series)."""
    for ending in OF_A_SERIES:
        if name.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)]
    return None


def _linked(out: Path, name: str) -> bool:
    """Whether `out/name` goes through a link (that leads outside the output folder)."""
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
