"""A session's distribution package: a draft e-mail per recipient, a manifest, a ZIP.

Written under `out/<reeks>/verzending/<sessie>/`: one `.eml` per recipient (with
``X-Unsent: 1``, so that Outlook and Thunderbird open it as a draft to send), the
PDF attached; `manifest.json` and `manifest.csv` listing every recipient, the
attached file and its SHA-256; and a ZIP of the PDF, the Word file and the
manifest. The same sources give the same bytes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from .. import dutch
from ..errors import ReportError
from ..model import Session, plain_text
from ..source.register import Register
from .recipients import DistributionList, Recipient, Sender

MANIFEST_FIELDS = (
    "naam",
    "email",
    "organisatie",
    "bericht",
    "bijlage",
    "sha256",
    "opmerking",
)
"""The columns of the manifest, per recipient."""


CORRECTION_SUBJECT = "Correctie: "
"""Put before the subject of a corrected report sent again."""
CORRECTION_TEXT = (
    "Dit is een gecorrigeerde versie van het verslag dat u eerder ontving; het "
    "vervangt die versie."
)
"""The first paragraph of a corrected report sent again."""


def subject(session: Session) -> str:
    """``Verslag CoP <thema>, bijeenkomst <n> (<datum>): <titel>``."""
    day = dutch.long_date(session.date).replace(dutch.NBSP, " ")
    text = (
        f"Verslag CoP {session.series.theme}, bijeenkomst {session.number} "
        f"({day}): {session.title}"
    )
    return text.replace(dutch.NBSP, " ")


def body(session: Session, recipient: Recipient, sender: Sender | None) -> str:
    """The message in Dutch: which session, what it was about, what the stellingen yielded."""
    host = session.host.short_name if session.host else None
    lines = [
        f"Beste {recipient.name},",
        "",
        f"Hierbij het verslag van de {dutch.ordinal(session.number)} bijeenkomst van de "
        f"Community of Practice \u2018{session.series.theme}\u2019 van het "
        f"{session.series.network}, op {dutch.long_date(session.date)} in "
        f"{dutch.place(session.location, host)}.",
        "",
        f"Titel: {session.title}",
    ]
    if session.focus:
        lines.append(f"Focus: {plain_text(session.focus)}")
    if session.stellingen:
        lines += ["", "Besproken stellingen:"]
        for stelling in session.stellingen:
            lines.append(f"{stelling.number}. {plain_text(stelling.statement)}")
            if stelling.conclusion:
                lines.append(f"   Conclusie: {plain_text(stelling.conclusion)}")
    lines += [
        "",
        "Het volledige verslag zit als PDF bij dit bericht.",
        "",
        "Met vriendelijke groet,",
        sender.name if sender else session.series.network,
    ]
    return "\n".join(line.replace(dutch.NBSP, " ") for line in lines) + "\n"


def message(
    session: Session,
    recipient: Recipient,
    sender: Sender | None,
    pdf: bytes,
    pdf_name: str,
) -> EmailMessage:
    """One draft e-mail (``X-Unsent: 1``) with the PDF attached."""
    email = EmailMessage(policy=SMTP)
    if sender is not None:
        email["From"] = Address(sender.name, addr_spec=sender.email)
    email["To"] = Address(recipient.name, addr_spec=recipient.email)
    email["Subject"] = subject(session)
    email["X-Unsent"] = "1"
    email.set_content(body(session, recipient, sender))
    email.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    email.set_boundary(f"==verslag-{hashlib.sha256(pdf).hexdigest()[:24]}==")
    return email


def organisation_note(
    session: Session, recipient: Recipient, register: Register
) -> str | None:
    """A warning when the recipient's organisation no longer existed on the day."""
    organisation = register.organisations.get(recipient.organisation)
    if organisation and organisation.ended and session.date >= organisation.ended:
        return (
            f"{recipient.name} <{recipient.email}> hoort bij {organisation.name}, dat op "
            f"{dutch.long_date(session.date).replace(dutch.NBSP, ' ')} niet meer bestond "
            f"(opgeheven op {dutch.long_date(organisation.ended).replace(dutch.NBSP, ' ')}); "
            "klopt de verzendlijst nog?"
        )
    return None


def write_package(
    session: Session,
    distribution: DistributionList,
    register: Register,
    pdf: Path,
    docx: Path,
    target: Path,
) -> list[str]:
    """Write the package of one session into `target` (a folder, replaced whole)."""
    if session.draft:
        raise ReportError(
            f"{session.series.slug}/{session.slug} staat op 'status: concept' en wordt "
            "niet verzonden; haal die regel weg als het verslag is vastgesteld"
        )
    recipients = [r for r in distribution.recipients if r.receives(session.series.slug)]
    pdf_bytes = pdf.read_bytes()
    digest = hashlib.sha256(pdf_bytes).hexdigest()
    sender = distribution.sender_for(session.series)
    remarks = {r.email: organisation_note(session, r, register) for r in recipients}
    notes = [note for note in remarks.values() if note]
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        rows = []
        for number, recipient in enumerate(recipients, start=1):
            name = f"{number:02d}-{_file_part(recipient.email)}.eml"
            email = message(session, recipient, sender, pdf_bytes, pdf.name)
            (staging / name).write_bytes(email.as_bytes())
            organisation = register.name_of(recipient.organisation, session.date)
            rows.append(
                dict(
                    zip(
                        MANIFEST_FIELDS,
                        (
                            recipient.name,
                            recipient.email,
                            organisation,
                            name,
                            pdf.name,
                            digest,
                            remarks[recipient.email] or "",
                        ),
                        strict=True,
                    )
                )
            )
        manifest_json = json.dumps(
            {"reeks": session.series.slug, "sessie": session.slug, "ontvangers": rows},
            ensure_ascii=False,
            indent=1,
        ).encode("utf-8")
        manifest_csv = _csv(rows)
        (staging / "manifest.json").write_bytes(manifest_json)
        (staging / "manifest.csv").write_bytes(manifest_csv)
        _zip(
            staging / f"{session.slug}.zip",
            session,
            {
                pdf.name: pdf_bytes,
                docx.name: docx.read_bytes(),
                "manifest.json": manifest_json,
                "manifest.csv": manifest_csv,
            },
        )
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if not recipients:
        notes.append(
            f"niemand op de verzendlijst krijgt de reeks '{session.series.slug}'; het "
            "pakket heeft geen berichten"
        )
    return notes


def _file_part(email: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", email.lower()).strip("-")[:60]


def _csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=MANIFEST_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _zip(path: Path, session: Session, files: dict[str, bytes]) -> None:
    stamp = session.timestamp.timetuple()[:6]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, data)
