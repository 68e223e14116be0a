"""What the builds placed in the output folder, so that reports without a source go.

A session that is deleted or renamed, or a series folder that is, leaves its
reports, overview and distribution package behind: Snakemake only ever makes
files. After every build the record (`out/.logs/gemaakt.json`) lists the outputs
of the current sessions that are there; after a good full build, what the record
listed and no session accounts for any more is removed.

Only what the pipeline makes can go, by its shape (`index.*`, `<reeks>/<naam>.pdf`,
`.docx`, `.html`, and the package files in `<reeks>/verzending/<sessie>/`), only
inside the output folder (not through a linked folder), never a file that is also
one the sessions account for (a name that differs in case only, on a disk that
ignores case), and nothing when the output folder was last built from another
content folder (or from one that is no longer where it was). The caller removes
nothing when the content folder has no sessions at all.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import intermediates, paths
from .atomic import write_bytes

RECORD = Path(".logs") / "gemaakt.json"


@dataclass
class Tidied:
    """What a tidy-up did."""

    removed: list[Path] = field(default_factory=list)
    failed: list[Path] = field(default_factory=list)
    """Outputs without a source that could not be removed (tried again next time)."""
    unrecorded: bool = False
    """The record could not be written."""
    other_content: str | None = None
    """The content folder of the last record when it was another (nothing removed)."""
    waiting: list[Path] = field(default_factory=list)
    """After a build that was not full: what the next full build will remove."""
    intermediates_failed: list[Path] = field(default_factory=list)
    """Intermediate files of gone sessions that could not be removed (tried again)."""


def build_started() -> float:
    """The moment a build begins, whole seconds back (some disks keep coarse file
    times): what has a later time was written by the build."""
    return math.floor(time.time()) - 1


def tidy(
    out: Path,
    content: Path,
    accounted: Iterable[Path],
    started: float,
    full: bool = True,
) -> Tidied:
    """After a build that `started` then: if it was `full` (every session, no
    errors), remove what the record lists and `accounted` does not, with the
    intermediate files of its sessions and series (see `intermediates`); then record
    what of `accounted` is ours."""
    keep = {_relative(path, out) for path in accounted}
    earlier, source = _read(out / RECORD)
    done = Tidied()
    if source is not None and not _same_folder(source, content):
        left = _removable(out, sorted(earlier - keep), keep)
        done.other_content = source if full and left else None
        earlier = set()  # another folder's outputs: not ours to remove, later either
    elif not full:
        left = _removable(out, sorted(earlier - keep), keep)
        done.waiting = [out / relative for relative in left]
    else:
        for relative in _removable(out, sorted(earlier - keep), keep):
            path = out / relative
            try:
                if _remove(path, relative):
                    done.removed.append(path)
                    _remove_empty_folders(path.parent, out)
            except OSError:
                done.failed.append(path)
        gone = intermediates.stale(out, keep, earlier - keep)
        done.intermediates_failed = intermediates.remove(gone)
    ended = time.time() + 1
    there = _present(out, keep)
    ours = {r for r in there if _ours(out, r, earlier, there, (started, ended), full)}
    if full:  # what could not be removed is tried again next time
        waiting = {_relative(path, out) for path in done.failed}
        if done.intermediates_failed:  # the gone sessions stay known until then
            waiting |= earlier - keep
    else:  # what has lost its session waits for a full build
        waiting = {relative for relative in earlier - keep if _exists(out / relative)}
    done.unrecorded = not _write(out, content, ours | waiting)
    return done


def _ours(
    out: Path,
    relative: str,
    earlier: set[str],
    there: set[str],
    build: tuple[float, float],
    full: bool,
) -> bool:
    """Whether an output the sessions account for (and that is `there`) was made by
    the pipeline: recorded before, or written during the `build`; after a `full`
    build also a report that is the only one of its two names (final and draft): the
    build made or checked it, and the other name may be a file the user put there."""
    if relative in earlier or _written_during(out / relative, build):
        return True
    if not full or relative.count("/") != 1:
        return False  # a package of a draft, say, may be the user's own folder
    return _relative(paths.other_variant(out / relative), out) not in there


def _present(out: Path, relatives: set[str]) -> set[str]:
    """Which of `relatives` exist, from one listing per folder (not one look each)."""
    folders: dict[str, set[str]] = {}
    for relative in relatives:
        folder, _, name = relative.rpartition("/")
        folders.setdefault(folder, set()).add(name)
    there = set()
    for folder, names in folders.items():
        try:
            with os.scandir(out / folder) as entries:
                found = {entry.name for entry in entries} & names
        except (OSError, ValueError):
            continue
        there.update(f"{folder}/{name}" if folder else name for name in found)
    return there


def _write(out: Path, content: Path, listed: set[str]) -> bool:
    """Record `listed` as made from `content`; False when that failed."""
    record = {"content": str(content), "gemaakt": sorted(listed)}
    data = json.dumps(record, indent=1).encode("utf-8") + b"\n"
    target = out / RECORD
    try:
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            return True
        write_bytes(target, data)
    except OSError:
        return False
    return True


def _removable(out: Path, entries: list[str], keep: set[str]) -> list[str]:
    """The recorded `entries` that exist, lie inside the output folder (not behind a
    linked folder) and are not also a file the sessions account for."""
    if not entries:
        return []
    root = os.path.realpath(out)
    wanted = {_identity(out / relative) for relative in _present(out, keep)}
    found = []
    for relative in entries:
        path = out / relative
        identity = _identity(path)
        if identity is None or identity in wanted:
            continue
        with contextlib.suppress(OSError, ValueError):
            if _inside(path.parent, root):
                found.append(relative)
    return found


def _relative(path: Path, out: Path) -> str:
    """`path` below `out`, with ``/`` (by its text: thousands of paths per build)."""
    text, prefix = str(path), str(out) + os.sep
    if text.startswith(prefix):
        return text[len(prefix) :].replace(os.sep, "/")
    return path.relative_to(out).as_posix()


def _read(record: Path) -> tuple[set[str], str | None]:
    """The recorded outputs (only entries shaped like the pipeline's outputs) and the
    content folder they were made from; nothing when the record is missing, not a
    plain file, or damaged."""
    try:
        if record.is_symlink() or not record.is_file():
            return set(), None
        data = json.loads(record.read_text(encoding="utf-8"))
        listed, source = data["gemaakt"], data["content"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return set(), None
    if not isinstance(listed, list) or not _plain_text(source) or "/" not in source:
        return set(), None
    return {entry for entry in listed if _shaped_like_output(entry)}, source


def _plain_text(text: object) -> bool:
    """A string a file name can hold and a terminal shows as it is."""
    if not isinstance(text, str) or any(ord(char) < 32 or char == "\\" for char in text):
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shaped_like_output(entry: object) -> bool:
    """`index.html`/`.pdf`, `<reeks>/<naam>.pdf|.docx|.html` or
    `<reeks>/verzending/<sessie>`: plain names, nothing hidden."""
    if not _plain_text(entry):
        return False
    parts = entry.split("/")
    if any(not part or part.startswith(".") or len(part.encode()) > 255 for part in parts):
        return False
    if len(parts) == 1:
        return entry in {path.name for path in paths.index(Path())}
    if len(parts) == 2:
        return Path(parts[1]).suffix.lstrip(".") in paths.REPORT_KINDS
    return len(parts) == 3 and parts[1] == paths.PACKAGES


def _same_folder(recorded: str, content: Path) -> bool:
    """Whether the recorded content folder is `content` (a folder that is no longer
    there is another one: it may have moved, or be on a disk that is not attached)."""
    try:
        return os.path.samefile(recorded, content)
    except (OSError, ValueError):
        return recorded == str(content)


def _identity(path: Path) -> tuple[int, int] | None:
    """Device and inode of `path` itself (not what a link points to); None: absent."""
    try:
        status = os.lstat(path)
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino


def _inside(folder: Path, root: str) -> bool:
    real = os.path.realpath(folder)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _written_during(path: Path, build: tuple[float, float]) -> bool:
    try:
        return build[0] <= os.lstat(path).st_mtime <= build[1]
    except (OSError, ValueError):
        return False


def _exists(path: Path) -> bool:
    return _identity(path) is not None


def _remove(path: Path, relative: str) -> bool:
    """Remove a report (or a link in its place), or a package's own files and then its
    folder if nothing else is in it; True when something was removed."""
    if path.is_symlink() or (path.is_file() and relative.count("/") < 2):
        path.unlink()
        return True
    if not path.is_dir() or relative.count("/") != 2:
        return False
    removed = False
    for item in path.iterdir():
        if paths.PACKAGE_FILE.fullmatch(item.name) and (
            item.is_symlink() or item.is_file()
        ):
            item.unlink()
            removed = True
    with contextlib.suppress(OSError):  # the user's own files are in it: they stay
        path.rmdir()
        removed = True
    return removed


def _remove_empty_folders(folder: Path, out: Path) -> None:
    """Remove `folder` and its parents up to (not including) `out` while empty."""
    while folder != out and out in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
