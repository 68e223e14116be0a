"""One SMTP session with the user's mail server, and what its answers mean.

A message is handed over step by step (MAIL, RCPT, DATA) so that every failure is
known by the step it happened in:

- before the message itself was sent, trouble is temporary (a 4xx answer, a
  timeout, a dropped connection) and is tried again, a bounded number of times;
- a 5xx answer to the recipient or to the message refuses this message only
  (`Refused`): the others still go;
- a failure after the message was sent but before the server confirmed it leaves
  it unknown whether it arrived (`Uncertain`): it is never simply sent again;
- a server that cannot be reached, refuses the sender or the login, or only talks
  unencrypted when a password would be sent, stops the run (`ServerProblem`).
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
import time
from collections.abc import Callable

from ..errors import ReportError
from ..limits import TimeLimitExceeded, time_limit
from .recipients import SmtpSettings

PASSWORD_ENV = "COPREPORT_SMTP_WACHTWOORD"
ATTEMPTS = 3
"""How often one message is tried before it counts as failed."""
TIMEOUT = 30.0
"""Seconds to wait for the server at any step."""
ATTEMPT_SECONDS = 120
"""Seconds one attempt may take in all (a server that answers a byte at a time);
`limits.time_limit` raises a BaseException, which smtplib cannot turn into a
disconnection."""
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
"""Where a password may travel without encryption (it never leaves this machine)."""


class ServerProblem(Exception):
    """Nothing more can be sent in this run."""


class Refused(Exception):
    """The server will not take this message (for this recipient)."""


class Uncertain(Exception):
    """The message was sent, but the server did not confirm that it took it."""


def describe(smtp: SmtpSettings) -> str:
    """The server as the user configured it, for messages."""
    if smtp.port == 465:
        secure = "met TLS"
    else:
        secure = "met STARTTLS" if smtp.starttls else "zonder versleuteling"
    user = f", als gebruiker {smtp.user}" if smtp.user else ""
    return f"{smtp.host}:{smtp.port} ({secure}{user})"


def password(smtp: SmtpSettings, environment: dict[str, str]) -> str | None:
    """The password from the environment; required when a user is configured, and
    never sent unencrypted to another machine."""
    if not smtp.user:
        return None
    encrypted = smtp.port == 465 or smtp.starttls
    if not encrypted and smtp.host not in LOCAL_HOSTS:
        raise ReportError(
            f"met 'starttls: nee' zou het wachtwoord van {smtp.user} onversleuteld over "
            "het netwerk gaan; zet 'starttls: ja' (of gebruik poort 465)"
        )
    value = environment.get(PASSWORD_ENV)
    if value and not value.isascii():
        raise ReportError(
            f"het wachtwoord in {PASSWORD_ENV} bevat een teken buiten ASCII (zoals € of "
            "é); de aanmelding bij de mailserver kan alleen letters zonder accenten, "
            "cijfers en gewone leestekens versturen"
        )
    if not value:
        raise ReportError(
            f"voor gebruiker {smtp.user} is een wachtwoord nodig: zet het in de "
            f"omgevingsvariabele {PASSWORD_ENV} (nooit in een bestand in de projectmap), "
            f"bijvoorbeeld met: read -s {PASSWORD_ENV} && export {PASSWORD_ENV}"
        )
    return value


class Connection:
    """An SMTP session, opened when first needed and opened again after trouble."""

    def __init__(self, smtp: SmtpSettings, secret: str | None, pause: float) -> None:
        self.settings = smtp
        self.secret = secret
        self.pause = pause
        self.client: smtplib.SMTP | None = None

    def deliver(
        self, data: bytes, sender: str, recipient: str, commit: Callable[[], None]
    ) -> None:
        """Hand one message (bytes with CRLF line ends) over for one recipient.

        `commit` is called right before the message itself is sent, when the server
        has accepted sender and recipient: from then on it may arrive (the send log
        records that first). An error from `commit` stops before anything is sent.
        """
        last, refused, unreachable = "", False, False
        for attempt in range(1, ATTEMPTS + 1):
            if attempt > 1:
                time.sleep(self.pause * (attempt - 1))
            try:
                with time_limit(ATTEMPT_SECONDS):
                    self._hand_over(data, sender, recipient, commit)
                return
            except _Temporary as trouble:
                last, refused, unreachable = str(trouble), trouble.of_message, False
            except TimeLimitExceeded:
                last, refused, unreachable = _overdue(), False, False
            except (OSError, smtplib.SMTPException) as error:
                last, refused = _connection_problem(error), False
                unreachable = isinstance(error, (ConnectionError, socket.gaierror))
            self.close()
        if refused:
            raise Refused(f"{last}, ook na {ATTEMPTS} pogingen")
        verb = "is niet bereikbaar" if unreachable else "nam het bericht niet aan"
        raise ServerProblem(
            f"de mailserver {describe(self.settings)} {verb}: {last} "
            f"(na {ATTEMPTS} pogingen)"
        )

    def _hand_over(
        self, data: bytes, sender: str, recipient: str, commit: Callable[[], None]
    ) -> None:
        client = self._open()
        code, reply = client.mail(sender)
        if code != 250:
            client.rset()
            if code >= 500:
                raise ServerProblem(
                    f"de server weigert de afzender {sender}: {_reply(reply)} (code {code})"
                )
            raise _Temporary(f"de server weigert de afzender tijdelijk (code {code})")
        code, reply = client.rcpt(recipient)
        if code not in (250, 251):
            client.rset()
            if code >= 500:
                raise Refused(
                    f"de server weigert deze ontvanger: {_reply(reply)} (code {code})"
                )
            raise _Temporary(
                f"de server weigert deze ontvanger tijdelijk (code {code})", True
            )
        code, reply = client.docmd("DATA")
        if code != 354:
            client.rset()
            if code >= 500:
                raise Refused(
                    f"de server weigert het bericht: {_reply(reply)} (code {code})"
                )
            raise _Temporary(f"de server weigert het bericht tijdelijk (code {code})", True)
        try:
            commit()
        except BaseException:
            self.close()  # mid-DATA: the server drops what it has not got whole
            raise
        try:
            client.send(_dot_stuffed(data))
            code, reply = client.getreply()
        except (OSError, smtplib.SMTPException, TimeLimitExceeded) as error:
            self.close()
            raise Uncertain(
                "de verbinding viel weg nadat het bericht was verstuurd en voordat de "
                f"server het bevestigde ({_connection_problem(error)})"
            ) from None
        if code >= 500:
            raise Refused(f"de server weigert het bericht: {_reply(reply)} (code {code})")
        if code != 250:
            raise _Temporary(f"de server weigert het bericht tijdelijk (code {code})", True)

    def _open(self) -> smtplib.SMTP:
        if self.client is not None:
            return self.client
        smtp = self.settings
        try:
            if smtp.port == 465:
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    smtp.host,
                    smtp.port,
                    timeout=TIMEOUT,
                    context=ssl.create_default_context(),
                )
            else:
                client = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT)
            client.ehlo()
            if smtp.port != 465 and smtp.starttls:
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if smtp.user:
                client.login(smtp.user, self.secret or "")
        except smtplib.SMTPConnectError as error:
            if error.smtp_code < 500:
                raise _Temporary(
                    f"de server is tijdelijk niet beschikbaar: {_reply(error.smtp_error)}"
                ) from None
            raise ServerProblem(
                f"de server {smtp.host} weigert de verbinding: {_reply(error.smtp_error)} "
                f"(code {error.smtp_code})"
            ) from None
        except smtplib.SMTPAuthenticationError as error:
            raise ServerProblem(
                "de server accepteert de gebruikersnaam of het wachtwoord niet "
                f"({_reply(error.smtp_error)}); controleer 'gebruiker' in de verzendlijst "
                f"en {PASSWORD_ENV}"
            ) from None
        except smtplib.SMTPNotSupportedError:
            raise ServerProblem(
                f"de server {smtp.host} biedt geen STARTTLS of geen aanmelding aan; vraag "
                "de beheerder van de mailserver welke poort en versleuteling u moet "
                "gebruiken"
            ) from None
        except ssl.SSLCertVerificationError as error:
            raise ServerProblem(
                f"het certificaat van {smtp.host} is niet te vertrouwen: "
                + _untrusted(error, smtp.host)
            ) from None
        except ssl.SSLError as error:
            raise ServerProblem(
                f"de versleutelde verbinding met {smtp.host} lukt niet "
                f"({error.reason or error}); klopt de poort?"
            ) from None
        except smtplib.SMTPResponseException as error:
            if error.smtp_code < 500:
                raise _Temporary(
                    f"de server weigert het gesprek tijdelijk: {_reply(error.smtp_error)} "
                    f"(code {error.smtp_code})"
                ) from None
            raise ServerProblem(
                f"de server {smtp.host} weigert het gesprek: {_reply(error.smtp_error)} "
                f"(code {error.smtp_code})"
            ) from None
        except UnicodeEncodeError:
            raise ServerProblem(
                "de gebruikersnaam of het wachtwoord bevat een teken dat niet kan worden "
                "verstuurd (alleen letters zonder accenten, cijfers en leestekens)"
            ) from None
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


class _Temporary(Exception):
    """Trouble that may pass: the message is tried again. `of_message`: the server
    answered but put off this message (else it could not be reached or talked to)."""

    def __init__(self, message: str, of_message: bool = False) -> None:
        super().__init__(message)
        self.of_message = of_message


def _dot_stuffed(data: bytes) -> bytes:
    """The message as DATA sends it: lines starting with a dot doubled, then CRLF.CRLF."""
    data = re.sub(rb"(?m)^\.", b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def _reply(text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return " ".join(text.split())[:200]


def _overdue() -> str:
    return f"niet klaar binnen {ATTEMPT_SECONDS:g} seconden"


_UNTRUSTED_ISSUER = (18, 19, 20, 21)
"""OpenSSL's verify codes for a certificate from an authority this computer does not
know: self-signed, or signed by an organisation's own authority."""
_OUT_OF_DATE = {9: "het is nog niet geldig", 10: "het is verlopen"}


