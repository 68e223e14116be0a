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
        "de kopgegevens bevatten meer dan één YAML-document",
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
_GENERIC = (
    "de kopgegevens zijn geen geldige YAML: controleer de inspringing, de dubbele "
    "punten en de aanhalingstekens"
)
_TRAILING_COMMENT = re.compile(r"[ ]#")
"""One space, then '#': text that YAML silently cuts off. Two or more spaces before
'#' are the usual way to write a comment (as yamllint asks) and stay allowed."""


def load_yaml(path: Path, text: str, first_line: int = 1) -> Node | None:
    """The YAML text as nodes; `first_line` is the file line of the text's first line."""
    lines = text.split("\n")
    _refuse_tabs_and_nbsp(path, lines, first_line)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark else first_line
        raise SourceError(path, line, _dutch_problem(error)) from None
    except yaml.YAMLError:
        raise SourceError(path, first_line, _GENERIC) from None
    if root is None:
        return None
    return _convert(root, _Context(path, lines, first_line))


@dataclass
class _Context:
    path: Path
    lines: list[str]
    first_line: int
    seen: set[int] = field(default_factory=set)

    def line_of(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line


def _convert(node: yaml.Node, context: _Context) -> Node:
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
        if node.style is None:
            _refuse_trailing_comment(node, context)
        if node.style in ("|", ">"):
            line += 1  # a block scalar's text starts on the line after its key
        return Scalar(node.value, line)
    if isinstance(node, yaml.SequenceNode):
        return Sequence([_convert(item, context) for item in node.value], line)
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
                f"het veld '{key}' staat er twee keer (ook op regel {key_lines[key]}); "
                "houd er één over",
            )
        entries[key] = _convert(value_node, context)
        key_lines[key] = key_line
    return Mapping(entries, key_lines, line)


def _refuse_trailing_comment(node: yaml.ScalarNode, context: _Context) -> None:
    end = node.end_mark
    if end.line >= len(context.lines):
        return
    rest = context.lines[end.line][end.column :]
    if _TRAILING_COMMENT.match(rest) and node.value:
        raise SourceError(
            context.path,
            context.first_line + end.line,
            f"na '{node.value}' volgt ' #': YAML leest de rest van de regel als "
            "commentaar en laat die weg. Zet de hele waarde tussen aanhalingstekens, "
            f'bijvoorbeeld "{node.value}{rest.rstrip()}"',
        )


def _refuse_tabs_and_nbsp(path: Path, lines: list[str], first_line: int) -> None:
    for number, line in enumerate(lines, start=first_line):
        if "\t" in line:
            raise SourceError(
                path,
                number,
                f"tab in de kopgegevens (kolom {line.index(chr(9)) + 1}): YAML "
                "staat alleen spaties toe; vervang de tab door spaties",
            )
        if "\u00a0" in line:
            raise SourceError(
                path,
                number,
                f"niet-afbrekende spatie in de kopgegevens (kolom "
                f"{line.index(chr(0xA0)) + 1}), vaak meegekopieerd uit Word: "
                "vervang haar door een gewone spatie",
            )


def _dutch_problem(error: yaml.MarkedYAMLError) -> str:
    described = f"{error.context or ''} {error.problem or ''}"
    for english, dutch in _PROBLEMS:
        if english in described:
            return dutch
    return _GENERIC
