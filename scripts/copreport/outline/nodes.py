"""The outline of a report: what every format shows, in order, already worded.

An `Outline` is made from a session model by `build_outline`. It holds the
report's sections in order; each section holds parts of a few kinds, each with
its Dutch wording, anchors for links, and the author's text as model blocks. The
HTML template and the Word writer only lay these parts out, so every format says
the same thing in the same order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..model import Block, Inline, Logo


@dataclass(frozen=True)
class Image:
    """A logo with its text alternative; `name` identifies it (a register key)."""

    name: str
    logo: Logo
    alt: str


@dataclass(frozen=True)
class Properties:
    """What a file says about itself (title bar, document properties, XMP)."""

    title: str
    author: str
    subject: str
    keywords: list[str]
    category: str
    identifier: str
    created: dt.datetime
    language: str = "nl"


@dataclass(frozen=True)
class Running:
    """The running header and footer of a paged report."""

    header: str
    """On every page but the first, at the left: the series."""
    header_right: str
    """On every page but the first, at the right: the date of the session."""
    page_label: tuple[str, str, str]
    """The words around "X" and "Y" in "Pagina X van Y"."""
    draft_mark: str | None = None
    """On every page of a draft report (``CONCEPT``)."""


@dataclass(frozen=True)
class TitleBlock:
    network: str
    motto: str | None
    series: str
    title: str
    meta: str
    logos: list[Image] = field(default_factory=list)


# --- parts of a section -------------------------------------------------------------


@dataclass(frozen=True)
class Prose:
    """The author's own text: paragraphs, lists, tables, quotes, as written."""

    blocks: list[Block]
    kind: str = "prose"


@dataclass(frozen=True)
class Sentence:
    """One paragraph of words (generated or the author's single paragraph)."""

    inlines: list[Inline]
    kind: str = "sentence"


@dataclass(frozen=True)
class Callout:
    """A highlighted question with its own small heading (the central question)."""

    heading: str
    inlines: list[Inline]
    kind: str = "callout"


@dataclass(frozen=True)
class Statement:
    """The words of a stelling, set apart right under its heading."""

    inlines: list[Inline]
    kind: str = "statement"


@dataclass(frozen=True)
class Points:
    """What was said about a stelling: its lists get the point marker."""

    blocks: list[Block]
    kind: str = "points"


@dataclass(frozen=True)
class Conclusion:
    """What a stelling yielded, closing the stelling."""

    label: str
    inlines: list[Inline]
    kind: str = "conclusion"


@dataclass(frozen=True)
class KeyPoint:
    """One line of the key points: a link to the stelling and what it yielded."""

    reference: str
    anchor: str
    inlines: list[Inline]


@dataclass(frozen=True)
class KeyPoints:
    items: list[KeyPoint]
    kind: str = "key_points"


@dataclass(frozen=True)
class Entry:
    """One line of a group: a name, perhaps with its logo."""

    text: str
    image: Image | None = None


@dataclass(frozen=True)
class Group:
    """A small heading with the names under it (participants of one kind)."""

    heading: str
    entries: list[Entry]
    kind: str = "group"


@dataclass(frozen=True)
class Figure:
    """A drawn figure (a PNG) with its text alternative and a caption."""

    image: Image
    caption: str
    width: float
    """The width (points) it is drawn for; narrower pages scale it down."""
    kind: str = "figure"


@dataclass(frozen=True)
class Fact:
    label: str
    inlines: list[Inline]


@dataclass(frozen=True)
class Facts:
    """Label and value pairs (the colophon)."""

    rows: list[Fact]
    kind: str = "facts"


Part = (
    Prose | Sentence | Callout | Statement | Points | Conclusion | KeyPoints | Group | Facts
)


@dataclass(frozen=True)
class Section:
    """A top-level section; `heading` None for text before the first heading."""

    role: str
    """What the section is: key_points, introduction, focus, text, stelling,
    participants, colophon (renderers may style by it)."""
    heading: str | None
    anchor: str | None
    parts: list[Part]


@dataclass(frozen=True)
class Outline:
    """Everything a report shows, in order."""

    properties: Properties
    running: Running
    title_block: TitleBlock
    lead: list[Inline]
    sections: list[Section]
    draft: bool = False
