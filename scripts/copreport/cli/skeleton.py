"""Starting a session (or a series) from a skeleton: `./build.sh nieuw`.

The new source gets the next number of its series, the given date (default
today), the place, host and participants of the series' latest session, the
standard sections and two stelling skeletons. Every part the author still has to
write says ``VUL IN``; until those are gone, checking the source fails with a
message at each of them. An existing file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
import unicodedata
from pathlib import Path

from ..dutch import long_date
from ..dutch.fields import SERIES, SESSION, FieldSpec
from ..errors import ReportError, display_path
from ..paths import SERIES_FILE, find_sessions
from ..source import scan

PLACEHOLDER = "VUL IN"


def slug(text: str) -> str:
    """``Brede welvaart in Zeeland`` → ``brede-welvaart-in-zeeland``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60] or "bijeenkomst"


def new_session(
    content: Path,
    series: str,
    date: dt.date,
    title: str | None = None,
    new_series: bool = False,
) -> Path:
    """Write the skeleton of the next session of `series`; return its path."""
    folder = content / series
    if not folder.is_dir():
        if not new_series:
            known = ", ".join(sorted({r for r, _ in find_sessions(content)})) or "geen"
            raise ReportError(
                f"de reeks '{series}' bestaat niet in {display_path(content)} (bestaande "
                f"reeksen: {known}); een nieuwe reeks maakt u met --nieuwe-reeks"
            )
        if slug(series) != series:
            raise ReportError(
                f"een reeksmap heet in kleine letters met streepjes, bijvoorbeeld "
                f"'{slug(series)}'"
            )
        folder.mkdir(parents=True)
        (folder / SERIES_FILE).write_text(series_skeleton(), encoding="utf-8")
    sessions = [s for r, s in find_sessions(content) if r == series]
    facts = scan.series_facts(folder, sessions)
    numbers = [f.number for f in facts.values() if f and f.number]
    number = max(numbers, default=0) + 1
    latest = max(
        (name for name, f in facts.items() if f and f.number),
        key=lambda name: facts[name].number,
        default=None,
    )
    target = (
        folder
        / f"{date.isoformat()}-{slug(title) if title else f'bijeenkomst-{number}'}.md"
    )
    if target.exists():
        raise ReportError(
            f"{display_path(target)} bestaat al; er wordt niets overschreven. Kies een "
            "andere titel (--titel) of datum (--datum)"
        )
    previous = _front_lines(folder / f"{latest}.md") if latest else {}
    if "deelnemers" in previous:
        previous["deelnemers"] = _current(previous["deelnemers"], content, date)
    target.write_text(session_skeleton(number, date, title, previous), encoding="utf-8")
    return target


def _current(lines: list[str], content: Path, date: dt.date) -> list[str]:
    """The participant lines with organisations dissolved by `date` replaced by their
    successors (with a comment), so that the new session does not start with an error."""
    from ..source.session import register_of

    try:
        register = register_of(content)
    except ReportError:
        return lines  # the check will report the register
    result = []
    for line in lines:
        item = re.match(r"^(\s*-\s*)([A-Za-z0-9_-]+)\s*$", line)
        organisation = register.organisations.get(item.group(2)) if item else None
        if item is None or organisation is None or not organisation.ended:
            result.append(line)
            continue
        if date < organisation.ended:
            result.append(line)
            continue
        ended = long_date(organisation.ended).replace("\u00a0", " ")
        successors = [
            key for key in organisation.successors if key in register.organisations
        ]
        result.append(
            f"  # {item.group(2)} is opgeheven op {ended}"
            + (f"; opgevolgd door {', '.join(successors)}" if successors else "")
        )
        result += [f"{item.group(1)}{key}" for key in successors]
    return result


def _comment(spec: FieldSpec) -> str:
    """A field's description as comment lines, without breaking a quoted phrase."""
    text = spec.description.replace("`", "")
    text = re.sub(r'"[^"]*"', lambda m: m.group(0).replace(" ", "\u00a0"), text)
    return "\n".join(
        f"# {line}".replace("\u00a0", " ")
        for line in textwrap.wrap(text, 84, break_on_hyphens=False)
    )


