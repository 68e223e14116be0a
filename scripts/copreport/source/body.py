"""The body of a session source: `##` sections, among them the stellingen.

A stelling is a section headed ``## Stelling N`` or ``## Stelling N (label)``; its
first paragraph is the statement, what follows (usually a list) is what was said.
Stellingen are numbered 1..n without gaps or repeats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problems
from ..model import (
    BodyPart,
    Emphasis,
    Inline,
    Paragraph,
    Section,
    Stelling,
    Strong,
    plain_text,
)
from .mdblocks import MarkdownReader

_H1 = re.compile(r"^ {0,3}#(?!#)(\s|$)")
_H2 = re.compile(r"^ {0,3}##(?!#)\s*(.*?)\s*(?:#+\s*)?$")
_STELLING_ATTEMPT = re.compile(r"^stelling\b", re.IGNORECASE)
_STELLING = re.compile(r"^stelling\s+(\d+)\s*(?:\(\s*([^()]+?)\s*\))?\s*$", re.IGNORECASE)


@dataclass
class _RawSection:
    heading: str | None
    heading_line: int
    lines: list[str]
    first_line: int


def parse_body(
    path: Path, body: str, first_line: int, problems: Problems
) -> list[BodyPart]:
    """The sections of the body in order; problems are recorded, not raised."""
    reader = MarkdownReader(path, problems)
    parts: list[BodyPart] = []
    stelling_lines: dict[int, int] = {}
    for raw in _split(body, first_line, problems):
        text = "\n".join(raw.lines)
        if raw.heading is None:
            if text.strip():
                parts.append(
                    Section(title=None, blocks=reader.blocks(text, raw.first_line))
                )
            continue
        if not text.strip():
            problems.add(
                raw.heading_line,
                f"onder de kop '## {raw.heading}' staat niets; vul het onderdeel aan "
                "of haal de kop weg",
            )
            continue
        if _STELLING_ATTEMPT.match(raw.heading):
            stelling = _stelling(raw, text, reader, problems)
            if stelling:
                _check_number(stelling, raw.heading_line, stelling_lines, problems)
                parts.append(stelling)
            continue
        title = plain_text(reader.inlines(_as_paragraph(raw.heading), raw.heading_line))
        parts.append(Section(title=title, blocks=reader.blocks(text, raw.first_line)))
    return parts


def _split(body: str, first_line: int, problems: Problems) -> list[_RawSection]:
    current = _RawSection(None, first_line, [], first_line)
    sections = [current]
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if _H1.match(line):
            problems.add(
                number,
                "een kop met één '#' kan hier niet: de titel staat in de kopgegevens "
                "(veld 'titel'); begin een onderdeel met '## '",
            )
            continue
        if match := _H2.match(line):
            current = _RawSection(match.group(1), number, [], number + 1)
            sections.append(current)
            continue
        current.lines.append(line)
    return sections


def _as_paragraph(heading: str) -> str:
    """Escape what would make a heading's text start a list or a quote."""
    heading = re.sub(r"^(\d+)([.)])", r"\1\\\2", heading)
    return re.sub(r"^([-+*>])", r"\\\1", heading)


def _stelling(
    raw: _RawSection, text: str, reader: MarkdownReader, problems: Problems
) -> Stelling | None:
    match = _STELLING.match(raw.heading or "")
    if not match:
        problems.add(
            raw.heading_line,
            f"kop '## {raw.heading}' is geen geldige stellingkop: schrijf "
            "'## Stelling 2' of '## Stelling 2 (onderwerp)'",
        )
        return None
    number = int(match.group(1))
    blocks = reader.blocks(text, raw.first_line)
    if not blocks or not isinstance(blocks[0], Paragraph):
        problems.add(
            raw.heading_line,
            f"bij Stelling {number} ontbreekt de stelling zelf: zet direct onder de "
            "kop één alinea met de stelling, daarna de besproken punten als lijst",
        )
        return None
    return Stelling(
        number=number,
        label=" ".join(match.group(2).split()) if match.group(2) else None,
        statement=_unwrap(blocks[0].inlines),
        blocks=blocks[1:],
    )


def _unwrap(inlines: list[Inline]) -> list[Inline]:
    """A statement written wholly in bold or italics: the report emphasises it anyway."""
    if len(inlines) == 1 and isinstance(inlines[0], (Strong, Emphasis)):
        return _unwrap(inlines[0].children)
    return inlines


def _check_number(
    stelling: Stelling, line: int, seen: dict[int, int], problems: Problems
) -> None:
    expected = max(seen, default=0) + 1
    number = stelling.number
    if number in seen:
        problems.add(
            line,
            f"Stelling {number} komt twee keer voor (ook op regel {seen[number]}); "
            "nummer de stellingen 1, 2, 3, ... zonder herhalingen",
        )
    elif number != expected:
        missing = "Stelling " + str(expected)
        problems.add(
            line,
            f"na {'het begin' if expected == 1 else f'Stelling {expected - 1}'} volgt "
            f"Stelling {number}: {missing} ontbreekt (nummer de stellingen 1, 2, 3, "
            "... zonder gaten)",
        )
    seen.setdefault(number, line)
