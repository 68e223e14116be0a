"""The index of the output folder: every series with its sessions and their reports.

`out/index.html` links to every report and overview with relative links, so the
whole output folder can be published as it is; `out/index.pdf` lists the same
without links (a PDF cannot point at its neighbours reliably). Gaps in a series'
numbering come back as notes.
"""

from __future__ import annotations

import datetime as dt

from .. import dutch
from ..dutch import LABELS
from ..model import Inline, Link, Listing, Series, Session, Table, Text
from ..outline.nodes import (
    Outline,
    Properties,
    Prose,
    Running,
    Section,
    Sentence,
    TitleBlock,
)
from ..paths import DRAFT_SUFFIX
from . import wording


def build_index(
    series: list[tuple[Series, list[Listing]] | tuple[Series, list[Session]]],
    links: bool,
) -> tuple[Outline, list[str]]:
    """The index outline (with relative links for the web) and notes on gaps; the
    sessions are their `Listing` (or their whole model, which holds the same)."""
    notes = []
    sections = []
    every = [s for _, sessions in series for s in sessions]
    for record, sessions in series:
        ordered = sorted(sessions, key=lambda s: s.number)
        numbers = {s.number for s in ordered}
        missing = [
            n
            for n in range(min(numbers, default=1), max(numbers, default=0))
            if n not in numbers
        ]
        if missing and links:  # once, not for both formats
            notes.append(wording.gap(record.slug, missing))
        columns = wording.INDEX_COLUMNS if links else wording.INDEX_COLUMNS_PRINT
        rows = [
            [
                [Text(text=str(s.number))],
                [Text(text=dutch.long_date(s.date))],
                [Text(text=s.location)],
                [Text(text=s.title + (" (concept)" if s.draft else ""))],
                *([_reports(record.slug, s)] if links else []),
            ]
            for s in ordered
        ]
        parts = [Prose([Table(header=[[Text(text=c)] for c in columns], rows=rows)])]
        if links:
            overview = [Text(text=wording.overview_line())]
            overview += _links(f"{record.slug}/overzicht")
            parts.append(Sentence(overview))
        sections.append(Section("series", record.title, f"reeks-{record.slug}", parts))
    network = series[0][0].network if series else "Nationaal Netwerk Brede Welvaart"
    latest = max(
        (s.timestamp for s in every), default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    )
    outline = Outline(
        properties=Properties(
            title=wording.INDEX_TITLE,
            author=network,
            subject=wording.index_lead(len(series), len(every)),
            keywords=["brede welvaart", "Community of Practice", "verslagen"],
            category=LABELS["category"],
            identifier="index",
            created=latest,
        ),
        running=Running(
            header=network,
            header_right=wording.INDEX_TITLE,
            page_label=dutch.page_label_parts(),
        ),
        title_block=TitleBlock(
            network=network,
            motto=series[0][0].motto if series else None,
            series="Community of Practice",
            title=wording.INDEX_TITLE,
            meta=wording.index_lead(len(series), len(every)),
        ),
        lead=[],
        sections=sections,
    )
    return outline, notes


def _reports(slug: str, session: Listing | Session) -> list[Inline]:
    stem = session.slug + (DRAFT_SUFFIX if session.draft else "")
    return _links(f"{slug}/{stem}")


def _links(base: str) -> list[Inline]:
    found: list[Inline] = []
    for index, (suffix, label) in enumerate(wording.REPORT_LINKS):
        if index:
            found.append(Text(text=" · "))
        found.append(Link(href=f"{base}.{suffix}", children=[Text(text=label)]))
    return found
