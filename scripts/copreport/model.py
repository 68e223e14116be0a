"""The validated model of one CoP session: the facts every report is made of.

The parse step (`copreport.source`) builds a `Session`, writes it as JSON, and
every renderer loads it back with `Session.model_validate_json`. The model holds
facts only: the author's text (typography applied), organisations resolved to
the name they had on the day, dates as dates. How the report words and orders
them is derived in one place, `outline`, which every renderer lays out.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Base64Bytes, BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- inline content -------------------------------------------------------------


class Text(_Frozen):
    """Plain text."""

    kind: Literal["text"] = "text"
    text: str


class Strong(_Frozen):
    """Strongly emphasised text (bold)."""

    kind: Literal["strong"] = "strong"
    children: list[Inline]


class Emphasis(_Frozen):
    """Emphasised text (italic)."""

    kind: Literal["em"] = "em"
    children: list[Inline]


class Code(_Frozen):
    """Literal code or a file name, set in a fixed-width font."""

    kind: Literal["code"] = "code"
    text: str


class Link(_Frozen):
    """A hyperlink; only http, https and mailto targets get this far."""

    kind: Literal["link"] = "link"
    href: str
    children: list[Inline]


class LineBreak(_Frozen):
    """A forced line break inside a paragraph."""

    kind: Literal["br"] = "br"


Inline = Annotated[
    Text | Strong | Emphasis | Code | Link | LineBreak, Field(discriminator="kind")
]


def plain_text(inlines: list[Inline]) -> str:
    """The words of inline content without any markup."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append(" ")
        else:
            parts.append(plain_text(node.children))
    return "".join(parts)


# --- blocks ---------------------------------------------------------------------


class Paragraph(_Frozen):
    """A paragraph of running text."""

    kind: Literal["paragraph"] = "paragraph"
    inlines: list[Inline]


class Heading(_Frozen):
    """A heading inside a section; level 3 is directly below a section heading."""

    kind: Literal["heading"] = "heading"
    level: int = Field(ge=3, le=6)
    inlines: list[Inline]


class ListItem(_Frozen):
    """One item of a list: its paragraphs and any nested lists, in order."""

    blocks: list[Block]


class ListBlock(_Frozen):
    """A bulleted or numbered list; numbered lists start at `start`."""

    kind: Literal["list"] = "list"
    ordered: bool
    start: int = 1
    items: list[ListItem]


class Quote(_Frozen):
    """A quotation set apart from the text."""

    kind: Literal["quote"] = "quote"
    blocks: list[Block]


class CodeBlock(_Frozen):
    """Preformatted text shown as typed."""

    kind: Literal["code_block"] = "code_block"
    text: str


class Table(_Frozen):
    """A table with one header row; every cell holds inline content."""

    kind: Literal["table"] = "table"
    header: list[list[Inline]]
    rows: list[list[list[Inline]]]


Block = Annotated[
    Paragraph | Heading | ListBlock | Quote | CodeBlock | Table,
    Field(discriminator="kind"),
]


# --- sections of the body -------------------------------------------------------


class Section(_Frozen):
    """A `##` section of the body; the text before the first heading has no title."""

    kind: Literal["section"] = "section"
    title: str | None
    blocks: list[Block]


class Stelling(_Frozen):
    """A proposition that was discussed, what was said about it, and what it yielded."""

    kind: Literal["stelling"] = "stelling"
    number: int = Field(ge=1)
    label: str | None
    statement: list[Inline]
    blocks: list[Block]
    conclusion: list[Inline] | None = None
    """The author's summary of what the discussion yielded (``Conclusie: ...``)."""

    @property
    def points(self) -> list[ListItem]:
        """The discussion points: the items of the stelling's top-level lists."""
        return [
            item
            for block in self.blocks
            if isinstance(block, ListBlock)
            for item in block.items
        ]


BodyPart = Annotated[Section | Stelling, Field(discriminator="kind")]


# --- people and organisations ---------------------------------------------------

ORGANISATION_KINDS = (
    "ministerie",
    "planbureau",
    "provincie",
    "gemeente",
    "kennisinstelling",
    "overig",
)


class Logo(_Frozen):
    """An image carried in the model itself (checked and rewritten when read).

    Renderers never open a file that content names, so a logo swapped afterwards
    cannot bring anything in.
    """

    kind: Literal["png", "svg"]
    data: Base64Bytes

    @property
    def media_type(self) -> str:
        return "image/png" if self.kind == "png" else "image/svg+xml"


