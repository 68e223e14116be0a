"""The e-mail of a report: its Dutch subject and text, the draft in a package and
the message that goes out (sent as a correction when asked)."""

from __future__ import annotations

import datetime as dt
import hashlib
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from .. import dutch
from ..model import Session, plain_text
from .recipients import Recipient, Sender

CORRECTION_SUBJECT = "Correctie: "
"""Put before the subject of a corrected report sent again."""
CORRECTION_TEXT = (
    "Dit is een gecorrigeerde versie van het verslag dat u op {day} ontving; het "
    "vervangt die versie."
)
"""The first paragraph of a corrected report sent again."""


def subject(session: Session) -> str:
    """``Verslag CoP <thema>, bijeenkomst <n> (<datum>): <titel>``."""
    day = dutch.long_date(session.date)
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
        many = len(session.stellingen) > 1
        lines += ["", "Besproken stellingen:" if many else "Besproken stelling:"]
        for stelling in session.stellingen:
            lines.append(f"{stelling.number}. {plain_text(stelling.statement)}")
            if stelling.conclusion:
                lines.append(f"   Conclusie: {plain_text(stelling.conclusion)}")
    lines += [
        "",
        "Het volledige verslag vindt u in de bijlage (PDF).",
        "",
        "Met vriendelijke groet,",
        sender.name if sender else session.series.network,
    ]
    return "\n".join(line.replace(dutch.NBSP, " ") for line in lines) + "\n"


def draft(
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
    email.set_content(body(session, recipient, sender), cte="quoted-printable")
    email.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    (attachment,) = email.iter_attachments()
    attachment.set_param("name", pdf_name)  # where older mail programs look for it
    email.set_boundary(f"==verslag-{hashlib.sha256(pdf).hexdigest()[:24]}==")
    return email


def outgoing(
    message: EmailMessage,
    sender: Sender,
    message_id: str | None = None,
    corrects: dt.date | None = None,
) -> EmailMessage:
    """A package's draft made ready to send: without ``X-Unsent``, with the sender,
    the date and a Message-ID (the given one when an interrupted send is repeated).
    A correction of a report sent on `corrects` says so in its subject and first
    paragraph. The draft is changed in place and returned."""
    del message["X-Unsent"]
    del message["From"]
    message["From"] = Address(sender.name, addr_spec=sender.email)
    message["Date"] = format_datetime(dt.datetime.now().astimezone())
    domain = sender.email.rpartition("@")[2]
    message["Message-ID"] = message_id or make_msgid(domain=domain)
    if corrects is not None:
        subject = str(message["Subject"])
        del message["Subject"]
        message["Subject"] = CORRECTION_SUBJECT + subject
        text = message.get_body(("plain",))
        content = text.get_content().replace("\r\n", "\n")
        greeting, _, rest = content.partition("\n\n")
        day = dutch.long_date(corrects).replace(dutch.NBSP, " ")
        note = CORRECTION_TEXT.format(day=day)
        text.set_content(f"{greeting}\n\n{note}\n\n{rest}", cte="quoted-printable")
    return message
