"""A real SMTP server on 127.0.0.1 for the tests (aiosmtpd), that can refuse."""

from __future__ import annotations

import socket
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
