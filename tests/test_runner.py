"""How steps run: in the build's fork server or in a process of their own, always
within hard limits, always with the same bytes, never leaving a process behind.

These tests talk to the runner directly (no Snakemake).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import psutil
import pytest
from copreport.runner import client
from copreport.runner.protocol import Limits, Request
from copreport.warmup import STAGES
from helpers import CONTENT, EXAMPLE_SERIES, EXAMPLE_SESSION, ROOT, processes_with
from sample_content import write_content


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """A folder with the example content and a long generated session."""
    folder = tmp_path_factory.mktemp("runner")
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    write_content(folder / "lang", sessions=1, series=1)
    return folder


def request(work: Path, step: str, output: str, **changes) -> Request:
    """A request for one step of the example session."""
    content = work / "content"
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    model = work / "model" / "sessie.json"
    inputs = {
        "parse_register": {"register": [str(content / "organisaties.yaml")]},
        "parse_series": {"register": [str(work / "model" / "organisaties.json")]},
        "parse_session": {
            "source": [str(source)],
            "series": [str(work / "model" / "reeks.json")],
            "register": [str(work / "model" / "organisaties.json")],
        },
        "render_pdf": {
            "model": [str(model)],
            "templates": [str(ROOT / "templates" / "report.css")],
        },
        "render_docx": {
            "model": [str(model)],
            "template": [str(ROOT / "templates" / "stijl.docx")],
        },
        "render_web": {
            "model": [str(model)],
            "templates": [str(ROOT / "templates" / "report.css")],
        },
        "head_start_overview": {},
    }[step]
    values = {
        "step": step,
        "inputs": inputs,
        "outputs": [str(work / output)],
        "log": str(work / "logs" / f"{Path(output).name}.log"),
        "options": {
            "content": str(content),
            "series_folder": str(content / EXAMPLE_SERIES),
        },
        "label": f"{EXAMPLE_SERIES}/{EXAMPLE_SESSION}",
        "source": str(source),
    }
    values.update(changes)
    return Request(**values)


@pytest.fixture(scope="module")
def model(work) -> Path:
    """The example session's model, made through the steps in own processes."""
    os.environ.pop(client.SERVER_ENV, None)
    for step, output in (
        ("parse_register", "model/organisaties.json"),
        ("parse_series", "model/reeks.json"),
        ("parse_session", "model/sessie.json"),
    ):
        result = client.run(request(work, step, output))
        assert result.ok, result.problems
    return work / "model" / "sessie.json"


@pytest.fixture(scope="module")
def server(work, model):
    """A fork server owned by this test process, stopped afterwards."""
    path = client.enable_server(workers=2)
    assert client._ensure_server(path)
    yield path
    client.stop_server()
    path.unlink(missing_ok=True)  # left behind if a test killed the server
    os.environ.pop(client.SERVER_ENV, None)


def server_process(path: Path) -> psutil.Process:
    for process in processes_with(str(path)):
        return process
    raise AssertionError("no server process")


