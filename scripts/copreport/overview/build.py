"""The outline of a series overview: what a CoP series has yielded, in one document.

Built from the session models the build already has. Draft sessions are left out
(and the overview says how many). Stellingen are grouped by the series' lines
(a stelling belongs to the line its topic names), then by their other topics.
"""

from __future__ import annotations

import base64
from collections import defaultdict

from .. import dutch
from ..dutch import KIND_GROUPS, LABELS
from ..dutch.fields import SERIES
from ..model import (
    ORGANISATION_KINDS,
    Heading,
    Logo,
    Series,
    Session,
    Table,
    Text,
)
from ..outline.build import shown_fields
from ..outline.nodes import (
    Callout,
    Conclusion,
    Entry,
    Fact,
    Facts,
    Figure,
    Group,
    Image,
    Outline,
    Points,
    Properties,
    Prose,
    Running,
    Section,
    Sentence,
    Statement,
    TitleBlock,
)
from . import wording
from .figure import Drawing, participation_png


def build_overview(
    series: Series, sessions: list[Session], draw: Drawing = participation_png
) -> Outline:
    """The overview of `series` from its sessions (in any order; drafts are left out);
    `draw` makes the participation matrix."""
    final = sorted((s for s in sessions if not s.draft), key=lambda s: s.number)
    drafts = len(sessions) - len(final)
    latest = final[-1] if final else None
    return Outline(
        properties=Properties(
            title=wording.title(series.title),
            author=series.organiser.name if series.organiser else series.network,
            subject=wording.subject(series.theme, series.network, len(final)),
            keywords=["brede welvaart", "Community of Practice", series.theme, "overzicht"],
            category=LABELS["category"],
            identifier=f"{series.slug}/overzicht",
            created=latest.timestamp if latest else _epoch(),
        ),
        running=Running(
            header=dutch.series_heading(series.title),
            header_right=wording.RUNNING,
            page_label=dutch.page_label_parts(),
        ),
        title_block=TitleBlock(
            network=series.network,
            motto=series.motto,
            series=dutch.series_heading(series.title),
            title=wording.HEADING,
            meta=wording.period(final),
            logos=[],
        ),
        lead=[Text(text=wording.lead(final, series.lines))],
        sections=[
            _introduction(series),
            _sessions(final, drafts),
            *_stellingen(final, series.lines),
            _participation(final, draw),
            _colophon(series, final),
        ],
    )


def _epoch():
    import datetime as dt

    return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _introduction(series: Series) -> Section:
    parts = [
        Prose(series.introduction),
        Callout(LABELS["central_question"], series.central_question),
    ]
    if sentence := dutch.lines_sentence(series.lines):
        parts.append(Sentence([Text(text=sentence)]))
    return Section("introduction", LABELS["introduction"], "inleiding", parts)


def _cells(*values: str) -> list[list[Text]]:
    return [[Text(text=value)] for value in values]


def _sessions(sessions: list[Session], drafts: int) -> Section:
    table = Table(
        header=_cells(*wording.SESSION_COLUMNS),
        rows=[
            _cells(
                str(s.number),
                dutch.long_date(s.date),
                s.location,
                s.title,
                str(len(s.participants)),
            )
            for s in sessions
        ],
    )
    parts = [Prose([table])]
    if drafts:
        parts.append(Sentence([Text(text=wording.drafts_left_out(drafts))]))
    return Section("sessions", wording.SESSIONS, "bijeenkomsten", parts)


def _stellingen(sessions: list[Session], lines: list[str]) -> list[Section]:
    groups: dict[str, list] = defaultdict(list)
    order = [line.casefold() for line in lines]
    for session in sessions:
        for stelling in session.stellingen:
            topic = (stelling.label or "").casefold()
            groups[topic].append((session, stelling))
    keys = [k for k in order if k in groups]
    keys += sorted(k for k in groups if k not in order and k)
    keys += [""] if "" in groups else []
    sections = []
    for index, key in enumerate(keys, start=1):
        parts = []
        for session, stelling in groups[key]:
            heading = wording.stelling_heading(
                session.number, session.date, stelling.number
            )
            parts.append(Prose([Heading(level=3, inlines=[Text(text=heading)])]))
            parts.append(Statement(stelling.statement))
            if stelling.conclusion:
                parts.append(Conclusion(LABELS["conclusion"], stelling.conclusion))
            else:
                parts.append(Points(stelling.blocks))
        title = wording.topic_heading(key, key in order)
        sections.append(Section("theme", title, f"onderwerp-{index}", parts))
    return sections


def _participation(sessions: list[Session], draw: Drawing) -> Section:
    numbers = [s.number for s in sessions]
    names: dict[str, list[str]] = {}
    kinds: dict[str, str] = {}
    attended: dict[str, list[int]] = defaultdict(list)
    for session in sessions:
        for organisation in session.participants:
            history = names.setdefault(organisation.key, [])
            if organisation.name not in history:
                history.append(organisation.name)
            kinds[organisation.key] = organisation.kind
            attended[organisation.key].append(session.number)
    keys = sorted(
        names,
        key=lambda k: (ORGANISATION_KINDS.index(kinds[k]), names[k][-1].casefold()),
    )
    labels = {k: wording.organisation_label(names[k]) for k in keys}
    png, width = draw(
        [(names[k][-1], [n in attended[k] for n in numbers]) for k in keys],
        [str(n) for n in numbers],
    )
    figure = Figure(
        Image(
            "deelname",
            Logo(kind="png", data=base64.b64encode(png)),
            wording.figure_alt(len(keys), numbers),
        ),
        wording.FIGURE_CAPTION,
        width,
    )
    per_organisation = Table(
        header=_cells(*wording.ORGANISATION_COLUMNS),
        rows=[
            _cells(
                labels[k],
                dutch.KIND_SINGULAR[kinds[k]],
                dutch.enumerate_words([str(n) for n in attended[k]]),
                str(len(attended[k])),
            )
            for k in keys
        ],
    )
    per_kind = Table(
        header=_cells(*wording.KIND_COLUMNS),
        rows=[
            _cells(
                KIND_GROUPS[kind],
                str(sum(1 for k in keys if kinds[k] == kind)),
                str(sum(len(attended[k]) for k in keys if kinds[k] == kind)),
            )
            for kind in ORGANISATION_KINDS
            if any(kinds[k] == kind for k in keys)
        ],
    )
    speakers = [
        Group(
            wording.speakers_heading(s.number, s.date),
            [Entry(dutch.speaker_line(p.name, p.role, p.organisation)) for p in s.speakers],
        )
        for s in sessions
        if s.speakers
    ]
    parts = [
        figure,
        Prose([per_organisation]),
        Prose([Heading(level=3, inlines=[Text(text=wording.PER_KIND)]), per_kind]),
    ]
    parts.extend(speakers)
    return Section("participation", wording.PARTICIPATION, "deelname", parts)


def _colophon(series: Series, sessions: list[Session]) -> Section:
    rows = list(shown_fields(SERIES, series))
    if sessions:
        rows.append(Fact(wording.SESSIONS, [Text(text=wording.period(sessions))]))
        edited = max((s.edited for s in sessions if s.edited), default=None)
        if edited:
            rows.append(Fact(LABELS["edited"], [Text(text=dutch.long_date(edited))]))
    return Section("colophon", LABELS["colophon"], "colofon", [Facts(rows)])
