"""One session source (`<reeks>/<sessie>.md`) with its series and register: the model."""

from __future__ import annotations

import difflib
from pathlib import Path

from .. import dutch
from ..errors import Problems, SourceError
from ..model import (
    ORGANISATION_KINDS,
    Organisation,
    ParticipantGroup,
    Series,
    Session,
    Speaker,
)
from . import fields
from .body import parse_body
from .frontmatter import split_front_matter
from .mdblocks import MarkdownReader
from .register import REGISTER_FILE, Register, load_register
from .series import SERIES_FILE, load_series
from .text import read_source
from .typography import typeset
from .yamlnodes import Mapping, Node, load_yaml

_REQUIRED = ("titel", "nummer", "datum", "locatie", "deelnemers")
_OPTIONAL = ("focus", "gastheer", "sprekers")
_SPEAKER_REQUIRED = ("naam",)
_SPEAKER_OPTIONAL = ("functie", "organisatie")


def load_session(source: Path, content: Path | None = None) -> Session:
    """The validated model of `<content>/<reeks>/<sessie>.md`, or a `SourceError`.

    The register is the content folder's `organisaties.yaml` and the series is the
    `reeks.yaml` beside the source. None of the three may lead (through a link)
    outside the content folder.
    """
    content = content if content is not None else source.parent.parent
    register = register_of(content)
    series = series_of(source.parent, register, content)
    refuse_outside(source, content)
    return parse_session(source, series, register)


def register_of(content: Path) -> Register:
    """The content folder's validated register."""
    path = content / REGISTER_FILE
    refuse_outside(path, content)
    return load_register(path, content)


def series_of(folder: Path, register: Register, content: Path) -> Series:
    """The validated series of a series folder."""
    path = folder / SERIES_FILE
    refuse_outside(path, content)
    return load_series(path, register)


def refuse_outside(path: Path, content: Path) -> None:
    """A content file may not be a link to a place outside the content folder."""
    if path.exists() and not path.resolve().is_relative_to(content.resolve()):
        raise SourceError(
            path,
            0,
            "dit bestand verwijst (als snelkoppeling) naar een plek buiten de "
            "contentmap; zet het bestand zelf in de contentmap",
        )


def parse_session(source: Path, series: Series, register: Register) -> Session:
    """The model of one session source, given its (already validated) series."""
    split = split_front_matter(source, read_source(source))
    root = load_yaml(source, split.front_matter, split.front_matter_line, "de kopgegevens")
    if not isinstance(root, Mapping):
        raise SourceError(
            source,
            split.front_matter_line,
            "de kopgegevens moeten velden zijn ('titel: ...', 'nummer: ...', ...), "
            "elk op een eigen regel",
        )
    problems = Problems(source)
    fields.check_fields(root, _REQUIRED, _OPTIONAL, problems)
    get = root.entries.get

    title = fields.text(get("titel"), "titel", problems)
    number = fields.positive_number(get("nummer"), "nummer", problems)
    date = fields.date(get("datum"), "datum", problems)
    location = fields.text(get("locatie"), "locatie", problems)
    participants = _participants(get("deelnemers"), register, problems)
    host = None
    if host_key := fields.text(get("gastheer"), "gastheer", problems):
        host = register.lookup(host_key, get("gastheer").line, problems, "gastheer")
    speakers = _speakers(get("sprekers"), register, problems)
    focus = None
    if focus_text := fields.block_text(get("focus"), "focus", problems):
        focus = MarkdownReader(source, problems).inlines(focus_text, get("focus").line)
    body = parse_body(source, split.body, split.body_line, problems)
    problems.raise_if_any()
    location = typeset(location)

    return Session(
        slug=source.stem,
        title=typeset(title),
        number=number,
        date=date,
        date_text=dutch.long_date(date),
        location=location,
        host=host,
        opening_sentence=dutch.opening_sentence(
            date, location, host.short_name if host else None, number, series.theme
        ),
        focus=focus,
        series=series,
        participant_groups=_groups(participants),
        speakers=speakers,
        body=body,
    )


def _participants(
    node: Node | None, register: Register, problems: Problems
) -> list[Organisation]:
    found: dict[str, Organisation] = {}
    lines: dict[str, int] = {}
    for item in fields.sequence(node, "deelnemers", problems) or []:
        key = fields.text(item, "deelnemers", problems)
        if key is None:
            continue
        if key in lines:
            problems.add(
                item.line,
                f"'{key}' staat twee keer in deelnemers (ook op regel {lines[key]})",
            )
            continue
        lines[key] = item.line
        organisation = register.lookup(key, item.line, problems, "deelnemers")
        if organisation:
            found[key] = organisation
    return list(found.values())


def _groups(organisations: list[Organisation]) -> list[ParticipantGroup]:
    """Organisations by kind (ministries first), alphabetical within each kind."""
    groups = []
    for kind in ORGANISATION_KINDS:
        members = sorted(
            (org for org in organisations if org.kind == kind),
            key=lambda org: org.name.casefold(),
        )
        if members:
            groups.append(
                ParticipantGroup(title=dutch.KIND_LABELS[kind], organisations=members)
            )
    return groups


def _speakers(node: Node | None, register: Register, problems: Problems) -> list[Speaker]:
    if node is None:
        return []
    speakers = []
    for item in fields.sequence(node, "sprekers", problems) or []:
        entry = fields.mapping(item, "sprekers", problems)
        if entry is None:
            continue
        fields.check_fields(
            entry, _SPEAKER_REQUIRED, _SPEAKER_OPTIONAL, problems, where=" bij een spreker"
        )
        name = fields.text(entry.entries.get("naam"), "naam", problems)
        role = fields.text(entry.entries.get("functie"), "functie", problems)
        organisation = fields.text(
            entry.entries.get("organisatie"), "organisatie", problems
        )
        if name is None:
            continue
        speakers.append(
            Speaker(
                name=typeset(name),
                role=typeset(role) if role else None,
                organisation=_organisation_name(
                    organisation, entry.entries.get("organisatie"), register, problems
                ),
            )
        )
    return speakers


def _organisation_name(
    value: str | None, node: Node | None, register: Register, problems: Problems
) -> str | None:
    """A register key becomes the full name; other text is kept as written.

    A single word that is nearly a key (``Overijsel``) is taken for a typing error.
    """
    if value is None:
        return None
    by_key = {key.casefold(): org for key, org in register.organisations.items()}
    if value.casefold() in by_key:
        return by_key[value.casefold()].name
    if " " not in value:
        near = difflib.get_close_matches(
            value, list(register.organisations), n=1, cutoff=0.8
        )
        if near:
            problems.add(
                node.line,
                f"organisatie '{fields.shown(value)}' van een spreker — bedoelt u "
                f"'{near[0]}'? Schrijf de sleutel uit het register precies, of de "
                "volledige naam",
            )
    return typeset(value)


def model_json(session: Session, source: Path) -> bytes:
    """The model as JSON, checked to read back as the same model the renderers get."""
    try:
        data = session.model_dump_json(indent=1).encode("utf-8")
        if Session.model_validate_json(data) != session:
            raise ValueError("the model does not survive JSON")
    except (RecursionError, ValueError):
        raise SourceError(
            source,
            0,
            "de tekst is te ingewikkeld opgebouwd om te verwerken; maak lijsten, "
            "citaten en opmaak eenvoudiger",
        ) from None
    return data
