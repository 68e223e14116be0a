"""`./build.sh verzend`: bring the packages up to date, list what would go to whom,
and only with ``--echt`` send it through the SMTP server of the distribution list.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import paths
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
from ..distribution.recipients import DistributionList
from ..distribution.send import describe, password, send_all
from ..distribution.sendlog import SendLog
from ..dutch import long_date
from ..errors import ReportError, display_path
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
            "\nEr is niets verstuurd: eerst moeten alle verslagen en verzendpakketten "
            "zonder fouten gemaakt zijn."
        )
        return code
    try:
        distribution = DistributionList.model_validate_json(
            (out / ".model" / "verzendlijst.json").read_bytes()
        )
        sessions = _sessions(arguments, content, out)
        log = SendLog(out)
        planned = plan(
            package_folders(out, sessions), log, arguments.correctie, arguments.onderbroken
        )
    except ReportError as error:
        _say(f"FOUT: {error}", error=True)
        return 1
    _show(planned, log)
    going = [item for item in planned if item.goes_out]
    if not arguments.echt:
        return _dry_run(going, distribution, arguments.given, out)
    if not going:
        _say("Er is niets te versturen.")
        return 0
    return _send(going, distribution, log)


def _sessions(arguments, content: Path, out: Path) -> list[tuple[str, str]]:
    named = chosen_sessions(arguments, content, out)
    if named is not None:
        return [(reeks, sessie) for reeks, sessie, _ in named]
    found = paths.scan(content).sessions
    facts = {
        reeks: scan.series_facts(content / reeks, [s for r, s in found if r == reeks])
        for reeks in {reeks for reeks, _ in found}
    }
    return [
        (reeks, sessie)
        for reeks, sessie in found
        if not (facts[reeks].get(sessie) and facts[reeks][sessie].draft)
    ]


def _show(planned: list[Planned], log: SendLog) -> None:
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
        if item.action in (DONE, CHANGED, INTERRUPTED) and item.earlier:
            lines.append(f"{'':16}{_earlier(item)}")
        if item.remark:
            lines.append(f"{'':16}LET OP: {item.remark}")
    if not planned:
        lines.append("  niemand: de verzendlijst heeft geen ontvangers voor deze sessies")
    if log.skipped_lines:
        lines += [
            "",
            f"LET OP: regel(s) {', '.join(map(str, log.skipped_lines))} van "
            f"{display_path(log.path)} zijn onleesbaar (afgebroken?) en tellen niet mee.",
        ]
    _say("\n".join(lines))


def _earlier(item: Planned) -> str:
    entry = item.earlier
    assert entry is not None
    when = _when(entry.time)
    if item.action == DONE:
        return f"verstuurd {when} (Message-ID {entry.message_id})"
    if item.action == CHANGED:
        return (
            f"de PDF is veranderd sinds de verzending {when}; met --correctie gaat de "
            "nieuwe versie als correctie"
        )
    return (
        f"een poging {when} werd onderbroken: vraag de ontvanger (of de beheerder van "
        "de mailserver) of het bericht aankwam; zo niet, verstuur het met --onderbroken"
    )


def _when(stamp: str) -> str:
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return f"op {long_date(moment.date())} om {moment:%H:%M}".replace("\u00a0", " ")


def _messages(count: int) -> str:
    return f"{count} bericht" if count == 1 else f"{count} berichten"


def _dry_run(
    going: list[Planned], distribution: DistributionList, given: list[str], out: Path
) -> int:
    count = len(going)
    lines = [""]
    if not count:
        lines.append("Proef: er is niets te versturen.")
    else:
        server = (
            f" via {describe(distribution.smtp)}"
            if distribution.smtp
            else " (er staat nog geen 'smtp:' in de verzendlijst)"
        )
        lines.append(
            f"Proef: {_messages(count)} zou{'den' if count != 1 else ''} worden "
            f"verstuurd{server}. Er is niets verstuurd."
        )
        lines.append(
            "De berichten staan ook klaar als concept (.eml) in "
            f"{display_path(out)}/<reeks>/verzending/<sessie>/ om te openen in Outlook "
            "of Thunderbird."
        )
        again = f"./build.sh verzend --echt{_same_arguments(given)}"
        if distribution.smtp:
            lines.append(f"Versturen via de mailserver:\n  {again}")
        else:
            lines.append(
                "Om ze via de mailserver te versturen: zet 'smtp:' in de verzendlijst "
                f"(zie de README) en geef dan\n  {again}"
            )
    _say("\n".join(lines))
    return 0


def _same_arguments(given: list[str]) -> str:
    import shlex

    return "".join(f" {shlex.quote(a)}" for a in given if a != "--echt")


def _send(going: list[Planned], distribution: DistributionList, log: SendLog) -> int:
    if distribution.smtp is None:
        _say(
            "FOUT: er staat geen mailserver in de verzendlijst; voeg 'smtp:' toe met "
            "'server' (en 'poort', 'starttls', 'gebruiker'), zie de README",
            error=True,
        )
        return 1
    series = {item.series for item in going}
    senders = _senders(distribution, series, Path(log.path).parent)
    if isinstance(senders, str):
        _say(f"FOUT: {senders}", error=True)
        return 1
    try:
        secret = password(distribution.smtp, dict(os.environ))
    except ReportError as error:
        _say(f"FOUT: {error}", error=True)
        return 1
    _say(f"\nVersturen via {describe(distribution.smtp)}:")
    failed = stopped = 0
    sent = 0
    for reeks in sorted(series):
        outcome = send_all(
            [item for item in going if item.series == reeks],
            senders[reeks],
            distribution.smtp,
            secret,
            log,
            lambda line: _say(f"  {line}"),
        )
        sent += len(outcome.sent)
        failed += len(outcome.failed)
        if outcome.stopped:
            stopped += len(outcome.not_tried)
            _say(f"FOUT: {outcome.stopped}", error=True)
            break
    not_tried = len(going) - sent - failed
    summary = f"\n{sent} van {_messages(len(going))} verstuurd"
    if failed:
        summary += f", {failed} geweigerd"
    if not_tried:
        summary += f", {not_tried} niet geprobeerd"
    summary += f". Wat er is verstuurd, staat in {display_path(log.path)}."
    if failed or not_tried:
        summary += (
            " Los de fouten op en geef dezelfde opdracht opnieuw: wat al is verstuurd, "
            "gaat niet nog eens."
        )
    _say(summary)
    return 0 if not failed and not not_tried and not stopped else 1


def _senders(distribution: DistributionList, series: set[str], out: Path):
    """The sender per series, or a message naming the series that has none."""
    from ..model import Series

    senders = {}
    for reeks in series:
        model = Series.model_validate_json(
            (out / ".model" / f"{reeks}.reeks.json").read_bytes()
        )
        sender = distribution.sender_for(model)
        if sender is None:
            return (
                f"er is geen afzender voor de reeks {reeks}: zet 'afzender:' met 'naam' "
                "en 'email' in de verzendlijst (of 'email' in reeks.yaml)"
            )
        senders[reeks] = sender
    return senders


def _say(text: str, error: bool = False) -> None:
    print(printable(text), file=sys.stderr if error else sys.stdout, flush=True)
