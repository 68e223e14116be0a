"""What the user sees of a build: a Dutch line per report made, then a summary.

The workflow's jobs (threads of this process) report to a `Progress`; so does
the Snakemake logger plugin (what is planned, and errors that are no job's).
Problems are kept per source file and shown once each, grouped under the file.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from .. import paths
from ..errors import Problem, display_path
from ..runner.protocol import Result

REPORT_NAMES = {
    "render_pdf": "PDF",
    "render_docx": "Word-bestand",
    "render_web": "webversie",
    "render_overview_pdf": "overzicht (PDF)",
    "render_overview_docx": "overzicht (Word)",
    "render_overview_web": "overzicht (web)",
    "render_index": "inhoudsopgave",
    "package_session": "verzendpakket",
}
"""A line per report made: Snakemake rule (or step) and what the user calls it."""


def printable(text: str) -> str:
    """Text safe for a terminal: control characters and undecodable bytes as codes."""
    return "".join(_printable(char) for char in text)


def _printable(char: str) -> str:
    if char.isprintable() or char == "\n":
        return char
    if char in "\u00a0\u202f":  # the no-break spaces of Dutch dates ("2 juli 2024")
        return " "
    if "\udc80" <= char <= "\udcff":  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{ord(char) - 0xDC00:02x}"
    return f"\\x{ord(char):02x}" if ord(char) < 256 else f"\\u{ord(char):04x}"


INDEX = tuple(path.name for path in paths.index(Path()))
"""The labels of the index's steps: its file names (the Snakefile's render_index)."""


class Progress:
    """Collects the events of one build and tells the user about them."""

    def __init__(
        self, sessions: Iterable[str], stream: TextIO = sys.stdout, whole: bool = True
    ) -> None:
        self.sessions = set(sessions)
        self.whole = whole
        """Whether the build makes the overviews and index too (not only named
        sessions)."""
        self.stream = stream
        self.lock = threading.Lock()
        self.started = time.monotonic()
        self.total = 0
        self.to_publish: int | None = None
        self.done = 0
        self.made: set[str] = set()
        self.failures: dict[str, list[Problem]] = {}
        self.failed_labels: set[str] = set()
        self.notes: list[str] = []
        self.engine_errors: list[str] = []
        self.interrupted = False
        """Whether the user stopped the build (Ctrl-C, or a stop signal)."""
        self.labels: list[str] = []
        """What each step that ended was about (``reeks/sessie``, ``index.pdf``, ...)."""

    # --- events ------------------------------------------------------------------

    def planned(self, stats: dict[str, int]) -> None:
        """Snakemake's job counts per rule for this build."""
        with self.lock:
            self.total = sum(stats.get(rule, 0) for rule in REPORT_NAMES)
            self.to_publish = stats.get("publish_session", 0) + stats.get(
                "publish_draft", 0
            )

    def step_done(self, step: str, label: str, result: Result) -> None:
        """A job ended; a made report gets its line, a failure is kept for the summary."""
        with self.lock:
            self.labels.append(label)
            for note in result.notes:
                self.notes.append(f"{label}: {note}")
            if step in REPORT_NAMES:
                self.done += 1
            if result.ok:
                if step in REPORT_NAMES:
                    self._line(f"{REPORT_NAMES[step]} gemaakt: {label}")
                return
            if self.interrupted:  # stopped, not failed: the summary says so once
                return
            self.failed_labels.add(label)
            for problem in result.problems:
                path = problem[0] or ""
                known = self.failures.setdefault(path, [])
                if problem not in known:
                    known.append(problem)
            self._line(f"niet gelukt: {label} (zie onder)", counted=step in REPORT_NAMES)

    def steps_outside(self, series: set[str]) -> list[str]:
        """The labels of steps that ended and belong to none of `series`: a series'
        steps are labelled ``reeks/...``; the index, which every series feeds,
        belongs to all (see the Snakefile's labels)."""
        return [
            label
            for label in self.labels
            if (label.split("/")[0] not in series if "/" in label else label not in INDEX)
        ]

    def plan_again(self, why: str) -> None:
        """A second plan in the same build: say so, and count its reports from one."""
        with self.lock:
            self._line(why, counted=False)
            self.total = 0
            self.done = 0

    def published(self, label: str) -> None:
        with self.lock:
            if label in self.sessions:
                self.made.add(label)

    def note(self, text: str) -> None:
        """Something the user should know, shown after the summary (``LET OP``)."""
        with self.lock:
            self.notes.append(text)

    def removed(self, lines: list[str]) -> None:
        """Outputs without a source were removed after the build (one line each)."""
        with self.lock:
            for line in lines:
                self._line(line, counted=False)

    def content_problems(self, problems: list[Problem], warnings: list[str]) -> None:
        """Files that cannot be sessions (errors) or were skipped (warnings)."""
        with self.lock:
            for problem in problems:
                self.failures.setdefault(problem[0] or "", []).append(problem)
                self.failed_labels.add(problem[0] or "")
            self.notes.extend(warnings)

    def interrupt(self) -> None:
        """Snakemake stops its steps because the user asked (Ctrl-C, a stop signal):
        so does the fork server, at once (its steps do not finish, and none starts
        in a process of its own)."""
        from ..runner import client

        self.interrupted = True
        self.engine_error(INTERRUPTED)
        client.interrupt()

    def engine_error(self, message: str) -> None:
        with self.lock:
            if message and message not in self.engine_errors:
                self.engine_errors.append(message)

    def _line(self, text: str, counted: bool = True) -> None:
        prefix = f"[{self.done}/{max(self.total, self.done)}] " if counted else ""
        print(printable(prefix + text), file=self.stream, flush=True)

    # --- the end -------------------------------------------------------------------

    def nothing_to_do(self) -> str:
        """The answer when nothing changed since the last good build."""
        count = len(self.sessions)
        which = "de sessie" if count == 1 else f"alle {count} sessies"
        return (
            "Klaar: niets veranderd sinds de vorige bouw; de verslagen van "
            f"{which} zijn bijgewerkt."
        )

    def summary(self, log: Path, checked_only: bool = False) -> str:
        """The closing lines: counts, then every problem grouped by file."""
        seconds = time.monotonic() - self.started
        failed = len(self.failed_labels & self.sessions)
        shared = len(self.failed_labels - self.sessions)
        lines = []
        if checked_only:
            verdict = (
                f"In orde: {_count(len(self.sessions), 'sessie')} gecontroleerd, geen fouten."
                if not self.failures and not self.engine_errors
                else f"Controle klaar: {_count(failed + shared, 'bestand')} met fouten."
            )
        else:
            planned = self.to_publish
            if planned is None:  # no plan heard: nothing to do, or a stop before it
                clean = not self.failures and not self.engine_errors
                planned = 0 if clean else len(self.sessions)
            unchanged = max(len(self.sessions) - max(planned, len(self.made) + failed), 0)
            blocked = max(len(self.sessions) - len(self.made) - failed - unchanged, 0)
            verdict = (
                f"Klaar in {seconds:.1f} s: ".replace(".", ",")
                + f"{_count(len(self.made), 'sessie')} bijgewerkt, "
                f"{unchanged} ongewijzigd, {failed} met fouten"
            )
            if blocked and shared:
                verdict += f", {blocked} niet gemaakt door een fout in een gedeeld bestand"
            verdict += "."
            if self.interrupted:
                verdict = (
                    f"Afgebroken na {seconds:.1f} s: ".replace(".", ",")
                    + f"{_count(len(self.made), 'sessie')} bijgewerkt."
                )
        lines.append(verdict)
        broken = sorted(
            {label.split("/")[0] for label in self.failed_labels & self.sessions}
        )
        if broken and not checked_only and self.whole:
            overviews = ", ".join(f"{reeks}/overzicht" for reeks in broken)
            lines.append(
                f"Tot die fouten zijn opgelost, ontbreken ook {overviews} en de "
                "inhoudsopgave (ze zouden anders verouderd zijn)."
            )
        for path, problems in sorted(self.failures.items()):
            lines.append("")
            lines.append(
                f"Problemen in {display_path(Path(path))}:" if path else "Problemen:"
            )
            for _, line, message in sorted(problems, key=lambda p: p[1]):
                where = f"regel {line}: " if line else ""
                lines.append(f"  {where}{message}")
        for message in self.engine_errors:
            lines.append("")
            lines.append(engine_problem(message, log))
        if self.notes:
            lines.append("")
        for note in self.notes:
            lines.append(f"LET OP: {note}")
        lines.append("")
        lines.append(f"Het volledige logboek staat in {display_path(log)}.")
        return printable("\n".join(lines))


INTERRUPTED = (
    "FOUT: de bouw is afgebroken (Ctrl-C of een stopsignaal). Wat al klaar was, blijft "
    "staan; start ./build.sh opnieuw voor de rest."
)
_ENGINE_PROBLEMS = (
    ("No space left on device", "de schijf is vol; maak ruimte vrij en bouw opnieuw"),
    ("Read-only file system", "een map van de bouw is alleen-lezen"),
    ("Permission denied", "de bouw mag in een van zijn mappen niet schrijven"),
    ("cannot be locked", "er loopt al een andere bouw in deze projectmap"),
)


def engine_problem(message: str, log: Path) -> str:
    """A problem of Snakemake itself, in Dutch, with where to read more."""
    if message.startswith("FOUT: "):
        return message
    for english, dutch in _ENGINE_PROBLEMS:
        if english in message:
            return f"FOUT: {dutch}. Details staan in {display_path(log)}."
    return (
        "FOUT: de bouw stopte door een fout buiten de bronbestanden. Details staan in "
        f"{display_path(log)}."
    )


def _count(number: int, noun: str) -> str:
    plural = {"sessie": "sessies", "bron": "bronnen", "bestand": "bestanden"}[noun]
    return f"{number} {noun if number == 1 else plural}"
