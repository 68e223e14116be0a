"""Markdown text to model blocks and inlines, with raw HTML shown as text.

Python-Markdown turns the text into HTML with its raw-HTML handling switched off
(so ``<script>`` arrives as the visible text ``<script>``) and without `attr_list`
(so no source can set attributes). That HTML is read back into the model's
blocks; only the elements listed here survive, and link targets are checked
after entities are decoded.
"""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import markdown

from ..errors import Problems
from ..limits import TimeLimitExceeded, time_limit
from ..model import (
    Block,
    Code,
    CodeBlock,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Strong,
    Table,
    Text,
)
from .listindent import normalize_lists
from .text import character_problem
from .typography import typeset_inlines

ALLOWED_SCHEMES = ("http", "https", "mailto")
MAX_DEPTH = 8
"""Deeper nesting of lists and quotes is refused: no report needs it."""
MAX_SECONDS = 10
"""Time allowed for one snippet of Markdown (a whole 1 MB file of prose takes about 8 s)."""
MAX_TOTAL_SECONDS = 30
"""Time allowed for all Markdown of one file together."""
MAX_LIST_ITEMS = 2_000
"""List points in one file: a long report has a few hundred."""
MAX_TABLE_CELLS = 5_000
"""Table cells in one file."""
_LIST_LINE = re.compile(r"^ *(?:[-+*]|[0-9]{1,9}[.)])(?: |$)", re.MULTILINE)
_TABLE_LINE = re.compile(r"^ *\|.*$", re.MULTILINE)

_BLOCK_TAGS = {"p", "ul", "ol", "blockquote", "pre", "table", "hr", "div"} | {
    f"h{level}" for level in range(1, 7)
}
_SPACES = re.compile(r"\s+")


class _Element:
    __slots__ = ("attrs", "children", "tag")

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Element | str] = []


