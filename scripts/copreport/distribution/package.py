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
from pathlib import Path

from .. import dutch
from ..errors import ReportError
from ..model import Session
from ..source.register import Register
from .message import draft
from .recipients import DistributionList, Recipient

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


def organisation_note(
    session: Session, recipient: Recipient, register: Register
) -> str | None:
    """A warning when the recipient's organisation no longer existed on the day."""
    organisation = register.organisations.get(recipient.organisation)
    if organisation and organisation.ended and session.date >= organisation.ended:
        day = dutch.long_date(session.date).replace(dutch.NBSP, " ")
        ended = dutch.long_date(organisation.ended).replace(dutch.NBSP, " ")
        return (
            f"{recipient.name} <{recipient.email}>: de organisatie {organisation.name} "
            f"bestond op {day} niet meer (opgeheven op {ended}); klopt de verzendlijst "
            "nog?"
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
    """Write the package of one session into `target` (a folder, replaced whole);
    return warnings for the user (recipients of organisations that were dissolved)."""
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
    for leftover in target.parent.glob(f".{target.name}.*"):  # of a build killed here
        shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    staging.chmod(0o777 & ~_umask())  # mkdtemp makes it private
    try:
        rows = []
        for number, recipient in enumerate(recipients, start=1):
            name = f"{number:02d}-{_file_part(recipient.email)}.eml"
            email = draft(session, recipient, sender, pdf_bytes, pdf.name)
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
            "niemand op de verzendlijst krijgt verslagen van de reeks "
            f"'{session.series.slug}'; het pakket heeft geen berichten"
        )
    return notes


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
