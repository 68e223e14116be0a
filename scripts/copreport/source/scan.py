"""A quick look at a session's front matter, before the build: number, title, date, status.

The Snakefile needs these facts of every session to plan the build (the file
names of a draft, the neighbours a colophon names, numbers used twice). The scan
reads only the front matter, through the same YAML node reader as the parse
step, and gives up quietly on anything odd: the parse step reports it properly.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import ReportError
from .frontmatter import split_front_matter
from .typography import typeset
from .yamlnodes import Mapping, Scalar, load_yaml

MAX_FRONT_MATTER = 64_000
"""Characters read for a scan: front matter is a few hundred."""


@dataclass(frozen=True)
class Facts:
    """What the plan needs to know of one session."""

    number: int | None
    title: str | None
    date: str | None
    draft: bool


def scan(source: Path) -> Facts | None:
    """The facts of one session source, or None when its front matter is unreadable.

    Never raises: it runs while the build is planned, for every source, and one odd
    file must not stop the plan (its own parse step will say what is wrong).
    """
    try:
        return _scan(source)
    except Exception:
        return None


def _scan(source: Path) -> Facts | None:
    try:
        with source.open("r", encoding="utf-8-sig", newline=None) as handle:
            text = handle.read(MAX_FRONT_MATTER)
        split = split_front_matter(source, text)
        root = load_yaml(source, split.front_matter, split.front_matter_line)
    except (OSError, UnicodeDecodeError, ReportError, RecursionError):
        return None
    if not isinstance(root, Mapping):
        return None

    def value(name: str) -> str | None:
        node = root.entries.get(name)
        return " ".join(node.text.split()) or None if isinstance(node, Scalar) else None

    number = value("nummer")
    date = value("datum")
    try:
        date = dt.date.fromisoformat(date).isoformat() if date else None
    except ValueError:
        date = None
    title = value("titel")
    return Facts(
        number=int(number) if number and number.isascii() and number.isdigit() else None,
        title=typeset(title) if title else None,
        date=date,
        draft=value("status") == "concept",
    )


def neighbours(series: dict[str, Facts | None], slug: str) -> str:
    """The sessions before and after `slug` by number, as JSON for a rule's params.

    A final report names only final sessions: a session that is still being
    written (``status: concept``) does not change the reports already sent."""
    own = series.get(slug)
    found: dict[str, dict | None] = {"previous": None, "following": None}
    if own is None or own.number is None:
        return json.dumps(found)
    others = [
        facts
        for name, facts in series.items()
        if name != slug
        and facts
        and facts.number
        and facts.title
        and facts.date
        and (own.draft or not facts.draft)  # a final report names no draft
    ]
    before = [f for f in others if f.number < own.number]
    after = [f for f in others if f.number > own.number]
    if before:
        found["previous"] = _reference(max(before, key=lambda f: f.number))
    if after:
        found["following"] = _reference(min(after, key=lambda f: f.number))
    return json.dumps(found, sort_keys=True)


def numbers(series: dict[str, Facts | None], slug: str) -> str:
    """The numbers the other sessions of a series use, as JSON (number: file name)."""
    taken = {
        str(facts.number): f"{name}.md"
        for name, facts in sorted(series.items())
        if name != slug and facts and facts.number
    }
    return json.dumps(taken, sort_keys=True)


def _reference(facts: Facts) -> dict:
    raw = asdict(facts)
    return {"number": raw["number"], "title": raw["title"], "date": raw["date"]}


def series_facts(folder: Path, slugs: list[str]) -> dict[str, Facts | None]:
    """The facts of the given sessions of one series folder."""
    return {slug: scan(folder / f"{slug}.md") for slug in slugs}


def drafts(content: Path, sessions: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The sessions (``(reeks, sessie)``) whose front matter says ``status: concept``."""
    found = set()
    for reeks in sorted({reeks for reeks, _ in sessions}):
        slugs = [sessie for r, sessie in sessions if r == reeks]
        for sessie, facts in series_facts(content / reeks, slugs).items():
            if facts and facts.draft:
                found.add((reeks, sessie))
    return found
