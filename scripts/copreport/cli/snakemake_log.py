"""A Snakemake logger plugin that keeps Snakemake's own lines off the terminal.

Every record goes, formatted as Snakemake would print it, to a log file whose
path the summary names. The plugin claims the terminal (so Snakemake adds no
stream handler of its own) and passes on the two things the user needs: how many
jobs of each rule the build will run, and errors that are not a job's (a broken
Snakefile, an unreadable folder), which the summary then reports in Dutch.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from typing import Any

from snakemake_interface_logger_plugins.base import LogHandlerBase
from snakemake_interface_logger_plugins.common import LogEvent
from snakemake_interface_logger_plugins.settings import LogHandlerSettingsBase

NAME = "snakemake_logger_plugin_copreport"
"""The module name under which the plugin is registered (Snakemake's convention)."""


JOB_ERRORS = ("RuleException",)
"""Exceptions Snakemake logs for a failed job: the job itself reported why, in Dutch."""


@dataclass
class LogHandlerSettings(LogHandlerSettingsBase):
    """Where the log goes and who hears about plans and errors."""

    path: str | None = field(default=None, metadata={"help": "log file"})
    listener: Any = field(default=None, metadata={"help": "progress listener"})
    append: bool = field(default=False, metadata={"help": "keep what the log holds"})


STOPPING = "Terminating processes on user request"
"""How Snakemake says that it stops its steps after SIGINT (and SIGTERM, which the
workflow's `start_build` turns into the same)."""


class LogHandler(LogHandlerBase):
    """Writes Snakemake's lines to the log file; tells the listener what matters."""

    def __post_init__(self) -> None:
        from snakemake.logging import DefaultFilter, DefaultFormatter

        try:
            mode = "a" if self.settings.append else "w"
            self.stream = open(self.settings.path, mode, encoding="utf-8")  # noqa: SIM115
        except OSError:
            self.stream = None  # the command line checked the folder; a full disk remains
        self.setFormatter(DefaultFormatter(None, False))
        self.addFilter(DefaultFilter(None, False, False, False, False))
        self.listener = self.settings.listener

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, "event", None)
        if event == LogEvent.RUN_INFO and self.listener is not None:
            self.listener.planned(dict(getattr(record, "stats", {}) or {}))
        if self.listener is not None and record.getMessage().startswith(STOPPING):
            self.listener.interrupt()
        if (
            event == LogEvent.ERROR
            and self.listener is not None
            and getattr(record, "exception", None) not in JOB_ERRORS
        ):
            self.listener.engine_error(record.getMessage())
        try:
            text = self.format(record)
        except Exception:
            text = record.getMessage()
        if text and self.stream is not None:
            try:
                self.stream.write(text.rstrip("\n") + "\n")
                self.stream.flush()
            except OSError:  # a full disk: the build goes on, its steps say why
                self.stream = None

    def handleError(self, record: logging.LogRecord) -> None:
        pass  # never a "Logging error" traceback on the user's screen

    def close(self) -> None:
        if self.stream is not None:
            with contextlib.suppress(OSError):
                self.stream.close()
        super().close()

    @property
    def writes_to_stream(self) -> bool:
        return True  # it owns the terminal: nothing of Snakemake's reaches it

    @property
    def writes_to_file(self) -> bool:
        return False

    @property
    def has_filter(self) -> bool:
        return True

    @property
    def has_formatter(self) -> bool:
        return True

    @property
    def needs_rulegraph(self) -> bool:
        return False
