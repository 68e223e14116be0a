"""Knowing, without starting Snakemake, that nothing changed since the last good build.

After a build in which every step succeeded, the command line records a digest
of everything that can change a report: every file (name, size, modification
time) in the content folder, the workflow's code and templates, the reports and
the build's working files, and the settings and targets of the build. When the
next build finds the same digest, every report is up to date and Snakemake is
not started; any difference, however small, and Snakemake decides as usual. A
build that stops halfway, or Snakemake run directly, removes the record first.
"""

from __future__ import annotations

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


def digest(
    project: Path,
    content: Path,
    out: Path,
    config: Mapping[str, Any],
    targets: Iterable[str],
) -> str:
    """The digest of the build's whole state (see the module's description)."""
    hasher = hashlib.sha256()
    settings = {
        "config": dict(sorted(config.items())),
        "targets": sorted(targets),
        "python": [sys.executable, sys.version],
    }
    hasher.update(json.dumps(settings, sort_keys=True).encode())
    roots = [project / part for part in PROJECT_PARTS] + [content, out]
    for root in roots:
        for path, size, mtime in _files(root):
            hasher.update(f"{path}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))
    return hasher.hexdigest()


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


def unchanged(out: Path, state: str) -> bool:
    """Whether the last good build left exactly this state."""
    try:
        return (out / RECORD).read_text(encoding="ascii").strip() == state
    except (OSError, UnicodeDecodeError):
        return False


def record(out: Path, state: str) -> None:
    """Remember the state after a good build (best effort)."""
    try:
        (out / RECORD).parent.mkdir(parents=True, exist_ok=True)
        (out / RECORD).write_text(state + "\n", encoding="ascii")
    except OSError:
        pass


def forget(out: Path) -> None:
    """Any build that may change something first drops the record."""
    (out / RECORD).unlink(missing_ok=True)