def _untrusted(error: ssl.SSLCertVerificationError, host: str) -> str:
    """Why a server's certificate was refused, and what to do, in Dutch."""
    if error.verify_code in (62, 64):  # another host name, another IP address
        return (
            f"het hoort niet bij de naam {host}; gebruik in de verzendlijst de servernaam "
            "die op het certificaat staat (vraag die aan de beheerder van de mailserver)"
        )
    if error.verify_code in _UNTRUSTED_ISSUER:
        return (
            "het is niet uitgegeven door een instantie die deze computer kent (een eigen "
            "of zelfondertekend certificaat); vraag de beheerder van de mailserver om "
            "de servernaam met een publiek certificaat, of laat het certificaat van uw "
            "organisatie op deze computer installeren"
        )
    if error.verify_code in _OUT_OF_DATE:
        return f"{_OUT_OF_DATE[error.verify_code]}; meld dit aan de beheerder van de mailserver"
    return (
        f"OpenSSL-code {error.verify_code}; vraag de beheerder van de mailserver "
        "of servernaam en certificaat kloppen"
    )


def _connection_problem(error: BaseException) -> str:
    """What went wrong with the connection, in Dutch."""
    if isinstance(error, ConnectionRefusedError):
        return "de verbinding wordt geweigerd"
    if isinstance(error, socket.gaierror):
        return "de servernaam is onbekend"
    if isinstance(error, (TimeoutError, socket.timeout)):
        return (
            str(error)
            if str(error).startswith("niet klaar")
            else (f"geen antwoord binnen {TIMEOUT:.0f} seconden")
        )
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "de server verbrak de verbinding"
    return getattr(error, "strerror", None) or str(error) or type(error).__name__
