"""The send log, `out/verzendlog.jsonl`: what went to whom, line by line.

Every attempt is written before the message goes out (``bezig``) and its outcome
after (``verstuurd`` with the Message-ID, or ``mislukt`` with the reason), each
line flushed to disk at once: a crash, a full disk or a dead server never loses
the record of what did go out. A line cut short by a crash is skipped when read.
"""

from __future__ import annotations

import datetime as dt
import errno
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
        """A line of the log; a `ValueError` when it is not one the log writes."""
        data = json.loads(line)
        texts = ("tijd", "reeks", "sessie", "email", "sha256", "status")
        if not isinstance(data, dict) or not all(
            isinstance(data.get(name), str) for name in texts
        ):
            raise ValueError("geen regel van het verzendlogboek")
        dt.datetime.fromisoformat(data["tijd"])
        return cls(
            time=data["tijd"],
            series=data["reeks"],
            session=data["sessie"],
            email=data["email"],
            name=str(data.get("naam", "")),
            attachment=str(data.get("bijlage", "")),
            sha256=data["sha256"],
            status=data["status"],
            message_id=str(data.get("message_id", "")),
            correction=data.get("correctie") is True,
            reason=str(data.get("reden", "")),
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
        self.last_line = 0
        self._by_key: dict[tuple[str, str, str], list[Entry]] = {}
        self._sent_by_email: dict[str, dict[str, Entry]] = {}
        if self.path.exists():
            self._read()

    def _read(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            raise ReportError(
                f"het verzendlogboek {display_path(self.path)} kan niet worden gelezen "
                f"({reason(error)}); er wordt niets verstuurd"
            ) from None
        lines = text.splitlines()
        self.last_line = len(lines)
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                self._add(Entry.from_json(line))
            except ValueError:
                self.skipped_lines.append(number)

    @property
    def damaged(self) -> list[int]:
        """Unreadable lines other than a last one cut short by a crash."""
        return [n for n in self.skipped_lines if n != self.last_line]

    def _add(self, entry: Entry) -> None:
        self.entries.append(entry)
        self._by_key.setdefault(entry.key(), []).append(entry)
        if entry.status == SENT:
            self._sent_by_email.setdefault(entry.email.lower(), {})[entry.sha256] = entry

    def history(self, series: str, session: str, email: str) -> list[Entry]:
        """Every line about one recipient of one session, oldest first."""
        return self._by_key.get((series, session, email.lower()), [])

    def received(self, email: str, sha256: str) -> Entry | None:
        """The send of this very PDF to this address, under any session name (a
        session file renamed after sending is not sent again)."""
        return self._sent_by_email.get(email.lower(), {}).get(sha256)

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
                raise OSError(errno.ENOSPC, "onvolledig geschreven")
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if new:  # the file's name must survive a crash too
            folder = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
        self._add(entry)

    @staticmethod
    def _ends_with_newline(descriptor: int) -> bool:
        size = os.fstat(descriptor).st_size
        return os.pread(descriptor, 1, size - 1) == b"\n"


def reason(error: OSError) -> str:
    """Why a file could not be read or written, in Dutch."""
    return {
        errno.ENOSPC: "de schijf is vol",
        errno.EDQUOT: "de schijf is vol",
        errno.EACCES: "geen toestemming",
        errno.EPERM: "geen toestemming",
        errno.EROFS: "de schijf is alleen-lezen",
        errno.EISDIR: "het is een map, geen bestand",
        errno.ENOENT: "de map bestaat niet",
    }.get(error.errno or 0, f"foutcode {error.errno}")
