"""Reading typed values out of YAML nodes, with Dutch messages at the right line.

Each reader takes a node and a `Problems` collector; on a problem it records a
message and returns None, so that one pass reports every mistake in a file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from ..dutch import MONTHS
from ..errors import Problems
from .yamlnodes import Mapping, Node, Scalar, Sequence

_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_SHORT_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
"""``2024-5-14``: the right order without the leading zeros."""
_DUTCH_DATE = re.compile(r"^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$")
_WORD_DATE = re.compile(r"^([0-9]{1,2}) +([a-z]{3,9}) +([0-9]{4})$", re.IGNORECASE)
FIRST_YEAR, LAST_YEAR = 1980, 2107
"""Dates outside these years are refused: a Word file (a zip) cannot carry them."""

_NODE_KINDS = {Scalar: "tekst", Sequence: "een lijst", Mapping: "velden"}


def suggestion(word: str, candidates: list[str]) -> str:
    """`` — bedoelt u 'x'?`` for the nearest candidate, or nothing."""
    lowered = {candidate.lower(): candidate for candidate in candidates}
    if word.lower() in lowered:
        return f" — bedoelt u '{lowered[word.lower()]}'?"
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if not close:
        close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        close = [lowered[c] for c in close]
    if not close and len(word) >= 2:
        close = [c for c in candidates if c.lower().startswith(word.lower())][:1]
    return f" — bedoelt u '{close[0]}'?" if close else ""


def check_fields(
    mapping: Mapping,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    problems: Problems,
    where: str = "",
) -> None:
    """Record unknown fields (with a suggestion) and missing required ones."""
    known = list(required + optional)
    misspelt = set()
    for key, line in mapping.key_lines.items():
        if key not in known:
            hint = suggestion(key, known)
            misspelt.add(hint.split("'")[1] if hint else "")
            problems.add(
                line,
                f"onbekend veld '{shown(key)}'{where}{hint} "
                f"(toegestaan: {', '.join(known)})",
            )
    for key in required:
        if key not in mapping.entries and key not in misspelt:  # said once, above
            problems.add(mapping.line, f"het verplichte veld '{key}' ontbreekt{where}")


def shown(value: str, limit: int = 40) -> str:
    """A value as quoted in a message: long values are cut short."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def describe(node: Node) -> str:
    """What kind of value a node is, in Dutch."""
    return _NODE_KINDS[type(node)]


def text(node: Node | None, name: str, problems: Problems) -> str | None:
    """A non-empty single value, stripped; None (with a problem) otherwise."""
    if node is None:
        return None
    if not isinstance(node, Scalar):
        problems.add(node.line, f"'{name}' moet tekst zijn, niet {describe(node)}")
        return None
    value = " ".join(node.text.split())
    if not value:
        problems.add(node.line, f"'{name}' is leeg")
        return None
    return value


def block_text(node: Node | None, name: str, problems: Problems) -> str | None:
    """A non-empty value whose line breaks matter (Markdown)."""
    if node is None:
        return None
    if not isinstance(node, Scalar):
        problems.add(node.line, f"'{name}' moet tekst zijn, niet {describe(node)}")
        return None
    if not node.text.strip():
        problems.add(node.line, f"'{name}' is leeg")
        return None
    return node.text


def positive_number(node: Node | None, name: str, problems: Problems) -> int | None:
    """A whole number of at least 1, written in digits."""
    value = text(node, name, problems)
    if value is None:
        return None
    if not value.isascii() or not value.isdigit() or len(value) > 6 or int(value) < 1:
        problems.add(
            node.line,
            f"'{name}' moet een heel getal vanaf 1 zijn, in cijfers (nu: '{shown(value)}')",
        )
        return None
    number = int(value)
    if number > 9999:
        problems.add(node.line, f"'{name}' is onwaarschijnlijk groot ({number})")
        return None
    return number


def date(node: Node | None, name: str, problems: Problems) -> dt.date | None:
    """A date written as JJJJ-MM-DD; other spellings get the right form suggested."""
    value = text(node, name, problems)
    if value is None:
        return None
    if match := _ISO_DATE.match(value):
        year, month, day = (int(part) for part in match.groups())
        return _real_date(year, month, day, value, node.line, name, problems)
    hint = ""
    if match := _SHORT_ISO_DATE.match(value):
        year, month, day = (int(part) for part in match.groups())
        hint = f" — bedoelt u {year:04d}-{month:02d}-{day:02d}?"
    elif match := _DUTCH_DATE.match(value):
        day, month, year = (int(part) for part in match.groups())
        hint = f" — bedoelt u {year:04d}-{month:02d}-{day:02d}?"
    elif match := _WORD_DATE.match(value):
        day_text, month_name, year_text = match.groups()
        if month_name.lower() in MONTHS:
            month = MONTHS.index(month_name.lower()) + 1
            hint = f" — bedoelt u {year_text}-{month:02d}-{int(day_text):02d}?"
    problems.add(
        node.line,
        f"'{name}' moet de vorm JJJJ-MM-DD hebben, bijvoorbeeld 2024-02-01 "
        f"(nu: '{shown(value)}'){hint}",
    )
    return None


def _real_date(
    year: int, month: int, day: int, value: str, line: int, name: str, problems: Problems
) -> dt.date | None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        problems.add(line, f"'{name}' {value} ligt niet tussen {FIRST_YEAR} en {LAST_YEAR}")
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        pass
    if 1 <= month <= 12:
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(1)).day
        reason = f"{MONTHS[month - 1]} {year} heeft {last} dagen"
    else:
        reason = "een jaar heeft 12 maanden"
    problems.add(line, f"'{name}' {value} bestaat niet ({reason})")
    return None


def sequence(node: Node | None, name: str, problems: Problems) -> list[Node] | None:
    """The items of a list, or None (with a problem) when it is not a non-empty list."""
    if node is None:
        return None
    if not isinstance(node, Sequence):
        example = f"{name}: [EZK, PBL]" if name == "deelnemers" else f"{name}: [...]"
        problems.add(
            node.line,
            f"'{name}' moet een lijst zijn, niet {describe(node)} "
            f"(bijvoorbeeld '{example}' of elk onderdeel op een eigen regel met '- ')",
        )
        return None
    if not node.items:
        problems.add(node.line, f"'{name}' is een lege lijst")
        return None
    return node.items


def mapping(node: Node | None, name: str, problems: Problems) -> Mapping | None:
    """A node that must hold fields."""
    if node is None:
        return None
    if not isinstance(node, Mapping):
        problems.add(node.line, f"'{name}' moet velden bevatten, niet {describe(node)}")
        return None
    return node
