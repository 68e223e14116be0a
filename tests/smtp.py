"""SMTP servers on 127.0.0.1 for the tests: a real one (aiosmtpd) that can refuse
recipients, and a scripted one that misbehaves in ways a real server rarely does."""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY

from aiosmtpd.controller import Controller


@dataclass
class Delivery:
    """One message as the server received it."""

    sender: str
    recipients: list[str]
    data: bytes

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
            Delivery(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        )
        return "250 Bericht aangenomen"


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """Started in a `with` block; `received` holds what arrived, `refused` the
    addresses it answers with 550."""

    def __init__(self, refused: set[str] | None = None) -> None:
        self.handler = _Handler(refused or set())
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

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