class Organisation(_Frozen):
    """An organisation from the register `organisaties.yaml`, named as on the day."""

    key: str
    name: str
    kind: Literal[ORGANISATION_KINDS]
    abbreviation: str | None = None
    logo: Logo | None = None

    @property
    def short_name(self) -> str:
        """The abbreviation when there is one, else the full name."""
        return self.abbreviation or self.name


class FormerName(_Frozen):
    """A name an organisation had until a given day (a cabinet renamed it)."""

    name: str
    abbreviation: str | None = None
    until: dt.date
    """The first day the name no longer held."""


class RegisteredOrganisation(_Frozen):
    """An organisation in the register, with its history."""

    key: str
    name: str
    kind: Literal[ORGANISATION_KINDS]
    abbreviation: str | None = None
    logo: Logo | None = None
    former_names: list[FormerName] = []
    """Earlier names, oldest first."""
    ended: dt.date | None = None
    """The first day the organisation no longer existed."""
    successors: list[str] = []

    def on(self, day: dt.date) -> Organisation:
        """The organisation as it was named on `day`."""
        for former in self.former_names:
            if day < former.until:
                return Organisation(
                    key=self.key,
                    name=former.name,
                    kind=self.kind,
                    abbreviation=former.abbreviation,
                    logo=self.logo,
                )
        return Organisation(
            key=self.key,
            name=self.name,
            kind=self.kind,
            abbreviation=self.abbreviation,
            logo=self.logo,
        )


class OrganisationRegister(_Frozen):
    """The register `organisaties.yaml`, validated, logos included: read once per build."""

    organisations: dict[str, RegisteredOrganisation]


class Speaker(_Frozen):
    """Someone who presented at the session."""

    name: str
    role: str | None = None
    organisation: str | None = None
    """The organisation's full name (resolved from the register when it is a key)."""


# --- series and session ---------------------------------------------------------


class Series(_Frozen):
    """A CoP series (one theme) as described in its `reeks.yaml`."""

    slug: str
    title: str
    theme: str
    network: str
    motto: str | None = None
    introduction: list[Block]
    central_question: list[Inline]
    lines: list[str] = []
    organiser: Organisation | None = None
    network_logo: Logo | None = None
    email: str | None = None
    website: str | None = None


class SessionReference(_Frozen):
    """Another session of the same series, as the colophon names it."""

    number: int
    title: str
    date: dt.date


class Session(_Frozen):
    """One CoP session: the facts of the report. Wording is derived in `outline`."""

    slug: str
    title: str
    number: int = Field(ge=1)
    date: dt.date
    location: str
    host: Organisation | None = None
    focus: list[Inline] | None = None
    series: Series
    participants: list[Organisation]
    speakers: list[Speaker] = []
    body: list[BodyPart]
    draft: bool = False
    """Marked ``status: concept``: not for distribution, marked as such everywhere."""
    edited: dt.date | None = None
    """The day the report was drawn up (``opgemaakt``), when the author gives it."""
    previous: SessionReference | None = None
    following: SessionReference | None = None

    @property
    def stellingen(self) -> list[Stelling]:
        """The stellingen of the body, in order."""
        return [part for part in self.body if isinstance(part, Stelling)]

    @property
    def timestamp(self) -> dt.datetime:
        """The moment every output file is dated: noon (UTC) on the session day."""
        return noon(self.date)


def noon(date: dt.date) -> dt.datetime:
    """Noon (UTC) on `date`: the moment a session's output files are dated."""
    return dt.datetime.combine(date, dt.time(12, 0), tzinfo=dt.UTC)


class _SeriesName(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")
    slug: str


class Listing(BaseModel):
    """What the index shows of a session, read from its model without its text:
    the index of a thousand sessions then needs a fraction of the time and memory."""

    model_config = ConfigDict(frozen=True, extra="ignore")
    slug: str
    title: str
    number: int
    date: dt.date
    location: str
    draft: bool = False
    series: _SeriesName

    @property
    def timestamp(self) -> dt.datetime:
        return noon(self.date)


for _model in (Strong, Emphasis, Link, ListItem, Quote, Section, Stelling):
    _model.model_rebuild()
