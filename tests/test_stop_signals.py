"""Ctrl-C and a stop signal end a command once; more of them do not cut its cleanup."""

from __future__ import annotations

import os
import signal

import pytest
from copreport import stop_signals


@pytest.fixture
def own_handlers(monkeypatch):
    """This test's handlers go again afterwards; `stopped` starts false."""
    before = {number: signal.getsignal(number) for number in stop_signals.HANDLED}
    monkeypatch.setattr(stop_signals, "stopped", False)
    yield
    for number, handler in before.items():
        signal.signal(number, handler)


@pytest.mark.parametrize("first", [signal.SIGTERM, signal.SIGINT])
def test_the_first_stop_signal_stops_and_the_next_are_ignored(own_handlers, first):
    stop_signals.stop_on_signals()
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), first)
    assert stop_signals.stopped
    for number in (signal.SIGTERM, signal.SIGINT, first):  # while it cleans up
        os.kill(os.getpid(), number)
    stop_signals.stop_on_signals()  # a new command (the preview's next build)
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGTERM)


def test_a_stop_signal_stays_ignored_when_a_handler_is_put_back(own_handlers):
    """The build puts back the handlers it found before Snakemake ran; a second Ctrl-C
    while it then tidies up and sums up must not cut that short."""
    stop_signals.stop_on_signals()
    found = {number: signal.getsignal(number) for number in stop_signals.HANDLED}
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
    for number, handler in found.items():  # what engine.run_workflow does at its end
        signal.signal(number, handler)
    os.kill(os.getpid(), signal.SIGINT)
    os.kill(os.getpid(), signal.SIGTERM)


def test_build_sh_stopped_during_its_setup_says_what_the_command_says():
    """Before Python runs, build.sh itself reports a Ctrl-C or stop signal; the user
    reads the same Dutch line as later in the build."""
    from copreport.cli.progress import INTERRUPTED
    from helpers import ROOT

    assert INTERRUPTED in (ROOT / "build.sh").read_text(encoding="utf-8")


EXITING = """
import atexit, os, signal, sys
sys.path.insert(0, {scripts!r})
from copreport import stop_signals
stop_signals.stop_on_signals()
atexit.register(lambda: os.kill(os.getpid(), signal.SIGINT))  # Ctrl-C while it exits
stop_signals.ignore_while_exiting()
sys.exit(3)
"""


def test_a_ctrl_c_while_the_command_exits_changes_nothing():
    """Once the command has its answer it only exits; a Ctrl-C then keeps its exit
    code and prints nothing (it printed a KeyboardInterrupt traceback, or, after
    Python had put the default handler back, ended the command by the signal)."""
    import subprocess
    import sys

    from helpers import ROOT

    code = EXITING.format(scripts=str(ROOT / "scripts"))
    ended = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (ended.returncode, ended.stderr) == (3, "")
