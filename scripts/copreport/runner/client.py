"""Getting a step done: by the build's fork server when there is one, else in a process of its own.

`enable_server` (called once by the process that owns a build, for local
execution only) names a socket for this build in the environment; the first
step that needs the server starts it there. A job that finds no server name
(a cluster job, or a build with the server switched off) runs its step in a new
Python process, under the same limits, with the same result.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from ..processes import ended
from .perform import (
    blamed_source,
    crash_message,
    remove_partial_files,
    time_message,
    write_log,
)
from .protocol import Request, Result, receive, send
from .server import STOP, WORKERS_ENV, remove_traces

SERVER_ENV = "COPREPORT_SERVER"
"""The socket of the build's fork server; absent: every step runs in its own process."""
OFF_ENV = "COPREPORT_NO_SERVER"
"""Set (to anything) to build without a fork server, one process per step."""
SCRIPTS = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 60.0
STOPPED = "niet gedaan: de bouw werd afgebroken"
STOP_SECONDS = 7.0
"""How long a server may take to exit when asked (more than its `HARD_STOP_SECONDS`)."""

_start_lock = threading.Lock()
_started: dict[str, subprocess.Popen] = {}
"""Servers this process started (so that it can end them, even mid-start)."""
_broken: set[str] = set()
"""Servers that could not start or died: this process does not try them again."""
_registry = threading.Lock()
"""Held while a server is started or stopped, so that a stop never misses a start."""
_stopped: set[str] = set()
"""Servers this process stopped: a start still under way must not start them again."""
_interrupted: set[str] = set()
"""Servers of builds that their user stopped (Ctrl-C)."""


def enable_server(workers: int, owner: int | None = None) -> Path | None:
    """Name the fork server of the build owned by `owner` (default: this process).

    At most `workers` steps run at once in the server; more requests wait there.
    """
    if os.environ.get(OFF_ENV):
        os.environ.pop(SERVER_ENV, None)
        return None
    owner = owner or os.getpid()
    folder = _socket_folder()
    _remove_traces_of_ended_builds(folder)
    path = folder / f"{owner}.sock"
    _stopped.discard(str(path))  # a new build: its server may start (again)
    _broken.discard(str(path))
    _interrupted.discard(str(path))
    os.environ[SERVER_ENV] = str(path)
    os.environ[WORKERS_ENV] = str(workers)
    return path


def disable_server() -> None:
    """Jobs started from now on run in their own process (cluster execution)."""
    os.environ.pop(SERVER_ENV, None)


def start_server() -> None:
    """Start the named server now, without waiting (the build command does this early)."""
    address = os.environ.get(SERVER_ENV)
    if address:
        threading.Thread(target=_ensure_server, args=(Path(address),), daemon=True).start()


def ask_ahead(request: Request) -> None:
    """Have the named server do a step ahead of the build's own steps (one of
    `protocol.AHEAD`), without waiting for it; without a server, nothing happens."""
    address = os.environ.get(SERVER_ENV)
    if address:
        threading.Thread(
            target=_send_ahead, args=(Path(address), request), daemon=True
        ).start()


def _send_ahead(path: Path, request: Request) -> None:
    connection = _connect(path) if _ensure_server(path) else None
    if connection is not None:
        with connection, contextlib.suppress(OSError):
            send(connection, request.to_json())


def owns_server() -> bool:
    """Whether this process owns the named server (and so must stop it)."""
    address = os.environ.get(SERVER_ENV)
    return bool(address) and Path(address).stem == str(os.getpid())


def interrupt() -> None:
    """The user stopped the build (Ctrl-C, a stop signal): stop its server at once;
    the steps it was doing are not done again in processes of their own."""
    address = os.environ.get(SERVER_ENV)
    if address:
        _interrupted.add(address)
    stop_server()


def stop_server() -> None:
    """Ask the named server to exit (at the end of a build), and wait until one this
    process started has exited."""
    address = os.environ.get(SERVER_ENV)
    if not address:
        return
    with _registry:
        _stopped.add(address)
        server = _started.pop(address, None)
    with (
        contextlib.suppress(OSError),
        socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection,
    ):
        connection.settimeout(2)
        connection.connect(address)
        send(connection, STOP)
    if server is not None:
        # It reads the request only between two stages of its warm-up; SIGTERM ends
        # a stage at once.
        server.terminate()
        try:
            server.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        _remove_traces(Path(address), server.pid)  # if it could not clean up itself


def run(request: Request) -> Result:
    """Do the step and say how it went; never raises for anything the step does."""
    address = os.environ.get(SERVER_ENV)
    if address and address not in _broken:
        result = _via_server(Path(address), request)
        if result is not None:
            return result
    if address in _interrupted:  # its steps end; none starts again on its own
        return Result.failure(STOPPED, request.source)
    return _own_process(request)


