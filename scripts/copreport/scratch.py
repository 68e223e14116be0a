"""Temporary folders that a killed process does not leave behind for good.

A folder's name carries the process id of its maker
(``copreport-<purpose>-<pid>-<random>``, in the system's temporary folder).
`kill -9` skips every cleanup, so making a folder first removes the folders of
the same purpose whose maker has ended.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .processes import ended

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
        with contextlib.suppress(OSError):  # another process may clear it first
            if not maker.isdigit() or folder.is_symlink() or not folder.is_dir():
                continue
            if folder.lstat().st_uid == os.getuid() and ended(int(maker)):
                shutil.rmtree(folder, ignore_errors=True)
