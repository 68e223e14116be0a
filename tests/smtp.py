"""SMTP servers on 127.0.0.1 for the tests: a real one (aiosmtpd) that can refuse
recipients and require STARTTLS and a login, and a scripted one that misbehaves in
ways a real server rarely does."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


@dataclass
class Delivery:
    """One message as the server received it, and whether it came encrypted."""

    sender: str
    recipients: list[str]
    data: bytes
    encrypted: bool = False

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=SMTP_POLICY)


@dataclass
class _Handler:
    refused: set[str]
    received: list[Delivery] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address in self.refused:
            return "550 5.1.1 Onbekende ontvanger"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.received.append(
            Delivery(
                envelope.mail_from,
                list(envelope.rcpt_tos),
                envelope.content,
                session.ssl is not None,
            )
        )
        return "250 Bericht aangenomen"


@dataclass
class _Login:
    """Accepts one user with one password; remembers every attempt."""

    user: str
    password: str
    attempts: list[tuple[str, str]] = field(default_factory=list)

    def __call__(self, server, session, envelope, mechanism, data) -> AuthResult:
        user, password = data.login.decode(), data.password.decode()
        self.attempts.append((user, password))
        accepted = (user, password) == (self.user, self.password)
        return AuthResult(success=accepted, handled=False)  # the server answers


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """Started in a `with` block; `received` holds what arrived, `refused` the
    addresses it answers with 550."""

    def __init__(
        self,
        refused: set[str] | None = None,
        tls: ssl.SSLContext | None = None,
        login: tuple[str, str] | None = None,
    ) -> None:
        """With `tls`, the server offers STARTTLS and takes nothing before it; with
        `login` (user, password), it takes nothing before a login (over TLS only)."""
        self.handler = _Handler(refused or set())
        self.port = free_port()
        self.login = _Login(*login) if login else None
        secure = {"tls_context": tls, "require_starttls": True} if tls else {}
        if self.login:
            secure |= {"authenticator": self.login, "auth_required": True}
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, **secure
        )

    @property
    def received(self) -> list[Delivery]:
        return self.handler.received

    def __enter__(self) -> MailServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


class ScriptedServer:
    """A minimal SMTP server that misbehaves on purpose (aiosmtpd will not): its
    greeting, its answers to RCPT (one per attempt, the last repeats) and what it
    does after a message (``"250"``, or ``"drop"`` to hang up without an answer)."""

    def __init__(
        self,
        greeting: str = "220 proef",
        rcpt: tuple[str, ...] = ("250 OK",),
        after_data: str = "250 OK",
        trickle: float = 0.0,
    ) -> None:
        self.greeting = greeting
        self.trickle = trickle
        """Seconds between the bytes of the greeting (a tar pit)."""
        self.rcpt = list(rcpt)
        self.after_data = after_data
        self.rcpt_attempts = 0
        self.messages: list[bytes] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.stopping = False

    def __enter__(self) -> ScriptedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping = True
        self.thread.join(timeout=5)
        self.listener.close()

    def _serve(self) -> None:
        self.listener.settimeout(0.05)
        while not self.stopping:
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            connection.settimeout(10)
            try:
                with connection, connection.makefile("rwb") as stream:
                    self._talk(connection, stream)
            except OSError:
                continue  # the client hung up

    def _talk(self, connection: socket.socket, stream) -> None:
        def say(line: str) -> None:
            stream.write(line.encode() + b"\r\n")
            stream.flush()

        if self.trickle:
            for byte in self.greeting.encode() + b"\r\n":
                if self.stopping:
                    return
                stream.write(bytes([byte]))
                stream.flush()
                time.sleep(self.trickle)
        else:
            say(self.greeting)
        if not self.greeting.startswith("2"):
            return
        while line := stream.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                say("250 proef")
            elif command.startswith("MAIL"):
                say("250 OK")
            elif command.startswith("RCPT"):
                answer = self.rcpt[min(self.rcpt_attempts, len(self.rcpt) - 1)]
                self.rcpt_attempts += 1
                say(answer)
            elif command == "DATA":
                say("354 ga uw gang")
                data = b""
                while not data.endswith(b"\r\n.\r\n"):
                    data += stream.readline()
                self.messages.append(data)
                if self.after_data == "drop":
                    connection.shutdown(socket.SHUT_RDWR)
                    return
                say(self.after_data)
            elif command in ("RSET", "NOOP"):
                say("250 OK")
            elif command == "QUIT":
                say("221 tot ziens")
                return
            else:
                say("502 onbekend")
