"""Whether an output folder is still the one that Snakemake's records describe.

Snakemake keeps what it knows about every output (the checksums of its inputs, its
code and parameters) in the project's `.snakemake/`, by path. An output folder that
was replaced by an older copy (a restored backup) then looks up to date while it is
not: a session edited since keeps its old report. So every build leaves the same
random stamp in the output folder and beside Snakemake's records; when they differ,
the folder was replaced, and the next build makes everything in it again.
"""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from .atomic import write_bytes

IN_OUTPUT = Path(".logs") / "stempel"
"""The stamp inside the output folder."""


def replaced(root: Path, out: Path) -> bool:
    """Whether `out` is not the folder the last build of this project wrote to it."""
    try:
        known = _beside_records(root, out).read_bytes()
    except OSError:
        return False  # no build of this project wrote here yet
    try:
        return (out / IN_OUTPUT).read_bytes() != known
    except OSError:
        return True  # its stamp is gone with the rest: replaced or wiped


def renew(root: Path, out: Path) -> None:
    """After Snakemake ran: a new stamp, first in the output folder (if the second
    write never happens, they differ, and the next build makes everything: safe)."""
    stamp = secrets.token_hex(16).encode()
    try:
        write_bytes(out / IN_OUTPUT, stamp)
        write_bytes(_beside_records(root, out), stamp)
    except OSError:
        pass  # a full disk: the build itself says so


def _beside_records(root: Path, out: Path) -> Path:
    name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:24]
    return root / ".snakemake" / "copreport-stempels" / name
