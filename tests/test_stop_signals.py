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