class _TreeBuilder(HTMLParser):
    """Python-Markdown's HTML as a tree of `_Element`, entities decoded."""

    _VOID = frozenset({"br", "hr", "img"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("root", {})
        self._stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {name: value or "" for name, value in attrs})
        self._stack[-1].children.append(element)
        if tag not in self._VOID:
            self._stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._stack[-1].children.append(
            _Element(tag, {name: value or "" for name, value in attrs})
        )

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._stack[-1].children.append(data)


def _converter() -> markdown.Markdown:
    converter = markdown.Markdown(
        extensions=["sane_lists", "tables", "fenced_code"], output_format="html"
    )
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


class MarkdownReader:
    """Reads Markdown snippets of one file; problems are recorded with their line."""

    def __init__(self, path: Path, problems: Problems) -> None:
        self.path = path
        self.problems = problems
        self._markdown = _converter()
        self._seconds_left = float(MAX_TOTAL_SECONDS)
        self._list_items = 0
        self._table_cells = 0

    def blocks(self, text: str, first_line: int) -> list[Block]:
        """The block content of a Markdown text starting at `first_line` of the file."""
        if not self._within_size_limits(text, first_line):
            return []
        allowed = min(MAX_SECONDS, self._seconds_left)
        started = time.monotonic()
        try:
            if allowed <= 0:
                raise TimeLimitExceeded
            with time_limit(allowed):
                tree = self._tree(text)
                return _Blocks(self, text, first_line).convert(tree.children, depth=0)
        except RecursionError:
            problem = (
                "de tekst is te diep genest (lijsten, citaten of haakjes in elkaar); "
                "maak de opbouw eenvoudiger"
            )
        except TimeLimitExceeded:
            problem = (
                f"de tekst vanaf deze regel is niet binnen {allowed:.0f} seconden te "
                "verwerken; kijk naar ongewone reeksen tekens (zoals heel veel '[' of "
                "'*' achter elkaar) en haal ze weg"
            )
        finally:
            self._seconds_left -= time.monotonic() - started
        self._markdown = _converter()  # its state is unusable after an interruption
        self.problems.add(first_line, problem)
        return []

    def _within_size_limits(self, text: str, first_line: int) -> bool:
        """Count list points and table cells before any Markdown work (it would be slow)."""
        self._list_items += len(_LIST_LINE.findall(text))
        self._table_cells += sum(line.count("|") for line in _TABLE_LINE.findall(text))
        if self._list_items > MAX_LIST_ITEMS:
            self.problems.add(
                first_line,
                f"het bestand heeft te veel lijstpunten (meer dan {MAX_LIST_ITEMS}); "
                "een verslag is te groot met zo veel punten: splits het of vat samen",
            )
            return False
        if self._table_cells > MAX_TABLE_CELLS:
            self.problems.add(
                first_line,
                f"de tabellen in het bestand zijn te groot (meer dan {MAX_TABLE_CELLS} "
                "cellen); zet grote tabellen in een bijlage buiten het verslag",
            )
            return False
        return True

    def inlines(self, text: str, first_line: int) -> list[Inline]:
        """The inline content of a one-paragraph Markdown text."""
        blocks = self.blocks(text, first_line)
        if len(blocks) != 1 or not isinstance(blocks[0], Paragraph):
            self.problems.add(
                first_line, "hier hoort één alinea tekst, zonder kopjes of lijsten"
            )
            return [Text(text=" ".join(text.split()))]
        return blocks[0].inlines

    def _tree(self, text: str) -> _Element:
        self._markdown.reset()
        builder = _TreeBuilder()
        builder.feed(self._markdown.convert(normalize_lists(text)))
        builder.close()
        return builder.root


class _Blocks:
    """One conversion of a Markdown text: knows the text to find lines in."""

    def __init__(self, reader: MarkdownReader, text: str, first_line: int) -> None:
        self.reader = reader
        self.lines = text.split("\n")
        self.first_line = first_line

    def line_of(self, *needles: str) -> int:
        """The file line where the first findable needle appears (else the first line)."""
        for needle in needles:
            for offset, line in enumerate(self.lines):
                if needle and needle in line:
                    return self.first_line + offset
        return self.first_line

    def problem(self, needles: tuple[str, ...], message: str) -> None:
        self.reader.problems.add(self.line_of(*needles), message)

    # --- blocks ---------------------------------------------------------------

    def convert(self, nodes: list[_Element | str], depth: int) -> list[Block]:
        if depth > MAX_DEPTH:
            self.reader.problems.add(
                self.first_line,
                f"lijsten of citaten zijn dieper genest dan {MAX_DEPTH} niveaus; "
                "maak de opbouw eenvoudiger",
            )
            return []
        blocks: list[Block] = []
        loose: list[_Element | str] = []
        for node in nodes:
            if isinstance(node, _Element) and node.tag in _BLOCK_TAGS:
                blocks.extend(self._loose_paragraph(loose))
                loose = []
                blocks.extend(self.block(node, depth))
            else:
                loose.append(node)
        blocks.extend(self._loose_paragraph(loose))
        return blocks

    def _loose_paragraph(self, nodes: list[_Element | str]) -> list[Block]:
        inlines = self.inlines(nodes)
        return [Paragraph(inlines=inlines)] if inlines else []

    def block(self, node: _Element, depth: int) -> list[Block]:
        tag = node.tag
        if tag == "p":
            inlines = self.inlines(node.children)
            return [Paragraph(inlines=inlines)] if inlines else []
        if tag in ("ul", "ol"):
            return [self.list_block(node, depth)]
        if tag == "blockquote":
            return [Quote(blocks=self.convert(node.children, depth + 1))]
        if tag == "pre":
            code = _text_of(node).rstrip("\n")
            self.check_characters(code)
            return [CodeBlock(text=code)]
        if tag == "table":
            return [self.table(node)]
        if tag in ("h1", "h2"):
            words = " ".join(_text_of(node).split())
            self.problem(
                (words,),
                f"kop '{words}' staat op een niveau dat hier niet kan; gebruik '###' "
                "voor een tussenkop binnen een onderdeel",
            )
            return []
        if tag in ("h3", "h4", "h5", "h6"):
            return [Heading(level=int(tag[1]), inlines=self.inlines(node.children))]
        if tag == "div":
            return self.convert(node.children, depth)
        return []  # hr: a visual separator without words

    def list_block(self, node: _Element, depth: int) -> ListBlock:
        items = [
            ListItem(blocks=self.convert(child.children, depth + 1))
            for child in node.children
            if isinstance(child, _Element) and child.tag == "li"
        ]
        start = node.attrs.get("start", "1")
        return ListBlock(
            ordered=node.tag == "ol",
            start=int(start)
            if start.isascii() and start.isdigit() and len(start) < 7
            else 1,
            items=items,
        )

    def table(self, node: _Element) -> Table:
        rows = [
            [self.inlines(cell.children) for cell in _children(row, ("th", "td"))]
            for row in _descendants(node, "tr")
        ]
        header, body = (rows[0], rows[1:]) if rows else ([], [])
        width = len(header)
        body = [(row + [[] for _ in range(width)])[:width] for row in body]
        return Table(header=header, rows=body)

    # --- inlines --------------------------------------------------------------

    def inlines(self, nodes: list[_Element | str]) -> list[Inline]:
        result = self._inlines(nodes, depth=0)
        return _trim(typeset_inlines(result))

    def _inlines(self, nodes: list[_Element | str], depth: int) -> list[Inline]:
        if depth > MAX_DEPTH:
            self.problem(
                (),
                f"opmaak (vet, cursief, koppelingen) is dieper genest dan {MAX_DEPTH} "
                "niveaus; maak haar eenvoudiger",
            )
            return []
        result: list[Inline] = []
        for node in nodes:
            if isinstance(node, str):
                text = _SPACES.sub(" ", node)
                if result and isinstance(result[-1], LineBreak):
                    text = text.lstrip(" ")
                if text:
                    self.check_characters(text)
                    result.append(Text(text=text))
                continue
            tag = node.tag
            if tag in ("strong", "b"):
                result.append(Strong(children=self._inlines(node.children, depth + 1)))
            elif tag in ("em", "i"):
                result.append(Emphasis(children=self._inlines(node.children, depth + 1)))
            elif tag == "code":
                code = _text_of(node)
                self.check_characters(code)
                result.append(Code(text=code))
            elif tag == "br":
                result.append(LineBreak())
            elif tag == "a":
                result.extend(self.link(node, depth))
            elif tag == "img":
                alt = node.attrs.get("alt", "")
                self.problem(
                    (node.attrs.get("src", ""), alt),
                    "afbeeldingen in de tekst worden niet ondersteund; logo's van "
                    "organisaties horen in organisaties.yaml (veld 'logo')",
                )
            else:
                result.extend(self._inlines(node.children, depth + 1))
        return result

    def check_characters(self, text: str) -> None:
        """Characters written as entities (``&#x202E;``) get the same check as typed ones."""
        for char in set(text) - {"\n"}:
            problem = character_problem(char)
            if problem:
                self.problem(
                    (), f"{problem}, geschreven als code (zoals &#...;): haal het weg"
                )
                return

    def link(self, node: _Element, depth: int) -> list[Inline]:
        children = self._inlines(node.children, depth + 1)
        href = "".join(node.attrs.get("href", "").split())
        try:
            parts = urlsplit(href)
        except ValueError:  # e.g. an unclosed [ in the host part
            parts = None
        scheme = parts.scheme.lower() if parts and ":" in href else ""
        if scheme in ALLOWED_SCHEMES and (scheme == "mailto" or parts.netloc):
            self.check_characters(href)
            return [Link(href=href, children=children)]
        shown = node.attrs.get("href", "")
        self.problem(
            (f"({shown}", f"[{_text_of(node)}]"),
            f"link '{shown}' kan niet: alleen volledige webadressen (https://...) en "
            "e-mailadressen (mailto:...) zijn toegestaan",
        )
        return children


def _children(node: _Element, tags: tuple[str, ...]) -> list[_Element]:
    return [c for c in node.children if isinstance(c, _Element) and c.tag in tags]


def _descendants(node: _Element, tag: str) -> list[_Element]:
    found: list[_Element] = []
    for child in node.children:
        if isinstance(child, _Element):
            if child.tag == tag:
                found.append(child)
            else:
                found.extend(_descendants(child, tag))
    return found


def _text_of(node: _Element) -> str:
    return "".join(
        child if isinstance(child, str) else _text_of(child) for child in node.children
    )


def _trim(inlines: list[Inline]) -> list[Inline]:
    """Drop leading and trailing spaces and line breaks of a paragraph."""
    inlines = list(inlines)
    while inlines and isinstance(inlines[0], LineBreak):
        inlines.pop(0)
    while inlines and isinstance(inlines[-1], LineBreak):
        inlines.pop()
    if inlines and isinstance(inlines[0], Text):
        stripped = inlines[0].text.lstrip()
        inlines[0] = Text(text=stripped)
        if not stripped:
            return _trim(inlines[1:])
    if inlines and isinstance(inlines[-1], Text):
        stripped = inlines[-1].text.rstrip()
        inlines[-1] = Text(text=stripped)
        if not stripped:
            return _trim(inlines[:-1])
    return inlines
