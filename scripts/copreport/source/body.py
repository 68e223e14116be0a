"""The body of a session source: `##` sections, among them the stellingen.

A stelling is a section headed ``## Stelling N`` or ``## Stelling N (label)``; its
first paragraph is the statement, what follows (usually a list) is what was said.
A paragraph that starts with ``Conclusie:`` is the author's summary of what the
stelling yielded. Stellingen are numbered 1..n without gaps or repeats.
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
    Text,
    plain_text,
)
from .mdblocks import MarkdownReader
from .typography import typeset

# Patterns are linear: no two neighbouring parts can match the same characters,
# so a long line cannot make them backtrack (a 1 MB line is possible input).
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_H1 = re.compile(r"^ {0,3}#(?!#)(\s|$)")
_H2 = re.compile(r"^ {0,3}##(?!#)(.*)$")
_STELLING_ATTEMPT = re.compile(r"^stelling\b", re.IGNORECASE)
_STELLING = re.compile(r"^stelling +([0-9]{1,4})(?: *\(([^()]*)\))?$", re.IGNORECASE)
_CONCLUSION = re.compile(r"^\s*conclusie\s*:\s*", re.IGNORECASE)
_CONCLUSION_LABEL = re.compile(r"conclusie\s*:?", re.IGNORECASE)


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
            blocks = reader.blocks(text, raw.first_line) if text.strip() else []
            if blocks:
                parts.append(Section(title=None, blocks=blocks))
            continue
        if not raw.heading:
            problems.add(raw.heading_line, "kop '##' zonder tekst; schrijf de kop erachter")
            continue
        if _STELLING_ATTEMPT.match(raw.heading):
            stelling = _stelling(raw, text, reader, problems)
            if stelling:
                _check_number(stelling, raw.heading_line, stelling_lines, problems)
                parts.append(stelling)
            continue
        title = plain_text(reader.inlines(_as_paragraph(raw.heading), raw.heading_line))
        blocks = reader.blocks(text, raw.first_line) if text.strip() else []
        if not blocks:
            problems.add(
                raw.heading_line,
                f"onder de kop '## {raw.heading}' staat niets; vul het onderdeel aan "
                "of haal de kop weg",
            )
            continue
        parts.append(Section(title=title, blocks=blocks))
    return parts


def _split(body: str, first_line: int, problems: Problems) -> list[_RawSection]:
    current = _RawSection(None, first_line, [], first_line)
    sections = [current]
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and _H1.match(line):
            problems.add(
                number,
                "een kop met één '#' kan hier niet: de titel staat in de kopgegevens "
                "(veld 'titel'); begin een onderdeel met '## '",
            )
            continue
        elif not in_fence and (match := _H2.match(line)):
            current = _RawSection(_heading_text(match.group(1)), number, [], number + 1)
            sections.append(current)
            continue
        current.lines.append(line)
    return sections


def _heading_text(raw: str) -> str:
    """The words of an ATX heading: without surrounding spaces or closing hashes."""
    text = raw.strip()
    without_closing = text.rstrip("#")
    if without_closing != text and (not without_closing or without_closing[-1] == " "):
        text = without_closing.strip()
    return text


def _as_paragraph(heading: str) -> str:
    """Escape what would make a heading's text start a list or a quote."""
    heading = re.sub(r"^([0-9]+)([.)])", r"\1\\\2", heading)
    return re.sub(r"^([-+*>])(?= |$)", r"\\\1", heading)


