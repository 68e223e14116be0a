"""From a session model to its outline: the report's order and all its wording."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import dutch
from ..dutch import KIND_GROUPS, LABELS
from ..dutch.fields import SERIES, SESSION, FieldSpec
from ..model import (
    ORGANISATION_KINDS,
    Inline,
    Link,
    Organisation,
    Session,
    SessionReference,
    Stelling,
    Text,
)
from ..model import (
    Section as BodySection,
)
from .nodes import (
    Callout,
    Conclusion,
    Entry,
    Fact,
    Facts,
    Group,
    Image,
    KeyPoint,
    KeyPoints,
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


def build_outline(session: Session) -> Outline:
    """The outline of the session's report (see `nodes`)."""
    return Outline(
        properties=properties(session),
        running=Running(
            header=dutch.series_heading(session.series.title),
            header_right=dutch.long_date(session.date),
            page_label=dutch.page_label_parts(),
            draft_mark=LABELS["draft"] if session.draft else None,
        ),
        title_block=_title_block(session),
        lead=_lead(session),
        sections=[
            *_key_points(session),
            _introduction(session),
            *_focus(session),
            *(_body_part(part, index) for index, part in enumerate(session.body, 1)),
            _participants(session),
            _colophon(session),
        ],
        draft=session.draft,
    )


def properties(session: Session) -> Properties:
    """What every file says about itself."""
    series = session.series
    keywords = ["brede welvaart", "Community of Practice", series.theme]
    keywords += [s.label for s in session.stellingen if s.label]
    return Properties(
        title=dutch.document_title(
            series.title, session.title, session.date, session.draft
        ),
        author=series.organiser.name if series.organiser else series.network,
        subject=dutch.description(
            session.number, series.theme, series.network, session.date, session.location
        ),
        keywords=list(dict.fromkeys(keywords)),
        category=LABELS["category"],
        identifier=f"{series.slug}/{session.slug}",
        created=session.timestamp,
    )


def anchor(stelling: Stelling) -> str:
    return f"stelling-{stelling.number}"


def _host(session: Session) -> str | None:
    """The host's abbreviation (never split over two lines), else its full name."""
    if session.host is None:
        return None
    if session.host.abbreviation:
        return dutch.keep_together(session.host.abbreviation)
    return session.host.name


def _title_block(session: Session) -> TitleBlock:
    series = session.series
    logos = []
    if series.network_logo:
        logos.append(Image("netwerk", series.network_logo, series.network))
    if series.organiser and series.organiser.logo:
        organiser = series.organiser
        logos.append(Image(organiser.key, organiser.logo, organiser.name))
    return TitleBlock(
        network=series.network,
        motto=series.motto,
        series=dutch.series_heading(series.title),
        title=session.title,
        meta=dutch.meta_line(session.date, session.location, _host(session)),
        logos=logos,
    )


def _lead(session: Session) -> list[Inline]:
    """The opening sentence; without conclusions, also what the stellingen were about."""
    lead: list[Inline] = [
        Text(
            text=dutch.opening_sentence(
                session.date,
                session.location,
                _host(session),
                session.number,
                session.series.theme,
            )
        )
    ]
    stellingen = session.stellingen
    if stellingen and not _any_conclusion(session) and all(s.label for s in stellingen):
        lead.append(Text(text=" " + dutch.stellingen_opening(len(stellingen))))
        for index, stelling in enumerate(stellingen):
            if index:
                lead.append(Text(text=" en " if index == len(stellingen) - 1 else ", "))
            lead.append(
                Link(href=f"#{anchor(stelling)}", children=[Text(text=stelling.label)])
            )
        lead.append(Text(text="."))
    return lead


def _any_conclusion(session: Session) -> bool:
    return any(stelling.conclusion for stelling in session.stellingen)


def _key_points(session: Session) -> list[Section]:
    """What each stelling yielded, first; only when the author gave conclusions."""
    if not _any_conclusion(session):
        return []
    items = [
        KeyPoint(
            dutch.stelling_reference(s.number, s.label), anchor(s), _sentence(s.conclusion)
        )
        for s in session.stellingen
        if s.conclusion
    ]
    return [Section("key_points", LABELS["key_points"], "uitkomsten", [KeyPoints(items)])]


