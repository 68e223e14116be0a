"""Whether a process still runs, for what `kill -9` left behind."""

from __future__ import annotations

import os


def ended(pid: int) -> bool:
    """Whether no process has this id any more (False when that cannot be told)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):
        return False
    return False