def no_partial_files(folder: Path) -> bool:
    return not list(folder.rglob(".*.part"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("step", "suffix"),
    [("render_pdf", "pdf"), ("render_docx", "docx"), ("render_web", "html")],
)
def test_server_and_own_process_write_the_same_bytes(work, server, step, suffix):
    warm = client.run(request(work, step, f"warm/verslag.{suffix}"))
    assert warm.ok, warm.problems
    assert "werkserver" in (work / "logs" / f"verslag.{suffix}.log").read_text()
    os.environ.pop(client.SERVER_ENV)
    try:
        own = client.run(request(work, step, f"eigen/verslag.{suffix}"))
    finally:
        os.environ[client.SERVER_ENV] = str(server)
    assert own.ok, own.problems
    assert (work / "warm" / f"verslag.{suffix}").read_bytes() == (
        work / "eigen" / f"verslag.{suffix}"
    ).read_bytes()
    assert "eigen proces" in (work / "logs" / f"verslag.{suffix}.log").read_text()


@pytest.mark.slow
@pytest.mark.parametrize("use_server", [True, False], ids=["werkserver", "eigen-proces"])
def test_a_step_over_its_time_limit_is_stopped_from_outside(work, server, use_server):
    if not use_server:
        os.environ.pop(client.SERVER_ENV)
    started = time.monotonic()
    try:
        result = client.run(
            request(work, "render_pdf", "traag/verslag.pdf", limits=Limits(seconds=0.05))
        )
    finally:
        os.environ[client.SERVER_ENV] = str(server)
    assert time.monotonic() - started < 5
    assert not result.ok
    ((path, _, message),) = result.problems
    assert path.endswith(f"{EXAMPLE_SESSION}.md")
    assert "was na 0.05 seconden niet klaar" in message
    assert "tijdslimiet" in message
    assert not (work / "traag" / "verslag.pdf").exists()
    assert no_partial_files(work)


@pytest.mark.slow
@pytest.mark.parametrize("use_server", [True, False], ids=["werkserver", "eigen-proces"])
def test_a_step_over_its_memory_limit_fails_in_dutch(work, server, use_server):
    if not use_server:
        os.environ.pop(client.SERVER_ENV)
    try:
        result = client.run(
            request(work, "render_pdf", "groot/verslag.pdf", limits=Limits(megabytes=120))
        )
    finally:
        os.environ[client.SERVER_ENV] = str(server)
    assert not result.ok
    message = result.problems[0][2]
    assert "geheugen" in message and "120 MB" in message
    assert not (work / "groot" / "verslag.pdf").exists()


@pytest.mark.slow
def test_a_killed_server_costs_a_restart_not_the_step(work, model):
    """kill -9 of the server mid-step: its child dies too, the job redoes the step."""
    path = client.enable_server(workers=2)
    try:
        assert client._ensure_server(path)
        process = server_process(path)
        timer = threading.Timer(0.15, lambda: process.send_signal(signal.SIGKILL))
        timer.start()
        result = client.run(request(work, "render_pdf", "herstart/verslag.pdf"))
        timer.join()
    finally:
        client.stop_server()  # as the build's end would: the killed server's traces go
        os.environ.pop(client.SERVER_ENV, None)
        client._broken.clear()
    assert result.ok, result.problems
    assert (work / "herstart" / "verslag.pdf").read_bytes().startswith(b"%PDF")
    assert "eigen proces" in (work / "logs" / "verslag.pdf.log").read_text()
    time.sleep(0.2)
    assert not processes_with(str(path))
    assert no_partial_files(work)
    assert not list(path.parent.glob(f"{path.stem}.*"))


@pytest.mark.slow
def test_the_server_ends_with_the_build_that_owns_it(work, model):
    owner = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    path = client.enable_server(workers=1, owner=owner.pid)
    try:
        assert client._ensure_server(path)
        process = server_process(path)
        owner.kill()
        owner.wait()
        process.wait(timeout=5)
    finally:
        os.environ.pop(client.SERVER_ENV, None)
    assert not path.exists()
    assert not list(path.parent.glob(f"{owner.pid}.*"))


def test_a_programming_error_points_to_the_log_without_a_traceback(work, monkeypatch):
    from copreport import steps
    from copreport.runner.perform import perform

    def broken(request):
        raise ZeroDivisionError("kapot")

    monkeypatch.setitem(steps.STEPS, "render_pdf", broken)
    result = perform(request(work, "render_pdf", "fout/verslag.pdf"), "own")
    message = result.problems[0][2]
    assert message.startswith("interne fout bij het maken van de PDF van ")
    assert "Traceback" not in message and "logs/verslag.pdf.log" in message
    log = (work / "logs" / "verslag.pdf.log").read_text()
    assert "ZeroDivisionError: kapot" in log


@pytest.mark.parametrize(
    ("errno_name", "words"),
    [("ENOSPC", "de schijf is vol"), ("EROFS", "geen schrijfrechten")],
)
def test_a_full_or_read_only_disk_is_named_not_called_a_bug(
    work, monkeypatch, errno_name, words
):
    import errno

    from copreport import steps
    from copreport.runner.perform import perform

    def failing(request):
        raise OSError(
            getattr(errno, errno_name),
            os.strerror(getattr(errno, errno_name)),
            str(work / "uit" / "x.pdf"),
        )

    monkeypatch.setitem(steps.STEPS, "render_pdf", failing)
    result = perform(request(work, "render_pdf", "uit/x.pdf"), "own")
    message = result.problems[0][2]
    assert message.startswith(words)
    assert "interne fout" not in message


class Queue:
    """A server loop without a server: `asked` steps wait in it, and `start` records
    which ones it would fork (by output name) on `workers` cores, of which `busy` are
    in use, after warm-up stage `warm`."""

    def __init__(self, work, asked, workers, busy=0, warm=STAGES[-1]):
        from copreport.runner import server

        self.work = work
        self.pairs = [socket.socketpair() for _ in asked]
        self.started = []
        self.loop = loop = server._Loop.__new__(server._Loop)
        loop.workers, loop.running = workers, True
        busy_child = SimpleNamespace(request=request(work, "render_web", "bezig"))
        loop.children = {-number: busy_child for number in range(1, busy + 1)}
        loop.warm = STAGES.index(warm)
        loop.ahead, loop.held, self.since = [], {}, {}
        loop._fork = self._fork
        loop.waiting = deque(
            (ours, replace(request(work, "render_web", name, priority=rank), **changes))
            for (ours, _), (name, rank, changes) in zip(self.pairs, asked, strict=True)
        )

    def _fork(self, connection, waiting, since=None):
        self.since[Path(waiting.outputs[0]).name] = since
        self.started.append(Path(waiting.outputs[0]).name)
        child = SimpleNamespace(request=waiting, unread=None)
        self.loop.children[len(self.started)] = child
        return child

    def ask_ahead(self, name):
        """Work ahead for the output `name`, as the build command sends it."""
        ours, theirs = socket.socketpair()
        self.pairs.append((ours, theirs))
        work_ahead = request(self.work, "head_start_overview", name)
        self.loop._take(ours, work_ahead)

    def end(self, name):
        """The child making `name` ended."""
        for pid, child in list(self.loop.children.items()):
            if Path(child.request.outputs[0]).name == name:
                del self.loop.children[pid]

    def start(self, warm=None):
        if warm is not None:
            self.loop.warm = STAGES.index(warm)
        self.loop._start_waiting()
        return self.started

    def close(self):
        for pair in self.pairs:
            for end in pair:
                end.close()


def test_waiting_steps_start_highest_priority_first(work):
    """Snakemake hands out more jobs than there are cores; the server starts the
    PDFs (the slowest) first, and equals in the order they came."""
    asked = [("web", 10, {}), ("overzicht.pdf", 5, {}), ("pdf", 15, {}), ("docx", 10, {})]
    queue = Queue(work, asked, workers=3)
    assert queue.start() == ["pdf", "web", "docx"]
    assert [Path(r.outputs[0]).name for _, r in queue.loop.waiting] == ["overzicht.pdf"]
    queue.close()


PARSE = {"step": "parse_session"}
WORD = {"step": "render_docx"}
OVERVIEW_PDF = {"step": "render_overview", "options": {"kind": "pdf"}}
OVERVIEW_WEB = {"step": "render_overview", "options": {"kind": "html"}}


def test_while_the_server_warms_up_only_steps_it_is_warm_for_start(work):
    """Parsing starts before WeasyPrint is loaded, and PDFs and web pages before
    python-docx is; a step that would start cold waits for its stage, even with a
    higher priority."""
    asked = [
        ("verslag.docx", 10, WORD),
        ("overzicht.pdf", 16, OVERVIEW_PDF),
        ("overzicht.html", 0, OVERVIEW_WEB),
        ("sessie.json", 10, PARSE),
    ]
    queue = Queue(work, asked, workers=4, warm="parsing")
    assert queue.start() == ["sessie.json"]
    assert queue.start("html") == ["sessie.json", "overzicht.pdf", "overzicht.html"]
    assert queue.start("word")[-1] == "verslag.docx"
    queue.close()


def test_a_step_the_server_is_not_warm_for_keeps_a_core_for_the_warm_up(work):
    """A session's Word file goes before the overview's web page (its priority) even
    while python-docx is not loaded: the free core waits for the warm-up of Word,
    which the server does next, instead of taking the web page first."""
    asked = [("overzicht.html", 0, OVERVIEW_WEB), ("verslag.docx", 10, WORD)]
    queue = Queue(work, asked, workers=2, busy=1, warm="html")
    assert queue.start() == []
    assert queue.start("word") == ["verslag.docx"]
    queue.close()


def test_a_stopping_server_starts_nothing(work):
    queue = Queue(work, [("sessie.json", 10, PARSE)], workers=2)
    queue.loop.running = False
    assert queue.start() == []
    queue.close()


def test_work_ahead_starts_on_a_free_core_once_the_renderers_are_loaded(work, monkeypatch):
    """The overview PDF that the build command asks for ahead of Snakemake starts as
    soon as the server can make a PDF, before the steps Snakemake asked for, but not
    on a core those steps already use."""
    from copreport.runner import server

    loaded = []
    monkeypatch.setattr(server, "renderers_loaded", lambda: bool(loaded))
    queue = Queue(work, [("sessie.json", 10, PARSE)], workers=2, warm="parsing")
    queue.ask_ahead("overzicht.pdf")
    assert queue.start() == ["sessie.json"]  # the parse is warm, the PDF is not
    loaded.append(True)
    assert queue.start() == ["sessie.json", "overzicht.pdf"]
    busy = Queue(work, [], workers=2, busy=2)
    busy.ask_ahead("overzicht.pdf")
    assert busy.start() == []
    busy.end("bezig")
    assert busy.start() == ["overzicht.pdf"]
    queue.close()
    busy.close()


def test_a_step_waits_for_the_work_ahead_on_its_output_and_starts_when_it_ended(
    work, monkeypatch
):
    """Snakemake's own step for the overview PDF does not make it a second time while
    the work ahead makes it: it starts when that ended (and takes the kept PDF); the
    steps behind it do not wait."""
    from copreport.runner import server

    monkeypatch.setattr(server, "renderers_loaded", lambda: True)
    asked = [("overzicht.pdf", 16, OVERVIEW_PDF), ("verslag.pdf", 15, {})]
    queue = Queue(work, asked, workers=3)
    queue.ask_ahead("overzicht.pdf")
    assert queue.start() == ["overzicht.pdf", "verslag.pdf"]  # the first is the work ahead
    assert [Path(r.outputs[0]).name for _, r in queue.loop.waiting] == ["overzicht.pdf"]
    held_from = queue.loop.held[queue.loop.waiting[0][0]]
    queue.end("overzicht.pdf")
    assert queue.start()[-1] == "overzicht.pdf"
    assert not queue.loop.waiting
    # Its time limit runs from when it began to wait: a PDF that does not finish in
    # time does not get the limit twice.
    assert queue.since["overzicht.pdf"] == held_from
    queue.close()


def test_work_ahead_with_an_answer_nobody_reads_does_not_hold_up_the_server(
    work, tmp_path, monkeypatch
):
    """A source with thousands of problems gives a long answer (more than a socket's
    buffer); the work ahead does not send it (nobody reads it), so neither it nor the
    server blocks, and the step held for it gets its own answer."""
    from copreport import steps
    from copreport.runner import server
    from copreport.runner.protocol import Result, send

    monkeypatch.setitem(steps.STEPS, "head_start_overview", lambda r: ["x" * 100] * 6000)
    monkeypatch.setattr(server, "renderers_loaded", lambda: True)
    pid, path = forked_server(tmp_path, stall=0)
    try:
        ahead = request(work, "head_start_overview", "uit/o.pdf", limits=Limits(seconds=3))
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.connect(str(path))
            send(connection, ahead.to_json())
        time.sleep(0.3)
        held = ask(path, request(work, "parse_session", "uit/o.pdf"))
        result = Result.from_json(answer(held))
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert result.ok
    assert (work / "uit" / "o.pdf").read_text() == "klaar"


def test_work_ahead_is_dropped_when_its_step_comes_first_or_no_core_is_spare(
    work, monkeypatch
):
    from copreport.runner import server

    monkeypatch.setattr(server, "renderers_loaded", lambda: False)
    queue = Queue(work, [], workers=2)
    queue.ask_ahead("overzicht.pdf")
    ours, _ = queue.pairs[0]
    queue.loop._take(
        ours, replace(request(work, "render_web", "overzicht.pdf"), **OVERVIEW_PDF)
    )
    assert queue.loop.ahead == []
    single = Queue(work, [], workers=1)
    single.ask_ahead("overzicht.pdf")
    assert single.loop.ahead == []
    queue.close()
    single.close()


def between_stages(children: int, waiting: int, quiet: float):
    """A warming server's loop with `children` at work, `waiting` requests it is not
    warm for, and its last request or ended child `quiet` seconds ago; its rounds
    only record their timeouts and let time pass."""
    from copreport.runner import server

    loop = server._Loop.__new__(server._Loop)
    loop.workers, loop.running = 2, True
    loop.children = {pid: None for pid in range(children)}
    loop.waiting = deque((None, None) for _ in range(waiting))
    loop.last_activity = time.monotonic() - quiet
    loop.rounds = []

    def round_(timeout):
        loop.rounds.append(timeout)
        time.sleep(timeout)

    loop._round = round_
    loop._timeout = lambda: 0.001
    return loop


def test_a_quiet_server_warms_up_further_at_once():
    loop = between_stages(children=0, waiting=0, quiet=1.0)
    loop._serve_until_warming_pays()
    assert loop.rounds == [0.0]


def test_the_warm_up_waits_while_the_cores_work_on_what_is_warm():
    """Both cores busy: warming up would only slow them, and block steps that their
    ends allow; once a core is free for a waiting Word file, the warm-up goes on."""
    from copreport.runner.server import GRACE_SECONDS

    loop = between_stages(children=2, waiting=1, quiet=1.0)
    ended = {}

    def round_(timeout):
        loop.rounds.append(timeout)
        if len(loop.rounds) == 5:  # a child ends: a core is free
            loop.children.popitem()
            loop.last_activity = ended["at"] = time.monotonic()
        time.sleep(timeout)

    loop._round = round_
    loop._serve_until_warming_pays()
    assert loop.rounds[1:5] == [0.001] * 4
    assert time.monotonic() - ended["at"] >= GRACE_SECONDS


def test_a_step_that_just_ended_holds_the_warm_up_briefly():
    """Snakemake asks for the steps that an ended step allows a few milliseconds
    later; the server waits that long before it blocks itself with a stage."""
    from copreport.runner.server import GRACE_SECONDS

    loop = between_stages(children=0, waiting=0, quiet=0.0)
    start = time.monotonic()
    loop._serve_until_warming_pays()
    assert time.monotonic() - start >= GRACE_SECONDS * 0.9
    assert len(loop.rounds) >= 2


@pytest.mark.slow
def test_a_build_stopped_while_its_server_starts_leaves_nothing():
    """`./build.sh` starts the server first and stops it at once when nothing needs
    building: whichever comes first, no server and none of its files remain."""
    owner = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        for pause in (0, 0.001, 0.01, 0.05, 0.3):
            path = client.enable_server(workers=1, owner=owner.pid)
            client.start_server()
            time.sleep(pause)
            client.stop_server()
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline and (
                list(path.parent.glob(f"{owner.pid}.*")) or processes_with(str(path))
            ):
                time.sleep(0.05)
            assert not processes_with(str(path)), pause
            assert not list(path.parent.glob(f"{owner.pid}.*")), pause
    finally:
        os.environ.pop(client.SERVER_ENV, None)
        owner.kill()
        owner.wait()


def test_traces_of_killed_builds_are_cleared_by_the_next():
    """`kill -9` leaves a build's socket, start lock and log; the next build clears
    them, and leaves those of builds that still run alone."""
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    folder = client._socket_folder()
    left = [folder / f"{ended.pid}.{suffix}" for suffix in ("sock", "start", "log")]
    running = folder / f"{os.getpid()}.log"
    kept = not running.exists()
    for path in [*left, running]:
        path.touch()
    try:
        client.enable_server(workers=1, owner=os.getpid())
        assert not any(path.exists() for path in left)
        assert running.exists()
    finally:
        os.environ.pop(client.SERVER_ENV, None)
        if kept:
            running.unlink(missing_ok=True)


def test_a_sample_left_by_a_killed_server_is_cleared_by_the_next_warm_up():
    """`kill -9` during the warm-up leaves its sample session in the temporary folder;
    the next warm-up removes it, and leaves the folders of processes that still run."""
    from copreport.warmup import sample_session

    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    base = Path(tempfile.gettempdir())
    left = base / f"copreport-voorbeeld-{ended.pid}-abc123"
    running = base / f"copreport-voorbeeld-{os.getpid()}-abc123"
    for folder in (left, running):
        (folder / "voorbeeld").mkdir(parents=True)
        (folder / "voorbeeld" / "voorbeeld.md").write_text("---\n")
    try:
        assert sample_session().title == "Voorbeeld"
        assert not left.exists()
        assert (running / "voorbeeld" / "voorbeeld.md").exists()
        mine = set(base.glob(f"copreport-voorbeeld-{os.getpid()}-*"))
        assert mine == {running}  # the sample's own folder is gone too
    finally:
        shutil.rmtree(left, ignore_errors=True)
        shutil.rmtree(running, ignore_errors=True)


def forked_server(
    folder: Path, stall: float, deaf: bool = False, pause: float = 0, **settings
) -> tuple[int, Path]:
    """A fork server (a child of this process) whose warm-up parses at once and then
    stalls for `stall` seconds in its next stage (a font cache being rebuilt, a hung
    disk; `deaf`: in a library call that signals do not interrupt; `pause`: after this
    many seconds more, with a pause in the stage); its parse step sleeps 2 s.
    `settings` replace the server's constants. Returns its process id and socket,
    once it listens."""
    from copreport import steps
    from copreport.runner import server

    path = folder / "server.sock"
    ready_read, ready_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the server: never returns to pytest
        try:
            os.close(ready_read)

            def stages(sample_pdf=None):
                yield "parsing"
                if deaf:
                    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
                if pause:
                    time.sleep(pause)
                    yield "parsing"  # a pause within the html stage
                time.sleep(stall)
                yield from STAGES[1:]

            def sleeper(request):
                time.sleep(2)
                Path(request.outputs[0]).parent.mkdir(parents=True, exist_ok=True)
                Path(request.outputs[0]).write_text("klaar")

            server.warm_up_in_stages = stages
            os.environ[server.WORKERS_ENV] = "2"  # whatever earlier tests left
            steps.STEPS["parse_session"] = sleeper
            for name, value in settings.items():
                setattr(server, name, value)
            server.serve(path, os.getppid(), ready_write)
        finally:
            os._exit(0)
    os.close(ready_write)
    assert os.read(ready_read, 1) == b"1"
    os.close(ready_read)
    return pid, path


def ask(path: Path, request: Request) -> socket.socket:
    """Send one request to the server at `path`; the connection gets the answer."""
    from copreport.runner.protocol import send

    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(15)  # a server that hangs fails the test, not the suite
    connection.connect(str(path))
    send(connection, request.to_json())
    return connection


def answer(connection: socket.socket) -> bytes | None:
    from copreport.runner.protocol import receive

    with connection:
        return receive(connection)


def ended_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if os.waitpid(pid, os.WNOHANG)[0]:
            return True
        time.sleep(0.02)
    return False


def test_a_step_started_before_a_slow_warm_up_stage_keeps_its_time_limit(work, tmp_path):
    """The server cannot watch its children while it warms up; a watchdog does, so a
    parse that runs past its limit fails in Dutch instead of passing. (A PDF that
    waits for the next stage makes the server warm up while the parse runs.)"""
    from copreport.runner.protocol import Result

    pid, path = forked_server(tmp_path, stall=3)
    try:
        slow = request(work, "parse_session", "uit/sessie.json", limits=Limits(seconds=0.5))
        parsing = ask(path, slow)
        time.sleep(0.1)
        waiting = ask(path, request(work, "render_pdf", "uit/verslag.pdf"))
        result = Result.from_json(answer(parsing))
        waiting.close()
        assert not result.ok
        assert "niet klaar en is afgebroken" in result.message
        assert not (work / "uit" / "sessie.json").exists()
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def test_a_parse_asked_during_a_stage_starts_at_its_pause_and_the_stage_goes_on(
    work, model, tmp_path
):
    """A parse that came while the html stage loads WeasyPrint starts at the stage's
    next pause, and the stage goes on beside it: the server is warm for web pages 2 s
    later, not 2 s after the parse (also 2 s) ended."""
    from copreport.runner.protocol import Result

    pid, path = forked_server(tmp_path, stall=2, pause=0.3)
    try:
        time.sleep(0.1)  # the server is in the stage (its first part takes 0.3 s)
        started = time.monotonic()
        parsing = ask(path, request(work, "parse_session", "uit/pauze.json"))
        time.sleep(2.4)  # the stage has ended (0.2 + 2 s) if it did not wait
        web = Result.from_json(answer(ask(path, request(work, "render_web", "uit/p.html"))))
        web_done = time.monotonic() - started
        parsed = Result.from_json(answer(parsing))
        parse_done = time.monotonic() - started
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert web.ok and parsed.ok, (web.message, parsed.message)
    assert parse_done < 3.2  # it began at the pause (ends at 2.2 s), not after the stage
    assert web_done < 3.4  # 2.4 s and the render; after the parse it would be 4.2 s


def test_a_warm_up_stage_that_hangs_ends_the_server(work, tmp_path):
    """A stage that does not end within WARM_UP_SECONDS ends the server: its jobs get
    no answer (they then run in a process of their own) instead of waiting forever."""
    pid, path = forked_server(tmp_path, stall=60, WARM_UP_SECONDS=0.5)
    started = time.monotonic()
    assert answer(ask(path, request(work, "render_pdf", "uit/verslag.pdf"))) is None
    assert time.monotonic() - started < 5
    assert ended_within(pid, 5)
    assert not path.exists()


def test_a_server_stopped_during_a_warm_up_stage_ends_at_once(tmp_path):
    pid, path = forked_server(tmp_path, stall=60)
    time.sleep(0.2)
    os.kill(pid, signal.SIGTERM)
    assert ended_within(pid, 1)
    assert not path.exists()


def test_a_stage_deaf_to_signals_is_ended_with_its_children(work, tmp_path):
    """A stage stuck in a library call does not see SIGTERM: after HARD_STOP_SECONDS
    the watchdog kills the children and the server, and removes what they leave."""
    pid, path = forked_server(
        tmp_path, stall=60, deaf=True, WARM_UP_SECONDS=0.3, HARD_STOP_SECONDS=0.3
    )
    parsing = ask(path, request(work, "parse_session", "uit/diep.json"))
    time.sleep(0.1)
    waiting = ask(path, request(work, "render_pdf", "uit/verslag.pdf"))
    assert answer(parsing) is None
    waiting.close()
    assert ended_within(pid, 2)
    assert not path.exists()
    assert not list((work / "uit").glob(".*diep*"))


def test_a_stage_deaf_to_signals_still_ends_soon_after_sigterm_from_outside(tmp_path):
    """The watchdog cannot run the handler of a SIGTERM that a stuck stage ignores, but
    learns of it from the signal pipe: the server ends after HARD_STOP_SECONDS, not
    after WARM_UP_SECONDS (or the client's own wait of 7 s)."""
    pid, path = forked_server(tmp_path, stall=60, deaf=True, HARD_STOP_SECONDS=0.3)
    time.sleep(0.2)
    os.kill(pid, signal.SIGTERM)
    ended = ended_within(pid, 2)
    if not ended:  # a failed test leaves no server behind
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert ended
    assert not path.exists()


def test_a_step_that_finished_before_a_late_kill_keeps_its_log(work, tmp_path):
    """The watchdog cannot reap: a child that answered and exited may still be marked
    for its deadline. It finished, so its log and outputs stay as they are."""
    import selectors

    from copreport.runner import server

    log = tmp_path / "stap.log"
    log.write_text("in orde\n")
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    pidfd = os.pidfd_open(pid)
    ours, theirs = socket.socketpair()
    done = request(work, "parse_session", "uit/sessie.json", log=str(log))
    child = server._Child(pid, pidfd, ours, done, deadline=0.0, killed_for="time")
    loop = server._Loop.__new__(server._Loop)
    loop.workers, loop.running, loop.warm = 2, True, len(STAGES) - 1
    loop.children, loop.waiting, loop.ahead, loop.held = {pid: child}, deque(), [], {}
    loop.selector = selectors.DefaultSelector()
    loop.selector.register(pidfd, selectors.EVENT_READ)
    os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)  # it has ended
    loop._reap(child)
    assert log.read_text() == "in orde\n"
    theirs.close()