def _sentence(inlines: list[Inline]) -> list[Inline]:
    """Words that stand on their own start with a capital (``Conclusie: brede ...``
    becomes ``Brede ...`` in the key points)."""
    if inlines and isinstance(inlines[0], Text):
        return [Text(text=dutch.capitalised(inlines[0].text)), *inlines[1:]]
    return inlines


def _introduction(session: Session) -> Section:
    series = session.series
    parts: list[Any] = [
        Prose(series.introduction),
        Callout(LABELS["central_question"], series.central_question),
    ]
    if sentence := dutch.lines_sentence(series.lines):
        parts.append(Sentence([Text(text=sentence)]))
    return Section("introduction", LABELS["introduction"], "inleiding", parts)


def _focus(session: Session) -> list[Section]:
    if not session.focus:
        return []
    return [Section("focus", LABELS["focus"], "focus", [Sentence(session.focus)])]


def _body_part(part: BodySection | Stelling, index: int) -> Section:
    if isinstance(part, Stelling):
        parts: list[Any] = [Statement(part.statement), Points(part.blocks)]
        if part.conclusion:
            parts.append(Conclusion(LABELS["conclusion"], part.conclusion))
        return Section(
            "stelling", dutch.stelling_heading(part.number, part.label), anchor(part), parts
        )
    anchor_name = f"onderdeel-{index}" if part.title else None
    return Section("text", part.title, anchor_name, [Prose(part.blocks)])


def _participants(session: Session) -> Section:
    groups = []
    for kind in ORGANISATION_KINDS:
        members = sorted(
            (org for org in session.participants if org.kind == kind),
            key=lambda org: org.name.casefold(),
        )
        if members:
            groups.append(Group(KIND_GROUPS[kind], [_entry(org) for org in members]))
    if session.speakers:
        groups.append(
            Group(
                dutch.speakers_label(len(session.speakers)),
                [
                    Entry(dutch.speaker_line(s.name, s.role, s.organisation))
                    for s in session.speakers
                ],
            )
        )
    return Section("participants", LABELS["participants"], "deelnemers", groups)


def _entry(organisation: Organisation) -> Entry:
    image = None
    if organisation.logo:
        image = Image(organisation.key, organisation.logo, organisation.name)
    return Entry(organisation.name, image)


def _colophon(session: Session) -> Section:
    series = session.series
    rows = [
        *shown_fields(SERIES, series),
        *shown_fields(SESSION, session),
        Fact(
            LABELS["series"],
            [Text(text=dutch.series_position(session.number, series.title))],
        ),
        *_reference(LABELS["previous"], session.previous),
        *_reference(LABELS["following"], session.following),
    ]
    if session.draft:
        rows.append(Fact(LABELS["status"], [Text(text=dutch.draft_status())]))
    if session.edited:
        rows.append(Fact(LABELS["edited"], [Text(text=dutch.long_date(session.edited))]))
    return Section("colophon", LABELS["colophon"], "colofon", [Facts(rows)])


def shown_fields(specs: Iterable[FieldSpec], record: Any) -> list[Fact]:
    """The declared fields that show in the colophon, as labelled lines."""
    facts = []
    for spec in specs:
        value = getattr(record, spec.attribute, None)
        if spec.show == "colofon" and value:
            facts.append(Fact(spec.label or spec.name, _value(spec, value)))
    return facts


def _value(spec: FieldSpec, value: Any) -> list[Inline]:
    """A field's value as words: names for organisations, links for addresses."""
    if isinstance(value, Organisation):
        return [Text(text=value.name)]
    if spec.kind == "email":
        return [Link(href=f"mailto:{value}", children=[Text(text=value)])]
    if spec.kind == "url":
        return [Link(href=value, children=[Text(text=value)])]
    if hasattr(value, "isoformat"):
        return [Text(text=dutch.long_date(value))]
    return [Text(text=str(value))]


def _reference(label: str, reference: SessionReference | None) -> list[Fact]:
    if reference is None:
        return []
    text = dutch.session_reference(reference.number, reference.title, reference.date)
    return [Fact(label, [Text(text=text)])]
