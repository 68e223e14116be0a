"""Temporary folders that a killed process does not leave behind for good.

A folder's name carries the process id of its maker
(``copreport-<purpose>-<pid>-<random>``, in the system's temporary folder).
`kill -9` skips every cleanup, so making a folder first removes the folders of
the same purpose whose maker has ended.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = "copreport-"


def scratch_folder(purpose: str) -> Path:
    """A new private folder for `purpose` (after removing those of ended processes)."""
    base = Path(tempfile.gettempdir())
    remove_leftovers(base, purpose)
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{purpose}-{os.getpid()}-", dir=base))


@contextmanager
def scratch(purpose: str) -> Iterator[Path]:
    """A scratch folder for the `with` block, removed afterwards."""
    folder = scratch_folder(purpose)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove_leftovers(base: Path, purpose: str) -> None:
    """Remove this user's folders for `purpose` in `base` whose maker has ended."""
    start = len(PREFIX) + len(purpose) + 1
    for folder in base.glob(f"{PREFIX}{purpose}-*-*"):
        maker = folder.name[start:].split("-", 1)[0]
        if not maker.isdigit() or folder.is_symlink() or not folder.is_dir():
            continue
        if folder.lstat().st_uid == os.getuid() and process_ended(int(maker)):
            shutil.rmtree(folder, ignore_errors=True)


def process_ended(pid: int) -> bool:
    """Whether no process has this id any more (False when that cannot be told)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):
        return False
    return False
