"""One build at a time per output folder and per project, and recovery after a kill.

A build holds an exclusive `flock` on a file in its output folder and one in the
project's `.snakemake` folder for as long as its process lives; the kernel drops
both when the process ends, however it ends. A second build waits. While both
are held, no other build of this project can be running, so Snakemake locks and
half-written files that are still lying around were left by a killed build and
are removed.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import sys
from pathlib import Path
from typing import IO

from .errors import ReportError, display_path

LOCK_FILE = ".bouw.lock"
_held: dict[Path, IO[str]] = {}


def hold(folder: Path, purpose: str) -> None:
    """Hold the build lock of `folder` until this process ends (waiting if needed)."""
    key = folder.resolve()
    if key in _held:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / LOCK_FILE, "a")  # noqa: SIM115 - kept open on purpose
    except OSError as error:
        raise ReportError(folder_problem(folder, purpose, error)) from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(
            f"Er loopt al een bouw met {display_path(folder)}; deze bouw wacht tot "
            "die klaar is.",
            file=sys.stderr,
        )
        fcntl.flock(handle, fcntl.LOCK_EX)
    _held[key] = handle


def writable(folder: Path, purpose: str) -> None:
    """Make sure a folder exists and takes a file, or say why not (in Dutch)."""
    probe = folder / f".proef.{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise ReportError(folder_problem(folder, purpose, error)) from None


def folder_problem(folder: Path, purpose: str, error: OSError) -> str:
    """Why a folder cannot be used, in Dutch, naming it."""
    shown = display_path(folder)
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return f"in de {purpose} {shown} mag niet worden geschreven; kies een andere map"
    if isinstance(error, FileExistsError) or (folder.exists() and not folder.is_dir()):
        return f"de {purpose} {shown} is een bestand, geen map; verplaats dat bestand"
    if isinstance(error, (FileNotFoundError, NotADirectoryError)):
        return f"de {purpose} {shown} kan niet worden gemaakt: de map erboven bestaat niet"
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"de schijf van de {purpose} {shown} is vol"
    return f"de {purpose} {shown} kan niet worden gebruikt (foutcode {error.errno})"


def clear_leftovers(out: Path, workdir: Path) -> None:
    """Remove what a killed build left: half-written files and Snakemake's locks.

    Call only while holding both locks (`hold`) of this build.
    """
    for partial in out.rglob(".*.part"):
        partial.unlink(missing_ok=True)
    locks = workdir / ".snakemake" / "locks"
    if locks.is_dir():
        shutil.rmtree(locks, ignore_errors=True)
