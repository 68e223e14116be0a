"""Knowing, without starting Snakemake, what changed since the last good build.

After a build in which every step succeeded, the command line records the state
of everything that can change a report: every file and folder (name, size,
modification time) in the content folder, the workflow's code and templates, the
reports and the build's working files, and the settings and targets of the
build. The session sources are recorded one by one, what the build reads as it
was when the build began (an edit saved during a build is seen by the next).

When the next build finds the same state, every report is up to date and
Snakemake is not started. When only the text of some sessions changed (the same
sessions, nothing else touched), only their series can have changed: the build
then names just those series' reports, overviews and packages and the index,
which spares Snakemake planning every other series. Snakemake compares more than
sizes and times (a neighbour's title in its parameters, say): should it still find
work outside those series, the command plans the whole build after all. (An edit
that keeps a file's size and time stays unseen by both, as it always did.) Any
other difference, however small, and Snakemake plans the whole build as usual. A
build that stops halfway, or Snakemake run directly, removes the record first.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

RECORD = Path(".logs") / "bouwstaat"
"""Where, inside the output folder, the digest of the last good build is kept."""
PROJECT_PARTS = (
    "Snakefile",
    "rules",
    "scripts",
    "templates",
    "profiles",
    "requirements.txt",
)
_SKIPPED = {"__pycache__", ".logs", ".bouw.lock"}


@dataclasses.dataclass(frozen=True)
class State:
    """The state of a build: what it reads, its session sources one by one, and what it
    wrote."""

    inputs: str
    """Digest of the settings, the project and every content file but the sessions."""
    sources: dict[str, list[int]]
    """Path inside the content folder of each session source: [size, time]."""
    output: str
    """Digest of the output folder."""


def state(
    project: Path,
    content: Path,
    out: Path,
    config: Mapping[str, Any],
    targets: Iterable[str],
    sessions: Iterable[tuple[str, str]],
) -> State:
    """The build's whole state (see the module's description)."""
    hasher = hashlib.sha256()
    settings = {
        "config": dict(sorted(config.items())),
        "targets": sorted(targets),
        "python": [sys.executable, sys.version],
    }
    hasher.update(json.dumps(settings, sort_keys=True).encode())
    named = {os.path.join(reeks, f"{sessie}.md") for reeks, sessie in sessions}
    for part in PROJECT_PARTS:
        _add(hasher, _files(project / part))
    _add(
        hasher, (f for f in _files(content) if os.path.relpath(f[0], content) not in named)
    )
    # Each by its own name (through a linked series folder too), not as the walk met it.
    # Lists, not tuples: the record is JSON, and what it reads back must compare equal.
    sources = {name: list(_status(content / name)) for name in sorted(named)}
    return State(hasher.hexdigest(), sources, _digest(out))


def finished(before: State, out: Path) -> State:
    """What to record after a good build: what it read as it was when it began (an edit
    saved during the build is then seen by the next), and its output as it is now."""
    return State(before.inputs, before.sources, _digest(out))


def _digest(root: Path) -> str:
    """One digest of the names, sizes and times of everything under `root`."""
    hasher = hashlib.sha256()
    _add(hasher, _files(root))
    return hasher.hexdigest()


def _add(hasher: Any, files: Iterable[tuple[str, int, int]]) -> None:
    """Feed (path, size, time) entries to a digest."""
    for path, size, mtime in files:
        hasher.update(f"{path}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))


def _status(path: Path) -> tuple[int, int]:
    """Size and time of a file, through links (-1, -1 when it cannot be read)."""
    try:
        status = path.stat()
    except OSError:
        return -1, -1
    return status.st_size, status.st_mtime_ns


def _files(root: Path) -> Iterable[tuple[str, int, int]]:
    """(path, size, modification time) of every file under `root`, in a fixed order."""
    try:
        status = root.stat()
    except OSError:
        yield str(root), -1, -1
        return
    if not root.is_dir():
        yield str(root), status.st_size, status.st_mtime_ns
        return
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name not in _SKIPPED)
        for name in subfolders:  # an empty or linked folder counts too
            yield os.path.join(folder, name) + os.sep, -2, -2
        for name in sorted(files):
            if name in _SKIPPED:
                continue
            path = os.path.join(folder, name)
            try:
                status = os.stat(path)
            except OSError:
                yield path, -1, -1
                continue
            yield path, status.st_size, status.st_mtime_ns


def unchanged(out: Path, now: State) -> bool:
    """Whether the last good build left exactly this state."""
    return _recorded(out) == now


def edited_sources(out: Path, now: State) -> list[str]:
    """The session sources (paths inside the content folder) whose text alone changed
    since the last good build; empty when nothing changed or anything else did too."""
    before = _recorded(out)
    if (
        before is None
        or (before.inputs, before.output) != (now.inputs, now.output)
        or before.sources.keys() != now.sources.keys()
    ):
        return []
    return [
        source for source, status in now.sources.items() if before.sources[source] != status
    ]


def series_of(sources: Iterable[str]) -> set[str]:
    """The series of session sources (paths inside the content folder)."""
    return {Path(source).parts[0] for source in sources}


def record(out: Path, now: State) -> None:
    """Remember the state after a good build (best effort)."""
    try:
        (out / RECORD).parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(dataclasses.asdict(now), sort_keys=True)
        (out / RECORD).write_text(text + "\n", encoding="utf-8")
    except OSError:
        pass


def forget(out: Path) -> None:
    """Any build that may change something first drops the record."""
    (out / RECORD).unlink(missing_ok=True)


def _recorded(out: Path) -> State | None:
    """The state the last good build recorded, if it can be read."""
    try:
        saved = json.loads((out / RECORD).read_text(encoding="utf-8"))
        return State(str(saved["inputs"]), dict(saved["sources"]), str(saved["output"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
