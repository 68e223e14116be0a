"""The fork server: everything imported once, one forked child per step.

Started by the first step of a build (or ahead of it by the build command), it
listens on a UNIX socket that only its own build knows, imports the renderers and
renders a small report once, so that fonts, hyphenation dictionaries and templates
are loaded (see `warmup`). For every request it forks a child that does the step
and answers the job directly; while it warms up, steps whose part of the warm-up
is done start between its stages. The server stays single-threaded, so forking is
safe; it enforces each child's deadline from outside (SIGKILL), kills a child
whose job went away, and answers for a child that died. It exits when the
process that owns the build ends, when asked to stop, or after a long idle time.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import select
import selectors
import signal
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..warmup import STAGES, needed_stage, renderers_loaded, warm_up_in_stages
from .perform import (
    blamed_source,
    crash_message,
    perform,
    remove_partial_files,
    time_message,
    write_log,
)
from .protocol import AHEAD, Request, Result, receive, send

WORKERS_ENV = "COPREPORT_SERVER_WORKERS"
"""How many children may work at once (the build's cores); more requests wait."""
CHILD_NICENESS = 5
"""Children yield the processor to Snakemake, so that it hands out work without delay."""
CHILD_GC_THRESHOLDS = (50_000, 20, 100)
"""A child makes one step and exits: collecting cyclic garbage every 700 new objects
(Python's default) costs a step about 4% of its time; this still bounds its memory."""
GRACE_SECONDS = 0.02
"""How long after its last request or ended child the server still expects a request
(the time Snakemake takes to ask for the steps that an ended one allows)."""
WARM_UP_SECONDS = 60.0
"""A warm-up stage that takes longer (a font cache being rebuilt, a hung disk) ends
the server; the build's steps then run in processes of their own."""
WATCH_SECONDS = 0.05
"""While the server warms up, a watchdog looks this often at the children's deadlines
and at the build that owns the server."""
HARD_STOP_SECONDS = 5.0
"""A server asked to stop during a stage that does not return within this time (stuck
in a library) is killed, with its children, after removing what they leave."""
IDLE_SECONDS = 600.0
"""Without any request for this long, the server stops even if its owner lives on."""
STOP = b"stop"
"""A request with only this word asks the server to exit."""
_PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True)


class _Stopped(BaseException):
    """SIGTERM or SIGINT during a warm-up stage: the stage is abandoned."""


@dataclass
class _Child:
    pid: int
    pidfd: int
    connection: socket.socket
    request: Request
    deadline: float
    killed_for: str = ""
    reaped: bool = False
    unread: socket.socket | None = None
    """For work done ahead (no job waits for it): the other end of its stand-in
    connection, kept open so that the server does not take the work for abandoned."""


def serve(socket_path: Path, owner: int, ready: int | None = None) -> None:
    """Serve requests on `socket_path` until `owner` (a process id) ends."""
    try:
        owner_fd = os.pidfd_open(owner)
    except OSError:
        remove_traces(socket_path)
        return  # the build is already over
    listener = _listen(socket_path)
    if ready is not None:
        try:
            os.write(ready, b"1")
            os.close(ready)
        except OSError:  # whoever started the server is gone: so is the build
            listener.close()
            remove_traces(socket_path)
            return
    _Loop(listener, owner_fd, socket_path).run()


def remove_traces(path: Path) -> None:
    """The socket, the start lock and an empty error log of a server that ends."""
    path.unlink(missing_ok=True)
    path.with_suffix(".start").unlink(missing_ok=True)
    log = path.with_suffix(".log")
    if log.exists() and not log.stat().st_size:
        log.unlink(missing_ok=True)


