"""What a step is busy with, readable by whoever has to stop it.

A step notes the part it works on (``logo 'logo/x.svg'``) in a small file beside
its log. When the step is stopped at its time or memory limit, the message names
that part, so the user knows which logo or table to look at.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

_current: Path | None = None


def activity_file(log: Path) -> Path:
    return log.with_name(log.name + ".bezig")


def begin(log: Path) -> None:
    """Start noting for the step whose log is `log` (in the process doing the step)."""
    global _current
    _current = activity_file(log)
    _current.unlink(missing_ok=True)


def note(what: str) -> None:
    """Say what the step works on now (best effort, never in the way)."""
    if _current is not None:
        with contextlib.suppress(OSError):
            _current.write_text(what, encoding="utf-8")


@contextlib.contextmanager
def busy(what: str) -> Iterator[None]:
    """Note `what` for the block; the note goes when the block is done, and stays when
    the block is stopped (a time limit, an error), so the message can name it."""
    note(what)
    yield
    if _current is not None:
        _current.unlink(missing_ok=True)


def end() -> None:
    global _current
    if _current is not None:
        _current.unlink(missing_ok=True)
    _current = None


def last(log: Path) -> str | None:
    """What a stopped step last noted, if anything; the note is removed."""
    path = activity_file(log)
    try:
        what = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    path.unlink(missing_ok=True)
    return what or None
