"""What the builds placed in the output folder, so that reports without a source go.

A session that is deleted or renamed, or a series folder that is, leaves its
reports, overview and distribution packages behind: Snakemake only ever makes
files. After every good full build the record (`out/.logs/gemaakt.json`) lists the
outputs that the content folder's sessions account for; what an earlier record
listed and no session accounts for any more is removed. Only recorded paths are
ever removed, so a file a user put in the output folder is never touched; and
nothing is removed when the output folder was last built from another content
folder, or when the content folder has no sessions at all.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from . import paths
from .atomic import write_bytes

RECORD = Path(".logs") / "gemaakt.json"


def accounted_for(
    out: Path, sessions: Iterable[tuple[str, str]], distribution: bool
) -> list[Path]:
    """Every output the sessions account for: both names of each report (final and
    draft), the overviews of their series, the index, and with a distribution list
    the package of each session."""
    sessions = sorted(sessions)
    if not sessions:
        return []
    made = [
        p for reeks, sessie in sessions for p in paths.every_variant(out, reeks, sessie)
    ]
    made += [
        p for reeks in sorted({r for r, _ in sessions}) for p in paths.overview(out, reeks)
    ]
    made += paths.index(out)
    if distribution:
        made += [paths.package(out, reeks, sessie) for reeks, sessie in sessions]
    return made


def tidy(out: Path, content: Path, accounted: Iterable[Path]) -> list[Path]:
    """Remove what the last record lists and `accounted` does not; record what of
    `accounted` exists now. Returns what was removed (files and package folders)."""
    wanted = {_relative(path, out) for path in accounted}
    earlier, source = _read(out / RECORD)
    removed, kept = [], set()
    # No session at all is more likely a mistake (a wrong or emptied content folder)
    # than the end of every series: then nothing goes.
    if source == str(content) and wanted:
        for relative in sorted(earlier - wanted):
            path = out / relative
            if _remove(path):
                removed.append(path)
                _remove_empty_folders(path.parent, out)
            elif path.exists() or path.is_symlink():
                kept.add(relative)  # could not be removed: tried again next time
    existing = {relative for relative in wanted if (out / relative).exists()}
    record = {"content": str(content), "gemaakt": sorted(existing | kept)}
    data = json.dumps(record, indent=1).encode("utf-8") + b"\n"
    if not (out / RECORD).is_file() or (out / RECORD).read_bytes() != data:
        write_bytes(out / RECORD, data)
    return removed


def _relative(path: Path, out: Path) -> str:
    return path.relative_to(out).as_posix()


def _read(record: Path) -> tuple[set[str], str | None]:
    """The recorded outputs (only plain paths inside the output folder) and the
    content folder they were made from; nothing when the record is missing or damaged."""
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        listed, source = data["gemaakt"], data["content"]
    except (OSError, ValueError, KeyError, TypeError):
        return set(), None
    if not isinstance(listed, list) or not isinstance(source, str):
        return set(), None
    return {entry for entry in listed if _plain(entry)}, source


def _plain(entry: object) -> bool:
    """A relative path inside the output folder, outside its hidden folders."""
    if not isinstance(entry, str) or not entry or "\\" in entry or "\0" in entry:
        return False
    parts = PurePosixPath(entry).parts
    return not PurePosixPath(entry).is_absolute() and all(
        part not in ("", ".", "..") and not part.startswith(".") for part in parts
    )


def _remove(path: Path) -> bool:
    """Remove a file, a link or a package folder; True when something was removed."""
    try:
        if path.is_symlink() or path.is_file():
            path.unlink()
            return True
        if path.is_dir():
            shutil.rmtree(path)
            return True
    except OSError:
        return False
    return False


def _remove_empty_folders(folder: Path, out: Path) -> None:
    """Remove `folder` and its parents up to (not including) `out` while empty."""
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
