"""Writing an output file so that it is either complete or absent, never half.

The data goes to a hidden temporary file beside the target
(`.name.<process id>.part`), which is renamed onto the target only when it is
complete; a rename within one folder is atomic. The process id keeps two writers
apart, and lets whoever stops a process find and remove what it left.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def partial_path(target: Path, pid: int | None = None) -> Path:
    """Where process `pid` (default: this one) writes `target` before it is complete."""
    return target.with_name(f".{target.name}.{pid or os.getpid()}.part")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`; renamed onto it only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = partial_path(target)
    temporary.unlink(missing_ok=True)
    try:
        yield temporary
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_bytes(target: Path, data: bytes) -> None:
    """Write `data` to `target` atomically."""
    with atomic_path(target) as temporary:
        temporary.write_bytes(data)
