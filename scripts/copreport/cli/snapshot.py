"""Knowing, without starting Snakemake, what changed since the last good build.

After a build in which every step succeeded, the command line records the state
of everything that can change a report: every file (name, size, modification
time) in the content folder, the workflow's code and templates, the reports and
the build's working files, and the settings and targets of the build. The
session sources are recorded one by one, everything else as one digest.

When the next build finds the same state, every report is up to date and
Snakemake is not started. When only the text of some sessions changed (the same
sessions, nothing else touched), only their series can have changed: the build
then names just those series' reports, overviews and the index, which spares
Snakemake planning every other series. Any other difference, however small, and
Snakemake plans the whole build as usual. A build that stops halfway, or
Snakemake run directly, removes the record first.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True)
class State:
    """The state of a build: its session sources one by one, the rest as a digest."""

    rest: str
    sources: dict[str, list[int]]
    """Path inside the content folder of each session source: [size, time]."""


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
    sources = {}
    roots = [project / part for part in PROJECT_PARTS] + [content, out]
    for root in roots:
        for path, size, mtime in _files(root):
            inside = os.path.relpath(path, content) if root == content else None
            if inside in named:
                sources[inside] = [size, mtime]
                continue
            hasher.update(f"{path}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))
    return State(hasher.hexdigest(), sources)


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


def edited_series(out: Path, now: State) -> set[str]:
    """The series of the sessions whose text alone changed since the last good build;
    empty when nothing changed or when anything else changed too."""
    before = _recorded(out)
    if (
        before is None
        or before.rest != now.rest
        or before.sources.keys() != now.sources.keys()
    ):
        return set()
    return {
        Path(source).parts[0]
        for source, status in now.sources.items()
        if before.sources[source] != status
    }


def record(out: Path, now: State) -> None:
    """Remember the state after a good build (best effort)."""
    try:
        (out / RECORD).parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"rest": now.rest, "sources": now.sources}, sort_keys=True)
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
        return State(str(saved["rest"]), dict(saved["sources"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