def test_after_ctrl_c_stopped_the_server_no_step_starts_on_its_own(work):
    """Ctrl-C stops the fork server at once; the steps it was doing must not then
    start again in processes of their own (after a normal stop they would)."""
    client.enable_server(workers=1, owner=os.getpid())
    try:
        client.interrupt()
        result = client.run(request(work, "parse_session", "uit/nooit.json"))
        assert not result.ok
        assert client.STOPPED in result.message
        assert not (work / "uit" / "nooit.json").exists()
    finally:
        os.environ.pop(client.SERVER_ENV, None)


@pytest.mark.parametrize(
    ("number", "expected", "blamed"),
    [
        (signal.SIGTERM, "van buitenaf gestopt", False),
        (signal.SIGKILL, "te weinig geheugen", True),
    ],
)
def test_a_step_stopped_from_outside_is_not_blamed_on_memory(
    work, tmp_path, number, expected, blamed
):
    """`kill` of one step's process: the message says it was stopped, not that it
    probably ran out of memory (a SIGKILL may be the kernel's out-of-memory killer),
    and it is not listed as a problem of the session's source."""
    from copreport.runner.protocol import Result

    pid, path = forked_server(tmp_path, stall=0)
    try:
        connection = ask(path, request(work, "parse_session", "uit/sessie.json"))
        deadline = time.monotonic() + 10
        while not (children := psutil.Process(pid).children()):
            assert time.monotonic() < deadline
            time.sleep(0.02)
        children[0].send_signal(number)
        result = Result.from_json(answer(connection))
        assert not result.ok
        ((path, _, message),) = result.problems
        assert expected in message
        assert (path is not None) == blamed
    finally:
        os.kill(pid, signal.SIGTERM)
        assert ended_within(pid, 10)


def own_workers() -> list[psutil.Process]:
    """The processes this test process started to do one step each."""
    found = []
    for process in psutil.Process().children():
        with contextlib.suppress(psutil.Error):  # one that ended meanwhile
            if "copreport.runner.worker" in " ".join(process.cmdline()):
                found.append(process)
    return found


@pytest.mark.slow
def test_a_step_in_its_own_process_stopped_from_outside_says_so(work, monkeypatch):
    monkeypatch.delenv(client.SERVER_ENV, raising=False)  # no server: its own process
    results = []
    worker = threading.Thread(
        target=lambda: results.append(
            client.run(request(work, "render_pdf", "gestopt/verslag.pdf"))
        )
    )
    worker.start()
    deadline = time.monotonic() + 10
    while not (found := own_workers()):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    found[0].terminate()
    worker.join(30)
    ((path, _, message),) = results[0].problems
    assert "van buitenaf gestopt" in message and "geheugen" not in message
    assert path is None  # not a problem of the session's source
    assert not (work / "gestopt" / "verslag.pdf").exists()
