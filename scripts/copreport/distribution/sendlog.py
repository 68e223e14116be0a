"""The send log, `out/verzendlog.jsonl`: what went to whom, line by line.

Every attempt is written before the message goes out (``bezig``) and its outcome
after (``verstuurd`` with the Message-ID, or ``mislukt`` with the reason), each
line flushed to disk at once: a crash, a full disk or a dead server never loses
the record of what did go out. A line cut short by a crash is skipped when read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReportError, display_path

LOG_FILE = "verzendlog.jsonl"

SENT = "verstuurd"
FAILED = "mislukt"
BUSY = "bezig"
"""Written before a message is handed over; without a later line, its fate is unknown."""
UNCERTAIN = "onzeker"
"""The message was sent but the server did not confirm it."""


@dataclass(frozen=True)
class Entry:
    """One line of the log."""

    time: str
    series: str
    session: str
    email: str
    name: str
    attachment: str
    sha256: str
    status: str
    message_id: str = ""
    correction: bool = False
    reason: str = ""

    def key(self) -> tuple[str, str, str]:
        return (self.series, self.session, self.email.lower())

    def to_json(self) -> str:
        return json.dumps(
            {
                "tijd": self.time,
                "reeks": self.series,
                "sessie": self.session,
                "email": self.email,
                "naam": self.name,
                "bijlage": self.attachment,
                "sha256": self.sha256,
                "status": self.status,
                "message_id": self.message_id,
                "correctie": self.correction,
                "reden": self.reason,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, line: str) -> Entry:
        data = json.loads(line)
        return cls(
            time=data["tijd"],
            series=data["reeks"],
            session=data["sessie"],
            email=data["email"],
            name=data.get("naam", ""),
            attachment=data.get("bijlage", ""),
            sha256=data["sha256"],
            status=data["status"],
            message_id=data.get("message_id", ""),
            correction=bool(data.get("correctie", False)),
            reason=data.get("reden", ""),
        )


def now() -> str:
    """The current time as the log writes it (local time with its offset)."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class SendLog:
    """The log of one output folder: read once, appended to line by line."""

    def __init__(self, out: Path) -> None:
        self.path = out / LOG_FILE
        self.entries: list[Entry] = []
        self.skipped_lines: list[int] = []
        if self.path.exists():
            self._read()

    def _read(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            raise ReportError(
                f"het verzendlogboek {display_path(self.path)} kan niet worden gelezen "
                f"({error.strerror}); er wordt niets verstuurd"
            ) from None
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                self.entries.append(Entry.from_json(line))
            except (ValueError, KeyError, TypeError):
                self.skipped_lines.append(number)

    def history(self, series: str, session: str, email: str) -> list[Entry]:
        """Every line about one recipient of one session, oldest first."""
        key = (series, session, email.lower())
        return [entry for entry in self.entries if entry.key() == key]

    def append(self, entry: Entry) -> None:
        """Add a line and make sure it is on disk before anything else happens."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new = not self.path.exists()
        line = (entry.to_json() + "\n").encode("utf-8")
        descriptor = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            if os.fstat(descriptor).st_size and not self._ends_with_newline(descriptor):
                line = b"\n" + line  # after a line cut short by a crash
            written = os.write(descriptor, line)
            if written != len(line):
                raise OSError(28, "onvolledig geschreven")
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if new:  # the file's name must survive a crash too
            folder = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
        self.entries.append(entry)

    @staticmethod
    def _ends_with_newline(descriptor: int) -> bool:
        size = os.fstat(descriptor).st_size
        return os.pread(descriptor, 1, size - 1) == b"\n"
