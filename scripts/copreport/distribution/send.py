"""Sending the planned messages, one per recipient, with the send log kept exact.

Each message is logged as under way (``bezig``) before it is handed over, and
right after as sent (with its Message-ID), failed, or uncertain when the server
did not confirm a message it was sent. The log line comes first: a message is
never handed over without a record that it may have gone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from email.policy import SMTP

from ..errors import display_path
from .message import outgoing
from .plan import CORRECT, Planned, read_message
from .recipients import Sender, SmtpSettings
from .sendlog import BUSY, FAILED, SENT, UNCERTAIN, Entry, SendLog, now, reason
from .smtp import Connection, Refused, ServerProblem, Uncertain


@dataclass
class Outcome:
    """What became of the messages of one run."""

    sent: list[Planned] = field(default_factory=list)
    failed: list[tuple[Planned, str]] = field(default_factory=list)
    uncertain: list[tuple[Planned, str]] = field(default_factory=list)
    not_tried: list[Planned] = field(default_factory=list)
    stopped: str = ""

    @property
    def complete(self) -> bool:
        return not (self.failed or self.uncertain or self.not_tried or self.stopped)


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
    connection = Connection(smtp, secret, pause)
    try:
        for index, item in enumerate(todo):
            who = f"{item.name} <{item.email}> ({item.label})"
            try:
                _send_one(item, sender, connection, log)
            except Refused as refusal:
                outcome.failed.append((item, str(refusal)))
                tell(f"niet verstuurd aan {who}: {refusal}")
                continue
            except Uncertain as doubt:
                outcome.uncertain.append((item, str(doubt)))
                tell(f"onzeker of het bericht aan {who} is aangekomen: {doubt}")
                continue
            except _Unlogged as problem:
                outcome.uncertain.append((item, str(problem)))
                outcome.stopped = str(problem)
                outcome.not_tried = todo[index + 1 :]
                tell(f"verstuurd aan {who}, maar niet in het logboek gezet")
                break
            except ServerProblem as problem:
                outcome.stopped = str(problem)
                outcome.not_tried = todo[index:]
                break
            outcome.sent.append(item)
            tell(f"verstuurd aan {who}")
    finally:
        connection.close()
    return outcome


class _Unlogged(ServerProblem):
    """The message went out but the log could not record it."""


def _send_one(item: Planned, sender: Sender, connection: Connection, log: SendLog) -> None:
    attempt = (
        item.earlier if item.earlier and item.earlier.status in (BUSY, UNCERTAIN) else None
    )
    before = item.sent_before if item.action == CORRECT else None
    message = outgoing(
        read_message(item.eml),
        sender,
        message_id=attempt.message_id if attempt else None,  # the same message again
        corrects=dt.datetime.fromisoformat(before.time).date() if before else None,
    )
    entry = Entry(
        time=now(),
        series=item.series,
        session=item.session,
        email=item.email,
        name=item.name,
        attachment=item.attachment,
        sha256=item.sha256,
        status=BUSY,
        message_id=str(message["Message-ID"]),
        correction=item.action == CORRECT,
    )
    committed = False

    def commit() -> None:
        nonlocal committed
        _write(log, entry)
        committed = True

    try:
        connection.deliver(message.as_bytes(policy=SMTP), sender.email, item.email, commit)
    except Refused as refusal:
        _write(log, replace(entry, time=now(), status=FAILED, reason=str(refusal)))
        raise
    except Uncertain as doubt:
        _write(log, replace(entry, time=now(), status=UNCERTAIN, reason=str(doubt)))
        raise
    except ServerProblem as problem:
        if committed:  # else nothing was sent: the log needs no line
            _write(log, replace(entry, time=now(), status=FAILED, reason=str(problem)))
        raise
    try:
        _write(log, replace(entry, time=now(), status=SENT))
    except ServerProblem as problem:
        raise _Unlogged(str(problem)) from None


def _write(log: SendLog, entry: Entry) -> None:
    try:
        log.append(entry)
    except OSError as error:
        raise ServerProblem(
            f"het verzendlogboek {display_path(log.path)} kan niet worden bijgewerkt "
            f"({reason(error)}); het versturen is gestopt, zodat niets "
            "ongemerkt twee keer wordt verstuurd"
        ) from None