def _stelling(
    raw: _RawSection, text: str, reader: MarkdownReader, problems: Problems
) -> Stelling | None:
    match = _STELLING.match(raw.heading or "")
    if not match or int(match.group(1)) < 1:
        problems.add(
            raw.heading_line,
            f"kop '## {raw.heading}' is geen geldige stellingkop: schrijf "
            "'## Stelling 2' of '## Stelling 2 (onderwerp)', genummerd vanaf 1",
        )
        return None
    number = int(match.group(1))
    blocks = reader.blocks(text, raw.first_line) if text.strip() else []
    if not blocks or not isinstance(blocks[0], Paragraph):
        problems.add(
            raw.heading_line,
            f"bij Stelling {number} ontbreekt de stelling zelf: zet direct onder de "
            "kop één alinea met de stelling, daarna de besproken punten als lijst",
        )
        return None
    label = " ".join((match.group(2) or "").split())
    rest, conclusion = _conclusion(blocks[1:], number, raw, problems)
    return Stelling(
        number=number,
        label=typeset(label) if label else None,
        statement=_unwrap(blocks[0].inlines),
        blocks=rest,
        conclusion=conclusion,
    )


def _conclusion(
    blocks: list, number: int, raw: _RawSection, problems: Problems
) -> tuple[list, list[Inline] | None]:
    """The blocks without the ``Conclusie:`` paragraph, and that paragraph's words."""
    found = [
        index
        for index, block in enumerate(blocks)
        if isinstance(block, Paragraph) and _CONCLUSION.match(plain_text(block.inlines))
    ]
    if not found:
        return blocks, None
    if len(found) > 1:
        problems.add(
            raw.heading_line,
            f"Stelling {number} heeft meer dan één alinea 'Conclusie:'; voeg ze samen",
        )
    inlines = _without_label(blocks[found[0]].inlines)
    if not plain_text(inlines).strip():
        problems.add(
            raw.heading_line,
            f"bij Stelling {number} staat 'Conclusie:' zonder tekst; schrijf in een of "
            "twee zinnen wat de stelling opleverde, of haal de regel weg",
        )
        return blocks, None
    return [b for i, b in enumerate(blocks) if i not in found], inlines


def _without_label(inlines: list[Inline]) -> list[Inline]:
    """``**Conclusie:** tekst`` or ``Conclusie: tekst`` as just ``tekst``."""
    first, rest = inlines[0], list(inlines[1:])
    if isinstance(first, (Strong, Emphasis)) and _CONCLUSION_LABEL.fullmatch(
        plain_text(first.children).strip()
    ):
        head = ""
    else:
        head = plain_text([first]) if isinstance(first, Text) else ""
        if not head:
            return inlines
        head = _CONCLUSION.sub("", head, count=1)
    if rest and isinstance(rest[0], Text):
        rest[0] = Text(text=rest[0].text)
    joined = ([Text(text=head)] if head else []) + rest
    if joined and isinstance(joined[0], Text):
        stripped = joined[0].text.lstrip(" :")
        joined = ([Text(text=stripped)] if stripped else []) + joined[1:]
    return joined


def _unwrap(inlines: list[Inline]) -> list[Inline]:
    """A statement written wholly in bold or italics: the report emphasises it anyway."""
    if len(inlines) == 1 and isinstance(inlines[0], (Strong, Emphasis)):
        return _unwrap(inlines[0].children)
    return inlines


def _check_number(
    stelling: Stelling, line: int, seen: dict[int, int], problems: Problems
) -> None:
    highest = max(seen, default=0)
    number = stelling.number
    if number in seen:
        problems.add(
            line,
            f"Stelling {number} komt twee keer voor (ook op regel {seen[number]}); "
            "nummer de stellingen 1, 2, 3, ... zonder herhalingen",
        )
    elif number < highest:
        problems.add(
            line,
            f"Stelling {number} staat na Stelling {highest}: zet de stellingen op "
            "volgorde (1, 2, 3, ...)",
        )
    elif number != highest + 1:
        previous = "het begin" if highest == 0 else f"Stelling {highest}"
        problems.add(
            line,
            f"na {previous} volgt Stelling {number}: Stelling {highest + 1} ontbreekt "
            "(nummer de stellingen 1, 2, 3, ... zonder gaten)",
        )
    seen.setdefault(number, line)