# --- through the fork server --------------------------------------------------------


def _via_server(path: Path, request: Request) -> Result | None:
    connection = _connect(path)
    if connection is None and _ensure_server(path):
        connection = _connect(path)
    if connection is None:
        _broken.add(str(path))
        return None
    with connection:
        try:
            send(connection, request.to_json())
            answer = receive(connection)
        except OSError:
            answer = None
    if answer is None:  # the server died during the step: do it again, on our own
        _broken.add(str(path))
        return None
    return Result.from_json(answer)


def _connect(path: Path) -> socket.socket | None:
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(str(path))
    except OSError:
        connection.close()
        return None
    return connection


def _ensure_server(path: Path) -> bool:
    """Start the server unless it runs; True when it answers (or just got ready)."""
    if str(path) in _stopped or str(path) in _broken:
        return False  # before the start lock: a refused start leaves no lock file
    with _start_lock, _file_lock(path.with_suffix(".start")):
        probe = _connect(path)
        if probe is not None:
            probe.close()
            return True
        if str(path) in _broken:
            return False
        path.unlink(missing_ok=True)  # left by a server that was killed
        owner = int(path.stem)
        ready_read, ready_write = os.pipe()
        log = path.with_suffix(".log")
        with _registry:
            if str(path) in _stopped:  # the build ended before its server could start
                os.close(ready_read)
                os.close(ready_write)
                path.with_suffix(".start").unlink(missing_ok=True)
                return False
            try:
                with open(log, "wb") as errors:
                    server = subprocess.Popen(
                        [
                            sys.executable,
                            "-I",
                            "-c",
                            _boot("copreport.runner.server"),
                            str(path),
                            str(owner),
                            str(ready_write),
                        ],
                        stdin=subprocess.DEVNULL,
                        stdout=errors,
                        stderr=errors,
                        pass_fds=(ready_write,),
                        start_new_session=True,
                        close_fds=True,
                    )
            except OSError:
                os.close(ready_read)
                _broken.add(str(path))
                return False
            finally:
                os.close(ready_write)
            _started[str(path)] = server
        try:
            ready, _, _ = select.select([ready_read], [], [], STARTUP_SECONDS)
            started = bool(ready) and os.read(ready_read, 1) == b"1"
        finally:
            os.close(ready_read)
        if not started:
            server.kill()
            _broken.add(str(path))
        return started


def _remove_traces_of_ended_builds(folder: Path) -> None:
    """Socket, start lock and log of builds that were killed (`kill -9` leaves them)."""
    for trace in folder.glob("*.*"):
        if not trace.stem.isdigit() or trace.suffix not in (".sock", ".start", ".log"):
            continue
        if ended(int(trace.stem)):
            trace.unlink(missing_ok=True)


def _remove_traces(path: Path, pid: int) -> None:
    """What a server ended before it could clean up leaves: its own traces (see
    `server.remove_traces`) and a socket it was binding."""
    remove_traces(path)
    path.with_name(f".{path.name}.{pid}").unlink(missing_ok=True)


class _file_lock:
    """An exclusive lock on a file, held for the `with` block."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> None:
        self.handle = open(self.path, "a")
        fcntl.flock(self.handle, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        self.handle.close()


def _socket_folder() -> Path:
    """A folder only this user can enter, with a short path (sockets allow ~100 bytes)."""
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    folder = Path(base) / f"copreport-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    status = folder.lstat()
    if status.st_uid != os.getuid() or not folder.is_dir() or folder.is_symlink():
        raise OSError(f"{folder} belongs to someone else")
    folder.chmod(0o700)
    return folder


# --- in a process of its own ---------------------------------------------------------


def _boot(module: str) -> str:
    """Python code that makes the package importable and runs `module`'s main()."""
    return (
        f"import sys; sys.path.insert(0, {str(SCRIPTS)!r}); "
        f"from {module} import main; main()"
    )


def _own_process(request: Request) -> Result:
    process = subprocess.Popen(
        [sys.executable, "-I", "-c", _boot("copreport.runner.worker")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        output, errors = process.communicate(
            request.to_json(), timeout=request.limits.seconds
        )
    except subprocess.TimeoutExpired:
        _kill_group(process)
        process.communicate()
        remove_partial_files(request, process.pid)
        message = time_message(request)
        write_log(Path(request.log), message + "\n")
        return Result.failure(message, request.source)
    if process.returncode in (0, 1) and output.strip():
        return Result.from_json(output.strip().splitlines()[-1])
    remove_partial_files(request, process.pid)
    ended_by = -process.returncode if process.returncode < 0 else None
    message = crash_message(request, ended_by)
    write_log(Path(request.log), f"{message}\n\n{errors.decode(errors='replace')}")
    return Result.failure(message, blamed_source(request, ended_by))


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        process.kill()
