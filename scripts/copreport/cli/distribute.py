"""`./build.sh verzend`: bring the packages up to date, list what would go to whom,
and only with ``--echt`` send it through the SMTP server of the distribution list.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import sys
from pathlib import Path

from .. import paths, stop_signals
from ..distribution.plan import (
    CHANGED,
    CORRECT,
    DONE,
    INTERRUPTED,
    SEND,
    Planned,
    package_folders,
    plan,
)
from ..distribution.recipients import DistributionList, Sender
from ..distribution.send import Outcome, send_all
from ..distribution.sendlog import SendLog
from ..distribution.smtp import describe, password
from ..dutch import long_date
from ..errors import ReportError, display_path
from ..model import Series
from ..source import scan
from .commands import build, chosen_sessions
from .progress import printable

ACTIONS = {
    SEND: "versturen",
    CORRECT: "correctie",
    DONE: "al verstuurd",
    CHANGED: "overslaan",
    INTERRUPTED: "overslaan",
}
"""What the listing says per recipient (a skip is explained on the next line)."""


def distribute(arguments: argparse.Namespace) -> int:
    """Build the packages, show the plan, and send when asked; the exit code."""
    code, content, out = build(arguments)
    if code:
        _say(
            "\nEr is niets verstuurd."
            if stop_signals.stopped
            else "\nEr is niets verstuurd: eerst moeten alle verslagen en "
            "verzendpakketten zonder fouten gemaakt zijn."
        )
        return code
    try:
        return _plan_and_send(arguments, content, out)
    except KeyboardInterrupt:  # before sending began (_plan_and_send says the rest)
        _say("\nAfgebroken: er is niets verstuurd.", error=True)
        return 130


def _plan_and_send(arguments: argparse.Namespace, content: Path, out: Path) -> int:
    """List what would go to whom and, with --echt and a confirmation, send it."""
    try:
        distribution = _distribution(out)
        sessions = _sessions(arguments, content, out)
        log = SendLog(out)
        planned = plan(
            package_folders(out, sessions),
            log,
            correction=arguments.correctie,
            interrupted=arguments.onderbroken,
        )
    except ReportError as error:
        _say(f"FOUT: {error}", error=True)
        return 1
    _show(planned, log, bool(sessions))
    going = [item for item in planned if item.goes_out]
    if not arguments.echt:
        return _dry_run(going, distribution, arguments.given, out)
    if log.damaged:
        _say(
            f"FOUT: het verzendlogboek {display_path(log.path)} is beschadigd (regel "
            f"{', '.join(map(str, log.damaged))}); zonder een betrouwbaar logboek wordt "
            "niets verstuurd. Herstel die regels (of vraag hulp) en probeer het opnieuw.",
            error=True,
        )
        return 1
    held = sum(item.action in (CHANGED, INTERRUPTED) for item in planned)
    if not going:
        _say(
            "\nEr is niets te versturen"
            + (f" ({held} overgeslagen, zie boven)." if held else ".")
        )
        return 0
    try:
        senders = _senders(distribution, {item.series for item in going}, out)
        secret = _server_password(distribution)
    except ReportError as error:
        _say(f"FOUT: {error}", error=True)
        return 1
    if not _confirmed(len(going)):
        _say("Er is niets verstuurd.")
        return 1
    try:
        return _send(going, distribution, senders, secret, log, held)
    except KeyboardInterrupt:  # Ctrl-C or a stop signal (see stop_signals)
        _say(
            "\nHet versturen is onderbroken. Wat al verstuurd is, staat in "
            f"{display_path(log.path)}; de proef (./build.sh verzend) laat zien wat nog "
            "moet.",
            error=True,
        )
        return 130


def _distribution(out: Path) -> DistributionList:
    try:
        data = (out / ".model" / "verzendlijst.json").read_bytes()
    except OSError:
        raise ReportError(
            "de verzendlijst is niet ingelezen; bouw opnieuw met ./build.sh"
        ) from None
    return DistributionList.model_validate_json(data)


def _sessions(
    arguments: argparse.Namespace, content: Path, out: Path
) -> list[tuple[str, str]]:
    """The sessions to send: the named ones, else every final session."""
    named = chosen_sessions(arguments, content, out)
    if named is not None:
        return [(reeks, sessie) for reeks, sessie, _ in named]
    if arguments.correctie:
        raise ReportError(
            "noem bij --correctie de sessie(s) die u opnieuw wilt versturen, "
            "bijvoorbeeld: ./build.sh verzend --correctie content/<reeks>/<sessie>.md"
        )
    found = paths.scan(content).sessions
    drafts = scan.drafts(content, found)
    return [session for session in found if session not in drafts]


def _show(planned: list[Planned], log: SendLog, any_sessions: bool) -> None:
    lines = ["", "Verzending:"]
    label = None
    for item in planned:
        if item.label != label:
            label = item.label
            lines += [
                "",
                f"{label} (bijlage {item.attachment}, sha256 {item.sha256[:12]}…)",
            ]
        action = f"{ACTIONS[item.action]}:"
        lines.append(f"  {action:<14}{item.name} <{item.email}>, {item.organisation}")
        if item.action != SEND or item.earlier:
            lines.append(f"{'':16}{_why(item)}")
        if item.remark:
            lines.append(f"{'':16}LET OP: {item.remark}")
    if not planned:
        lines.append(
            "  niemand: de verzendlijst heeft geen ontvangers voor deze sessies"
            if any_sessions
            else "  niets: er is nog geen vastgestelde sessie (alleen concepten)"
        )
    if log.skipped_lines:
        lines += [
            "",
            f"LET OP: regel(s) {', '.join(map(str, log.skipped_lines))} van "
            f"{display_path(log.path)} zijn onleesbaar (afgebroken?) en tellen niet mee.",
        ]
    _say("\n".join(lines))


def _why(item: Planned) -> str:
    earlier = item.earlier
    if item.action == DONE and earlier:
        return f"verstuurd {_when(earlier.time)} (Message-ID {earlier.message_id})"
    if item.action == CHANGED and earlier:
        return (
            f"de PDF is veranderd sinds de verzending {_when(earlier.time)}; is de inhoud "
            "verbeterd, verstuur dan met --echt --correctie en de naam van de sessie"
        )
    if item.action == CORRECT and item.sent_before:
        return f"vervangt de versie van {_when(item.sent_before.time)}"
    if item.action == INTERRUPTED and earlier:
        return (
            f"een poging {_when(earlier.time)} werd onderbroken: vraag de ontvanger (of "
            "de beheerder van de mailserver) of het bericht aankwam; zo niet, verstuur het "
            "met --echt --onderbroken"
        )
    when = _when(earlier.time) if earlier else ""
    return f"een poging {when} werd onderbroken; nu opnieuw, met dezelfde Message-ID"


def _when(stamp: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"op {long_date(moment.date())} om {moment:%H:%M}"


def _messages(count: int) -> str:
    return f"{count} bericht" if count == 1 else f"{count} berichten"


def _dry_run(
    going: list[Planned], distribution: DistributionList, given: list[str], out: Path
) -> int:
    count = len(going)
    lines = [""]
    if not count:
        lines.append("Proef: er is niets te versturen.")
        _say("\n".join(lines))
        return 0
    server = (
        f" via {describe(distribution.smtp)}"
        if distribution.smtp
        else " (er staat nog geen 'smtp:' in de verzendlijst)"
    )
    verb = "zou" if count == 1 else "zouden"
    lines.append(
        f"Proef: {_messages(count)} {verb} worden verstuurd{server}. Er is niets verstuurd."
    )
    if any(item.action == SEND for item in going):
        lines.append(
            "De berichten staan ook klaar als concept (.eml) in "
            f"{display_path(out)}/<reeks>/verzending/<sessie>/. Verstuurt u ze zelf, "
            "bijvoorbeeld vanuit Outlook, verstuur die sessie dan niet ook hier: het "
            "logboek weet daar niets van."
        )
    again = "./build.sh verzend --echt" + "".join(
        f" {shlex.quote(a)}" for a in given if a != "--echt"
    )
    if distribution.smtp:
        lines.append(f"Versturen via de mailserver:\n  {again}")
    else:
        lines.append(
            "Om ze via de mailserver te versturen: zet 'smtp:' in de verzendlijst "
            f"(zie de README) en geef dan\n  {again}"
        )
    _say("\n".join(lines))
    return 0


def _senders(
    distribution: DistributionList, series: set[str], out: Path
) -> dict[str, Sender]:
    """The sender of each series' reports (`afzender`, else the series' address)."""
    if distribution.smtp is None:
        raise ReportError(
            "er staat geen mailserver in de verzendlijst; voeg 'smtp:' toe met "
            "'server' (en 'poort', 'starttls', 'gebruiker'), zie de README"
        )
    senders = {}
    for reeks in sorted(series):
        model = Series.model_validate_json(
            (out / ".model" / f"{reeks}.reeks.json").read_bytes()
        )
        sender = distribution.sender_for(model)
        if sender is None:
            raise ReportError(
                f"er is geen afzender voor de reeks {reeks}: zet 'afzender:' met 'naam' "
                "en 'email' in de verzendlijst (of 'email' in reeks.yaml)"
            )
        senders[reeks] = sender
    return senders


def _server_password(distribution: DistributionList) -> str | None:
    assert distribution.smtp is not None
    return password(distribution.smtp, dict(os.environ))


def _confirmed(count: int) -> bool:
    """On a terminal, the user confirms what the listing above shows."""
    if not sys.stdin.isatty():
        return True
    try:
        answer = input(f"\n{_messages(count)} nu versturen? Typ ja om te versturen: ")
    except EOFError:
        return False
    return answer.strip().lower() == "ja"


def _send(
    going: list[Planned],
    distribution: DistributionList,
    senders: dict[str, Sender],
    secret: str | None,
    log: SendLog,
    held: int,
) -> int:
    assert distribution.smtp is not None
    _say(f"\nVersturen via {describe(distribution.smtp)}:")
    total = Outcome()
    for reeks in sorted(senders):
        outcome = send_all(
            [item for item in going if item.series == reeks],
            senders[reeks],
            distribution.smtp,
            secret,
            log,
            lambda line: _say(f"  {line}"),
        )
        total.sent += outcome.sent
        total.failed += outcome.failed
        total.uncertain += outcome.uncertain
        if outcome.stopped:
            _say(f"FOUT: {outcome.stopped}", error=True)
            total.stopped = outcome.stopped
            break
    left = len(going) - len(total.sent) - len(total.failed) - len(total.uncertain)
    summary = f"\n{len(total.sent)} van {_messages(len(going))} verstuurd"
    if total.failed:
        summary += f", {len(total.failed)} geweigerd"
    if total.uncertain:
        summary += f", {len(total.uncertain)} onzeker"
    if left:
        summary += f", {left} niet geprobeerd"
    if held:
        summary += f"; {held} overgeslagen (zie boven)"
    summary += f". Wat er is verstuurd, staat in {display_path(log.path)}."
    if not total.complete or left:
        summary += (
            " Los de fouten op en geef dezelfde opdracht opnieuw: wat al is verstuurd, "
            "wordt niet nog eens verstuurd."
        )
    _say(summary)
    return 0 if total.complete and not left else 1


def _say(text: str, error: bool = False) -> None:
    sys.stdout.flush()  # what the build said comes first, also in a file
    print(printable(text), file=sys.stderr if error else sys.stdout, flush=True)
