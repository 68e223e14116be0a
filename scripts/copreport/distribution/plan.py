"""What a send would do: for each message in the packages, send it or why not.

Reads the packages the build made (`out/<reeks>/verzending/<sessie>/`) and the
send log. A message is sent once per recipient, session and PDF: one already
sent is skipped; a changed PDF goes out again only as a correction; an attempt
that was cut off (no outcome in the log) is held back until the user says so.
"""

from __future__ import annotations

import email
import hashlib
import json
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from ..errors import ReportError, display_path
from ..paths import package
from .sendlog import BUSY, SENT, UNCERTAIN, Entry, SendLog

SEND = "versturen"
CORRECT = "correctie"
DONE = "al verstuurd"
CHANGED = "gewijzigd"
INTERRUPTED = "onderbroken"


@dataclass(frozen=True)
class Planned:
    """One message of one package and what will be done with it."""

    series: str
    session: str
    name: str
    email: str
    organisation: str
    eml: Path
    attachment: str
    sha256: str
    remark: str
    action: str
    earlier: Entry | None = None
    """The log line that decided the action (an earlier send or attempt)."""
    sent_before: Entry | None = None
    """The last time another version of the report went to this recipient."""

    @property
    def label(self) -> str:
        return f"{self.series}/{self.session}"

    @property
    def goes_out(self) -> bool:
        return self.action in (SEND, CORRECT)


def package_folders(out: Path, sessions: list[tuple[str, str]]) -> list[Path]:
    """The package folders of these sessions, in order; a missing one is an error."""
    folders = []
    for series, session in sessions:
        folder = package(out, series, session)
        if not (folder / "manifest.json").is_file():
            raise ReportError(
                f"er is geen verzendpakket voor {series}/{session} in "
                f"{display_path(folder.parent)}; is het verslag gemaakt?"
            )
        folders.append(folder)
    return folders


def plan(
    folders: list[Path], log: SendLog, *, correction: bool, interrupted: bool
) -> list[Planned]:
    """Every message of these packages with what to do with it: `correction` sends a
    changed report again, `interrupted` an attempt whose outcome is unknown."""
    planned = []
    for folder in folders:
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            rows = [(row, folder / row["bericht"]) for row in manifest["ontvangers"]]
            for row, eml in rows:
                _check_attachment(eml, row["sha256"])
        except (OSError, ValueError, KeyError):
            raise ReportError(
                f"het verzendpakket {display_path(folder)} is onvolledig of gewijzigd; "
                "verwijder die map en maak het opnieuw met ./build.sh"
            ) from None
        for row, eml in rows:
            history = log.history(manifest["reeks"], manifest["sessie"], row["email"])
            action, earlier, sent_before = _decide(
                history, row["sha256"], correction, interrupted
            )
            elsewhere = log.received(row["email"], row["sha256"])
            if action != DONE and elsewhere:
                action, earlier = DONE, elsewhere
            planned.append(
                Planned(
                    series=manifest["reeks"],
                    session=manifest["sessie"],
                    name=row["naam"],
                    email=row["email"],
                    organisation=row["organisatie"],
                    eml=eml,
                    attachment=row["bijlage"],
                    sha256=row["sha256"],
                    remark=row.get("opmerking", ""),
                    action=action,
                    earlier=earlier,
                    sent_before=sent_before,
                )
            )
    return planned


def _decide(
    history: list[Entry], sha256: str, correction: bool, interrupted: bool
) -> tuple[str, Entry | None, Entry | None]:
    """The action for one recipient, the log line behind it and the last send of
    another version of the report (which a correction replaces)."""
    same = [entry for entry in history if entry.sha256 == sha256]
    done = [entry for entry in same if entry.status == SENT]
    if done:
        return DONE, done[-1], None
    attempt = same[-1] if same and same[-1].status in (BUSY, UNCERTAIN) else None
    before = [entry for entry in history if entry.status == SENT]
    sent_before = before[-1] if before else None
    if attempt and not interrupted:
        return INTERRUPTED, attempt, sent_before
    if sent_before:
        if correction or (attempt and attempt.correction):
            return CORRECT, attempt, sent_before
        return CHANGED, sent_before, sent_before
    return SEND, attempt, None


def _check_attachment(eml: Path, sha256: str) -> None:
    """The PDF in the message is the one in the manifest (else the package is broken)."""
    message = read_message(eml)
    for part in message.iter_attachments():
        data = part.get_content()
        if hashlib.sha256(data).hexdigest() == sha256:
            return
    raise ReportError(
        f"de bijlage in {display_path(eml)} is niet de PDF uit het manifest; maak het "
        "pakket opnieuw met ./build.sh"
    )


def read_message(eml: Path) -> EmailMessage:
    """A message of a package."""
    return email.message_from_bytes(eml.read_bytes(), policy=SMTP)
