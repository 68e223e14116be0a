"""Sending the planned messages through the user's SMTP server, one per recipient.

Each message is logged as under way before it is handed over and as sent (with
its Message-ID) or failed right after. A recipient the server refuses is
reported and the others still go out; a server that cannot be reached, a
timeout or a temporary refusal is retried a bounded number of times.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from ..errors import ReportError
from .package import CORRECTION_SUBJECT, CORRECTION_TEXT
from .plan import CORRECT, Planned, read_message
from .recipients import Sender, SmtpSettings
from .sendlog import BUSY, FAILED, SENT, Entry, SendLog, now

PASSWORD_ENV = "COPREPORT_SMTP_WACHTWOORD"
ATTEMPTS = 3
"""How often one message is tried before it counts as failed."""
TIMEOUT = 30.0
"""Seconds to wait for the server at any step."""


class ServerProblem(Exception):
    """Nothing more can be sent in this run (the server or the log is unusable)."""


@dataclass
class Outcome:
    """What became of the messages of one run."""

    sent: list[tuple[Planned, str]] = field(default_factory=list)
    failed: list[tuple[Planned, str]] = field(default_factory=list)
    not_tried: list[Planned] = field(default_factory=list)
    stopped: str = ""


def describe(smtp: SmtpSettings) -> str:
    """The server as the user configured it, for messages."""
    secure = "met STARTTLS" if smtp.starttls and smtp.port != 465 else ""
    secure = "met TLS" if smtp.port == 465 else secure or "zonder versleuteling"
    user = f", als gebruiker {smtp.user}" if smtp.user else ""
    return f"{smtp.host}:{smtp.port} ({secure}{user})"


def password(smtp: SmtpSettings, environment: dict[str, str]) -> str | None:
    """The password from the environment; required when a user is configured."""
    if not smtp.user:
        return None
    value = environment.get(PASSWORD_ENV)
    if not value:
        raise ReportError(
            f"voor gebruiker {smtp.user} is een wachtwoord nodig: zet het in de "
            f"omgevingsvariabele {PASSWORD_ENV} (nooit in een bestand in de projectmap), "
            f"bijvoorbeeld met  read -s {PASSWORD_ENV} && export {PASSWORD_ENV}"
        )
    return value


def outgoing(planned: Planned, sender: Sender, domain: str) -> EmailMessage:
    """The package's draft made ready to send: no X-Unsent, a date, a Message-ID,
    the sender, and for a correction the marked subject and a first paragraph."""
    message = read_message(planned.eml)
    del message["X-Unsent"]
    del message["From"]
    message["From"] = Address(sender.name, addr_spec=sender.email)
    message["Date"] = format_datetime(_now())
    message["Message-ID"] = make_msgid(domain=domain)
    if planned.action == CORRECT:
        subject = str(message["Subject"])
        del message["Subject"]
        message["Subject"] = CORRECTION_SUBJECT + subject
        text = message.get_body(("plain",))
        content = text.get_content().replace("\r\n", "\n")
        greeting, _, rest = content.partition("\n\n")
        text.set_content(f"{greeting}\n\n{CORRECTION_TEXT}\n\n{rest}")
    return message


def _now():
    import datetime as dt

    return dt.datetime.now().astimezone()


def send_all(
    planned: list[Planned],
    sender: Sender,
    smtp: SmtpSettings,
    secret: str | None,
    log: SendLog,
    tell: Callable[[str], None],
    pause: float = 2.0,
) -> Outcome:
    """Send every planned message that goes out; `tell` hears a line per message."""
    outcome = Outcome()
    todo = [item for item in planned if item.goes_out]
    domain = sender.email.rpartition("@")[2]
    connection = _Connection(smtp, secret, pause)
    try:
        for index, item in enumerate(todo):
            try:
                message_id = _send_one(item, sender, domain, connection, log)
            except _Refused as refusal:
                outcome.failed.append((item, str(refusal)))
                tell(f"niet verstuurd aan {item.email} ({item.label}): {refusal}")
                continue
            except ServerProblem as problem:
                outcome.stopped = str(problem)
                outcome.not_tried = todo[index:]
                break
            outcome.sent.append((item, message_id))
            tell(f"verstuurd aan {item.name} <{item.email}> ({item.label})")
    finally:
        connection.close()
    return outcome


class _Refused(Exception):
    """The server will not take this message for this recipient."""


def _send_one(
    item: Planned, sender: Sender, domain: str, connection: _Connection, log: SendLog
) -> str:
    message = outgoing(item, sender, domain)
    message_id = str(message["Message-ID"])
    entry = Entry(
        time=now(),
        series=item.series,
        session=item.session,
        email=item.email,
        name=item.name,
        attachment=item.attachment,
        sha256=item.sha256,
        status=BUSY,
        message_id=message_id,
        correction=item.action == CORRECT,
    )
    _write(log, entry)
    try:
        connection.deliver(message, sender.email, item.email)
    except _Refused as refusal:
        _write(log, _with(entry, status=FAILED, reason=str(refusal)))
        raise
    except ServerProblem as problem:
        _write(log, _with(entry, status=FAILED, reason=str(problem)))
        raise
    _write(log, _with(entry, status=SENT))
    return message_id


def _with(entry: Entry, **changes) -> Entry:
    from dataclasses import replace

    return replace(entry, time=now(), **changes)


def _write(log: SendLog, entry: Entry) -> None:
    try:
        log.append(entry)
    except OSError as error:
        raise ServerProblem(
            f"het verzendlogboek {log.path} kan niet worden bijgewerkt "
            f"({error.strerror or error}); het versturen is gestopt zodat niets "
            "ongemerkt twee keer gaat"
        ) from None


class _Connection:
    """One SMTP session, opened when first needed and reopened after a failure."""

    def __init__(self, smtp: SmtpSettings, secret: str | None, pause: float) -> None:
        self.settings = smtp
        self.secret = secret
        self.pause = pause
        self.client: smtplib.SMTP | None = None

    def deliver(self, message: EmailMessage, sender: str, recipient: str) -> None:
        """Hand one message over; temporary trouble is retried, a refusal is not."""
        last = ""
        refused = False
        for attempt in range(1, ATTEMPTS + 1):
            if attempt > 1:
                time.sleep(self.pause * (attempt - 1))
            try:
                client = self._open()
                client.send_message(message, from_addr=sender, to_addrs=[recipient])
                return
            except smtplib.SMTPRecipientsRefused as error:
                code, reply = error.recipients.get(recipient, (550, b""))
                if code >= 500:
                    raise _Refused(_refusal(code, reply)) from None
                last, refused = _refusal(code, reply), True
            except smtplib.SMTPSenderRefused as error:
                raise ServerProblem(
                    f"de server weigert de afzender {sender}: {_reply(error.smtp_error)} "
                    f"(code {error.smtp_code})"
                ) from None
            except smtplib.SMTPAuthenticationError as error:
                raise ServerProblem(
                    "de server accepteert de gebruikersnaam of het wachtwoord niet "
                    f"({_reply(error.smtp_error)}); controleer 'gebruiker' in de "
                    f"verzendlijst en {PASSWORD_ENV}"
                ) from None
            except smtplib.SMTPNotSupportedError:
                raise ServerProblem(
                    f"de server {self.settings.host} biedt geen STARTTLS of geen "
                    "aanmelding aan; vraag de beheerder van de mailserver welke poort en "
                    "versleuteling u moet gebruiken"
                ) from None
            except smtplib.SMTPResponseException as error:
                if error.smtp_code >= 500:
                    raise _Refused(_refusal(error.smtp_code, error.smtp_error)) from None
                last, refused = _refusal(error.smtp_code, error.smtp_error), True
            except ssl.SSLError as error:
                raise ServerProblem(
                    f"de versleutelde verbinding met {self.settings.host} lukt niet "
                    f"({error.reason or error}); klopt de poort?"
                ) from None
            except TimeoutError:
                last, refused = f"geen antwoord binnen {TIMEOUT:.0f} seconden", False
            except (OSError, smtplib.SMTPException) as error:
                last, refused = _connection_problem(error), False
            self.close()
        if refused:
            raise _Refused(f"{last}, ook na {ATTEMPTS} pogingen")
        raise ServerProblem(
            f"de mailserver {describe(self.settings)} is niet bereikbaar: {last} "
            f"(na {ATTEMPTS} pogingen)"
        )

    def _open(self) -> smtplib.SMTP:
        if self.client is not None:
            return self.client
        smtp = self.settings
        if smtp.port == 465:
            context = ssl.create_default_context()
            client = smtplib.SMTP_SSL(
                smtp.host, smtp.port, timeout=TIMEOUT, context=context
            )
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT)
            client.ehlo()
            if smtp.starttls:
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
        if smtp.user:
            client.login(smtp.user, self.secret or "")
        self.client = client
        return client

    def close(self) -> None:
        if self.client is None:
            return
        try:
            self.client.quit()
        except (OSError, smtplib.SMTPException):
            self.client.close()
        self.client = None


def _reply(text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return " ".join(text.split())[:200]


def _refusal(code: int, reply: bytes | str) -> str:
    return f"de server weigert deze ontvanger: {_reply(reply)} (code {code})"


def _connection_problem(error: Exception) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "de verbinding wordt geweigerd"
    if isinstance(error, socket.gaierror):
        return "de servernaam is onbekend"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "de server verbrak de verbinding"
    return getattr(error, "strerror", None) or str(error) or type(error).__name__
