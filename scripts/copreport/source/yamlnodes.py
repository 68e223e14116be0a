"""YAML read as text with line numbers, without YAML 1.1's silent conversions.

PyYAML's composer gives the node tree with positions; we never let it construct
Python values, so ``nee``, ``no``, ``off``, ``10:30`` and ``0123`` stay the text the
author wrote, and the field validators decide what a value means. Duplicate keys,
aliases and a comment that cuts a value short are refused with the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import SourceError
from .text import character_problem


@dataclass(frozen=True)
class Scalar:
    """A single value, always as text."""

    text: str
    line: int


@dataclass(frozen=True)
class Sequence:
    """A list of nodes."""

    items: list[Node]
    line: int


@dataclass(frozen=True)
class Mapping:
    """Keys (text) to nodes, in file order, with the line of every key."""

    entries: dict[str, Node]
    key_lines: dict[str, int] = field(default_factory=dict)
    line: int = 0


Node = Scalar | Sequence | Mapping

_PROBLEMS = (
    (
        "mapping values are not allowed",
        "onverwachte dubbele punt: zet een waarde die zelf ':' bevat tussen "
        "aanhalingstekens",
    ),
    (
        "could not find expected ':'",
        "hier ontbreekt de dubbele punt tussen veldnaam en waarde ('veld: waarde')",
    ),
    (
        "invalid Unicode character escape",
        "een code als \\u... staat voor een teken dat niet bestaat (zoals U+D800); "
        "haal de code weg",
    ),
    (
        "while scanning a quoted scalar",
        "een aanhalingsteken wordt niet gesloten",
    ),
    (
        "expected <block end>",
        "de inspringing klopt niet: velden op hetzelfde niveau beginnen in dezelfde "
        "kolom, lijstonderdelen ('- ') ook",
    ),
    (
        "expected a single document",
        "{part} bestaan uit meer dan één deel (gescheiden door '---')",
    ),
    (
        "found undefined alias",
        "verwijzingen met '*' worden niet ondersteund",
    ),
    (
        "found character",
        "dit teken mag hier niet staan; zet de waarde tussen aanhalingstekens",
    ),
)
_TOO_DEEP = "{part} zijn dieper genest dan 10 niveaus; maak ze eenvoudiger"
_GENERIC = (
    "{part} kloppen niet: controleer de inspringing, de dubbele "
    "punten en de aanhalingstekens"
)
MAX_DEPTH = 10
"""Lists and fields nested deeper than this are refused: no content file needs it."""

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""LibYAML's parser when installed (about ten times faster), else PyYAML's own."""

_TRAILING_COMMENT = re.compile(r"[ ]#")
"""One space, then '#': text that YAML silently cuts off. Two or more spaces before
'#' are the usual way to write a comment (as yamllint asks) and stay allowed."""


def load_yaml(
    path: Path, text: str, first_line: int = 1, part: str = "de gegevens"
) -> Node | None:
    """The YAML text as nodes; `first_line` is the file line of the text's first line.

    `part` names the text in messages: "de kopgegevens" of a session source.
    """
    lines = text.split("\n")
    _refuse_tabs_and_nbsp(path, lines, first_line, part)
    try:
        _refuse_deep_nesting(path, text, first_line, part)
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark else first_line
        raise SourceError(path, line, _dutch_problem(error).format(part=part)) from None
    except yaml.YAMLError:
        raise SourceError(path, first_line, _GENERIC.format(part=part)) from None
    if root is None:
        return None
    return _convert(root, _Context(path, lines, first_line, part), depth=0)


@dataclass
class _Context:
    path: Path
    lines: list[str]
    first_line: int
    part: str
    seen: set[int] = field(default_factory=set)

    def line_of(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line


def _convert(node: yaml.Node, context: _Context, depth: int) -> Node:
    if depth > MAX_DEPTH:
        raise SourceError(
            context.path, context.line_of(node), _TOO_DEEP.format(part=context.part)
        )
    if id(node) in context.seen:  # an alias (*x) gives the anchored node again
        raise SourceError(
            context.path,
            context.line_of(node),
            "ankers en verwijzingen ('&' en '*') worden niet ondersteund: "
            "schrijf de waarde voluit",
        )
    context.seen.add(id(node))
    line = context.line_of(node)
    if isinstance(node, yaml.ScalarNode):
        if not node.style:  # plain (PyYAML says None, LibYAML an empty string)
            _refuse_trailing_comment(node, context)
        if node.style in ("|", ">"):
            line += 1  # a block scalar's text starts on the line after its key
        _refuse_escaped_characters(node, context)
        return Scalar(node.value, line)
    if isinstance(node, yaml.SequenceNode):
        return Sequence([_convert(item, context, depth + 1) for item in node.value], line)
    entries: dict[str, Node] = {}
    key_lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise SourceError(
                context.path, context.line_of(key_node), "een veldnaam moet tekst zijn"
            )
        key = key_node.value
        key_line = context.line_of(key_node)
        if key in entries:
            raise SourceError(
                context.path,
                key_line,
                f"'{key}' staat er twee keer (ook op regel {key_lines[key]}); "
                "houd er één over",
            )
        entries[key] = _convert(value_node, context, depth + 1)
        key_lines[key] = key_line
    return Mapping(entries, key_lines, line)


def _refuse_deep_nesting(path: Path, text: str, first_line: int, part: str) -> None:
    """Count nesting on the parser's events (no recursion), before composing a tree."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                line = first_line + event.start_mark.line
                raise SourceError(path, line, _TOO_DEEP.format(part=part))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _refuse_escaped_characters(node: yaml.ScalarNode, context: _Context) -> None:
    """Escapes such as "\\u202e" or "\\x01" must not bring in what the file may not hold."""
    for char in set(node.value) - {"\n"}:
        problem = character_problem(char)
        if problem:
            raise SourceError(
                context.path, context.line_of(node), f"{problem}: haal het weg"
            )


def _refuse_trailing_comment(node: yaml.ScalarNode, context: _Context) -> None:
    end = node.end_mark
    if end.line >= len(context.lines):
        return
    rest = context.lines[end.line][end.column :]
    if _TRAILING_COMMENT.match(rest) and node.value:
        raise SourceError(
            context.path,
            context.first_line + end.line,
            f"na '{node.value}' volgt ' #': de rest van de regel telt dan als "
            "commentaar en valt weg. Zet de hele waarde tussen aanhalingstekens, "
            f'bijvoorbeeld "{node.value}{rest.rstrip()}"',
        )


def _refuse_tabs_and_nbsp(path: Path, lines: list[str], first_line: int, part: str) -> None:
    for number, line in enumerate(lines, start=first_line):
        if "\t" in line:
            raise SourceError(
                path,
                number,
                f"tab in {part} (kolom {line.index(chr(9)) + 1}): hier zijn alleen "
                "spaties toegestaan; vervang de tab door spaties",
            )
        if "\u00a0" in line:
            raise SourceError(
                path,
                number,
                f"niet-afbrekende spatie in {part} (kolom "
                f"{line.index(chr(0xA0)) + 1}), vaak meegekopieerd uit Word: "
                "vervang haar door een gewone spatie",
            )


def _dutch_problem(error: yaml.MarkedYAMLError) -> str:
    described = f"{error.context or ''} {error.problem or ''}"
    for english, dutch in _PROBLEMS:
        if english in described:
            return dutch
    return _GENERIC
