"""Ctrl-C and a stop signal (`kill`, a shutdown) end a command once, the same way.

The first of them raises KeyboardInterrupt where the main thread is; any that follow
while the command cleans up are ignored, so that the cleaning up is not itself cut
short (halfway, Snakemake would print its own English errors, or Python a traceback).
They stay ignored whoever puts the handler back (the build puts back the handlers it
found before Snakemake ran).
"""

from __future__ import annotations

import signal

HANDLED = (signal.SIGINT, signal.SIGTERM)
"""Ctrl-C, and what `kill` and a shutdown send."""

stopped = False
"""Whether a stop signal came (read by the workflow's end, to say so)."""


def stop_on_signals() -> None:
    """From now on, the first Ctrl-C or stop signal raises KeyboardInterrupt (main
    thread only)."""
    global stopped
    stopped = False
    for number in HANDLED:
        signal.signal(number, _stop_once)


def ignore_while_exiting() -> None:
    """The command has its answer and only exits: from now on Ctrl-C and stop signals
    are ignored by the operating system. (Python's exit puts the default handler back
    in place of ours, so a second Ctrl-C then ended the command by the signal, without
    its message and exit code; during its exit handlers, with a traceback.)"""
    for number in HANDLED:
        signal.signal(number, signal.SIG_IGN)


def _stop_once(signum: int, frame: object) -> None:
    global stopped
    if stopped:
        return  # the command is cleaning up
    stopped = True
    raise KeyboardInterrupt