def _listen(path: Path) -> socket.socket:
    """Bind under a temporary name and rename: a client never meets a half-ready socket."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.unlink(missing_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(temporary))
    listener.listen(64)
    os.replace(temporary, path)
    return listener


class _Loop:
    def __init__(self, listener: socket.socket, owner_fd: int, path: Path) -> None:
        self.workers = max(1, int(os.environ.get(WORKERS_ENV) or os.cpu_count() or 1))
        self.waiting: deque[tuple[socket.socket, Request]] = deque()
        self.ahead: list[Request] = []
        """Work the build command asked to be done ahead of its steps (`AHEAD`)."""
        self.held: dict[socket.socket, float] = {}
        """Since when each step held for work ahead on its output has waited: its time
        limit runs from then, as if it had started (the work ahead does its work)."""
        self.listener = listener
        self.owner_fd = owner_fd
        self.path = path
        self.children: dict[int, _Child] = {}  # by process id
        self.selector = selectors.DefaultSelector()
        self.selector.register(listener, selectors.EVENT_READ, "accept")
        self.selector.register(owner_fd, selectors.EVENT_READ, "owner")
        self.last_activity = time.monotonic()
        self.running = True
        self.pid = os.getpid()
        self.warm = -1
        """The index in `STAGES` of the last warm-up stage done."""
        self.warming = False
        """Whether a warm-up stage is under way (the loop does not run meanwhile)."""
        self.signals = -1
        """Where Python's signal handler writes each signal's number (`_signal_pipe`)."""

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self._signalled)
        signal.signal(signal.SIGINT, self._signalled)
        self.signals = _signal_pipe()
        self.selector.register(self.signals, selectors.EVENT_READ, "signal")
        try:
            stages = warm_up_in_stages(sample_pdf=lambda: not self._working_ahead())
            while self.running and (stage := self._next_stage(stages)) is not None:
                # What the warm-up loaded stays as it is: the collector no longer walks
                # it, so children do not copy its pages by touching them and the server
                # exits at once.
                gc.freeze()
                if STAGES.index(stage) == self.warm:  # a pause within the next stage:
                    self._round(0.0)  # start what waits, and warm up on at once
                    self._start_waiting()
                    continue
                self.warm = STAGES.index(stage)
                self._start_waiting()
                if stage != STAGES[-1]:
                    self._serve_until_warming_pays()
            while self.running:
                self._round(self._timeout())
                if not self.children and self._idle() > IDLE_SECONDS:
                    self.running = False
        except _Stopped:
            pass
        finally:
            self._shutdown()

    def _signalled(self, *_: object) -> None:
        """SIGTERM, SIGINT: stop; during a warm-up stage at once, else after this round."""
        self.running = False
        if self.warming:
            raise _Stopped

    def _next_stage(self, stages: Iterator[str]) -> str | None:
        """Do the next warm-up stage (None: there is none) under a `_Watchdog`."""
        watchdog = _Watchdog(self)
        try:
            self.warming = True
            watchdog.start()
            return next(stages, None)
        finally:
            self.warming = False
            watchdog.stop()  # before the loop forks again: no thread runs then

    def _serve_until_warming_pays(self) -> None:
        """Between two warm-up stages: serve the steps the server is warm for, and
        warm up further when a core is free for it (no child at work, or a core kept
        free by `_start_waiting`) and nothing new came for `GRACE_SECONDS`: Snakemake
        asks for the steps that an ended one allows a few milliseconds after it
        ended, and the server would not see them while it warms up."""
        self._round(0.0)
        while self.running:
            free = len(self.children) < self.workers and bool(self.waiting)
            idle = not self.children or free
            quiet = time.monotonic() - self.last_activity
            if idle and quiet >= GRACE_SECONDS:
                return
            self._round(GRACE_SECONDS - quiet if idle else self._timeout())

    def _round(self, timeout: float) -> None:
        """Handle what happened (within `timeout` seconds) and enforce deadlines."""
        for key, _ in self.selector.select(timeout):
            self._handle(key)
        self._enforce_deadlines()

    def stop(self) -> None:
        self.running = False

    def _timeout(self) -> float:
        now = time.monotonic()
        deadlines = [child.deadline - now for child in self.children.values()]
        return max(0.0, min([*deadlines, 1.0]))

    def _idle(self) -> float:
        return time.monotonic() - self.last_activity

    def _handle(self, key: selectors.SelectorKey) -> None:
        if key.data == "accept":
            self._accept()
        elif key.data == "owner":
            self.running = False
        elif key.data == "signal":  # the handler has run; the select only woke up
            _stop_signalled(self.signals)
        else:  # events of a child already reaped in this round are stale
            kind, child = key.data
            if child.reaped:
                return
            if kind == "child":
                self._reap(child)
            else:
                self._job_gone(child)

    def _accept(self) -> None:
        try:
            connection, _ = self.listener.accept()
        except OSError:
            return
        self.last_activity = time.monotonic()
        connection.settimeout(10)
        try:
            message = receive(connection)
        except OSError:
            message = None
        if message == STOP:
            self.running = False
            connection.close()
            return
        try:
            request = Request.from_json(message or b"")
        except (ValueError, TypeError, KeyError):
            connection.close()
            return
        self._take(connection, request)
        self._start_waiting()

    def _take(self, connection: socket.socket, request: Request) -> None:
        """Queue a request: a step waits for a core; work ahead (nobody waits for its
        answer) for the renderers, but only where a core is left for the build's
        steps, and only until the step it is ahead of comes itself."""
        if request.step in AHEAD:
            connection.close()
            if self.workers > 1:
                self.ahead.append(request)
        else:
            self.ahead = [ahead for ahead in self.ahead if ahead.outputs != request.outputs]
            self.waiting.append((connection, request))

    def _start_waiting(self) -> None:
        """Fork children for waiting requests while there are free cores, highest
        priority first (in order of arrival among equals): Snakemake hands out more
        jobs than there are cores, and their threads arrive in any order. During the
        warm-up, the first request the server is not warm for yet keeps a core free:
        the server warms up next, on that core (see `_serve_until_warming_pays`)."""
        kept = 0
        if not self.running:
            return
        self._start_ahead()
        for waiting in sorted(self.waiting, key=lambda waiting: -waiting[1].priority):
            if len(self.children) + kept >= self.workers:
                return
            connection, request = waiting
            if self._worked_ahead(request):
                self.held.setdefault(connection, time.monotonic())
                continue  # it starts when the work ahead ended, and takes its result
            if not self._is_warm(request):
                kept = 1
                continue
            self.waiting.remove(waiting)
            since = self.held.pop(connection, None)
            if _hung_up(connection):
                connection.close()
                continue
            self._fork(connection, request, since)

    def _start_ahead(self) -> None:
        """Start the work asked ahead as soon as the renderers are loaded (the warm-up
        then leaves out its sample PDF, see `warm_up_in_stages`), on a free core; its
        answer goes nowhere."""
        while self.ahead and renderers_loaded() and len(self.children) < self.workers:
            request = self.ahead.pop(0)
            unread, connection = socket.socketpair()
            self._fork(connection, request).unread = unread

    def _working_ahead(self) -> bool:
        """Whether there is work ahead, to start or under way."""
        return bool(self.ahead) or any(
            child.request.step in AHEAD for child in self.children.values()
        )

    def _worked_ahead(self, request: Request) -> bool:
        """Whether work ahead for the same output is under way."""
        return any(
            child.request.step in AHEAD and child.request.outputs == request.outputs
            for child in self.children.values()
        )

    def _is_warm(self, request: Request) -> bool:
        needed = needed_stage(request.step, request.options.get("kind"))
        return STAGES.index(needed) <= self.warm

    def _fork(
        self, connection: socket.socket, request: Request, since: float | None = None
    ) -> _Child:
        """A child for the request, whose time limit runs from `since` (default: now)."""
        pid = os.fork()
        if pid == 0:
            _child(connection, request, self)
        pidfd = os.pidfd_open(pid)
        deadline = (since or time.monotonic()) + request.limits.seconds
        child = _Child(pid, pidfd, connection, request, deadline)
        self.children[pid] = child
        self.selector.register(pidfd, selectors.EVENT_READ, ("child", child))
        self.selector.register(connection, selectors.EVENT_READ, ("job", child))
        return child

    def _job_gone(self, child: _Child) -> None:
        """The job hung up (its build was stopped, or it has its answer): stop the child."""
        if not child.killed_for:
            child.killed_for = "job"
            _kill(child.pid)
        self.selector.unregister(child.connection)

    def _enforce_deadlines(self) -> None:
        now = time.monotonic()
        for child in self.children.values():
            if now >= child.deadline and not child.killed_for:
                child.killed_for = "time"
                _kill(child.pid)

    def _reap(self, child: _Child) -> None:
        child.reaped = True
        del self.children[child.pid]
        self.selector.unregister(child.pidfd)
        _, status = os.waitpid(child.pid, 0)
        os.close(child.pidfd)
        self.last_activity = time.monotonic()
        # A child that exited by itself answered its job, even if a kill came after
        # (the watchdog cannot reap, so a finished child may still look due).
        exited = os.WIFEXITED(status) and os.WEXITSTATUS(status) in (0, 1)
        if not exited:
            remove_partial_files(child.request, child.pid)
            if child.killed_for != "job":
                ended_by = None if child.killed_for == "time" else _signal_of(status)
                message = (
                    time_message(child.request)
                    if child.killed_for == "time"
                    else crash_message(child.request, ended_by)
                )
                write_log(Path(child.request.log), message + "\n")
                source = blamed_source(child.request, ended_by)
                with contextlib.suppress(OSError):
                    if child.request.step not in AHEAD:  # a job waits for this answer
                        send(child.connection, Result.failure(message, source).to_json())
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(child.connection)
        child.connection.close()
        if child.unread is not None:
            child.unread.close()
        self._start_waiting()

    def _shutdown(self) -> None:
        for connection, _ in self.waiting:
            connection.close()
        self.end_children()
        self.listener.close()
        remove_traces(self.path)

    def end_children(self) -> None:
        """Kill the children at work and remove what they leave half-written."""
        for child in self.children.values():
            _kill(child.pid)
        for child in self.children.values():
            with contextlib.suppress(ChildProcessError):
                os.waitpid(child.pid, 0)
            remove_partial_files(child.request, child.pid)


class _Watchdog(threading.Thread):
    """What the loop does not do while the server is in a warm-up stage: kill children
    past their deadline, and stop the server when the build that owns it ended or the
    stage takes longer than `WARM_UP_SECONDS` (SIGTERM abandons the stage; if the
    stage does not give way, everything is killed). The loop forks only when no
    watchdog runs."""

    def __init__(self, loop: _Loop) -> None:
        super().__init__(daemon=True)
        self.loop = loop
        self.done = threading.Event()

    def run(self) -> None:
        began = time.monotonic()
        asked = 0.0
        while not self.done.wait(WATCH_SECONDS):
            self.loop._enforce_deadlines()
            now = time.monotonic()
            if asked:
                if now - asked > HARD_STOP_SECONDS:
                    self._kill_everything()
            elif _stop_signalled(self.loop.signals):  # a stage stuck in a library
                asked = now  # does not run the handler: the pipe says it came
            elif now - began > WARM_UP_SECONDS or _ended(self.loop.owner_fd):
                asked = now
                os.kill(os.getpid(), signal.SIGTERM)

    def stop(self) -> None:
        self.done.set()
        if self.ident is not None:
            self.join()

    def _kill_everything(self) -> None:
        self.loop.end_children()
        remove_traces(self.loop.path)
        os.kill(os.getpid(), signal.SIGKILL)


def _signal_pipe() -> int:
    """A pipe to which Python's signal handling writes the number of every signal that
    has a handler, at once, even while the main thread is stuck in a library call
    (the handler itself runs only when that call returns); returns its reading end."""
    reading, writing = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
    signal.set_wakeup_fd(writing, warn_on_full_buffer=False)
    return reading


def _stop_signalled(reading: int) -> bool:
    """Whether SIGTERM or SIGINT came since the last look (empties the pipe)."""
    numbers = b""
    with contextlib.suppress(BlockingIOError):
        while chunk := os.read(reading, 512):
            numbers += chunk
    return signal.SIGTERM in numbers or signal.SIGINT in numbers


def _ended(owner_fd: int) -> bool:
    """Whether the process behind a pidfd has ended (its pidfd is then readable)."""
    return bool(select.select([owner_fd], [], [], 0)[0])


def _child(connection: socket.socket, request: Request, loop: _Loop) -> None:
    """In the forked child: do the step, answer the job, and leave (never return)."""
    code = 2
    try:
        os.setpgid(0, 0)
        _die_with_parent(loop.pid)
        if request.step not in AHEAD:  # work ahead is what the build waits for
            os.nice(CHILD_NICENESS)
        gc.set_threshold(*CHILD_GC_THRESHOLDS)
        loop.selector.close()
        loop.listener.close()
        for other in loop.children.values():
            other.connection.close()
            if other.unread is not None:
                other.unread.close()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        for pipe_end in (signal.set_wakeup_fd(-1), loop.signals):  # the step's alarms
            if pipe_end >= 0:  # are not the server's signals
                os.close(pipe_end)
        connection.settimeout(None)
        result = perform(request, "server")
        if request.step not in AHEAD:  # nobody reads what work ahead answers
            send(connection, result.to_json())
        code = 0 if result.ok else 1
    finally:
        os._exit(code)


def _hung_up(connection: socket.socket) -> bool:
    """Whether the job on the other end has gone (it sends nothing after its request)."""
    connection.setblocking(False)
    try:
        return connection.recv(1, socket.MSG_PEEK) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        connection.setblocking(True)


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this child when the server dies (even by SIGKILL)."""
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the server died before the line above
        os._exit(2)


def _signal_of(status: int) -> int | None:
    """The signal that ended a child, from its wait status (None: it exited)."""
    return os.WTERMSIG(status) if os.WIFSIGNALED(status) else None


def _kill(pid: int) -> None:
    for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, 9)):
        try:
            target()
            return
        except OSError:
            continue


def main() -> None:
    """``python -m copreport.runner.server SOCKET OWNER_PID [READY_FD]``."""
    path, owner = Path(sys.argv[1]), int(sys.argv[2])
    ready = int(sys.argv[3]) if len(sys.argv) > 3 else None
    os.chdir(os.environ.get("COPREPORT_WORKDIR", os.getcwd()))
    serve(path, owner, ready)


if __name__ == "__main__":
    main()