def session_skeleton(
    number: int, date: dt.date, title: str | None, previous: dict[str, list[str]]
) -> str:
    """The text of a new session source."""
    specs = {spec.name: spec for spec in SESSION}
    lines = [
        "---",
        "# Kopgegevens van de bijeenkomst. Vul alles in waar VUL IN staat (en haal",
        "# regels weg die u niet nodig hebt); de README beschrijft elk veld.",
        _comment(specs["titel"]),
        f"titel: {title or PLACEHOLDER}",
        _comment(specs["nummer"]),
        f"nummer: {number}",
        _comment(specs["datum"]),
        f"datum: {date.isoformat()}",
        _comment(specs["status"]),
        "status: concept",
        _comment(specs["locatie"]),
        *(previous.get("locatie") or [f"locatie: {PLACEHOLDER}"]),
        _comment(specs["gastheer"]),
        *(previous.get("gastheer") or [f"# gastheer: {PLACEHOLDER}"]),
        _comment(specs["focus"]),
        f"focus: {PLACEHOLDER}",
        _comment(specs["sprekers"]),
        "sprekers:",
        f"  - naam: {PLACEHOLDER}",
        f"    functie: {PLACEHOLDER}",
        f"    organisatie: {PLACEHOLDER}",
        _comment(specs["deelnemers"]),
        "# Overgenomen van de vorige bijeenkomst: pas aan wie er deze keer was.",
        *(previous.get("deelnemers") or ["deelnemers:", f"  - {PLACEHOLDER}"]),
        "---",
        "",
        "## Wat hebben we gedaan?",
        "",
        f"{PLACEHOLDER}: wat er op de bijeenkomst gebeurde (presentatie, casus, sprekers).",
        "",
        "Na de presentatie zijn er plenair twee stellingen besproken.",
        "",
    ]
    for stelling in (1, 2):
        lines += [
            f"## Stelling {stelling} ({PLACEHOLDER}: onderwerp in één of twee woorden)",
            "",
            f"**{PLACEHOLDER}: de stelling zelf, in één zin.**",
            "",
            f"- {PLACEHOLDER}: wat er over de stelling gezegd is, één punt per regel.",
            f"- {PLACEHOLDER}: nog een punt (inspringen met twee spaties geeft een subpunt).",
            "",
            f"Conclusie: {PLACEHOLDER}: wat deze stelling opleverde, in een of twee zinnen.",
            "",
        ]
    return "\n".join(lines)


def series_skeleton() -> str:
    """The text of a new `reeks.yaml`, every field with its meaning."""
    lines = [
        "# Reeks (thema) van de Community of Practice. Deze tekst opent elk verslag van",
        "# de reeks. Vul alles in waar VUL IN staat; velden met # ervoor zijn optioneel.",
    ]
    for spec in SERIES:
        lines.append(_comment(spec))
        if spec.name == "inleiding":
            lines += [
                "inleiding: |",
                f"  {PLACEHOLDER}: een of twee alinea's over netwerk en thema.",
            ]
        elif spec.name == "lijnen":
            lines += ["# lijnen:", "#   - keuzes", "#   - draagvlak"]
        elif spec.name == "netwerk":
            lines.append("netwerk: Nationaal Netwerk Brede Welvaart")
        elif spec.required:
            lines.append(f"{spec.name}: {PLACEHOLDER}")
        else:
            lines.append(f"# {spec.name}:")
    return "\n".join(lines) + "\n"


def _front_lines(source: Path) -> dict[str, list[str]]:
    """The raw lines of `locatie`, `gastheer` and `deelnemers` of a session source."""
    try:
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}
    found: dict[str, list[str]] = {}
    current = None
    for line in lines[1:]:
        if line.strip() in ("---", "..."):
            break
        key = re.match(r"^([a-z_-]+):", line)
        if key:
            current = (
                key.group(1)
                if key.group(1) in ("locatie", "gastheer", "deelnemers")
                else None
            )
            if current:
                found[current] = [line]
        elif current and (line.startswith((" ", "-")) and line.strip()):
            found[current].append(line)
    return found
