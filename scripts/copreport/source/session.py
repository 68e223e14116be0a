"""One session source (`<reeks>/<sessie>.md`) with its series and register: the model."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from ..dutch.fields import SESSION
from ..errors import Problems, SourceError
from ..model import Series, Session, SessionReference
from . import scan
from .body import parse_body
from .frontmatter import split_front_matter
from .mdblocks import MarkdownReader
from .placeholders import check_placeholders
from .record import Context, read_record
from .register import REGISTER_FILE, Register, load_register
from .series import SERIES_FILE, load_series
from .text import read_source
from .yamlnodes import Mapping, load_yaml


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
    return load_series(path, register, content)


def refuse_outside(path: Path, content: Path) -> None:
    """A content file may not be a link to a place outside the content folder."""
    if path.exists() and not path.resolve().is_relative_to(content.resolve()):
        raise SourceError(
            path,
            0,
            "dit bestand verwijst (als snelkoppeling) naar een plek buiten de "
            "contentmap; zet het bestand zelf in de contentmap",
        )


def parse_session(
    source: Path,
    series: Series,
    register: Register,
    neighbours: dict[str, dict | None] | None = None,
    taken: dict[str, str] | None = None,
) -> Session:
    """The model of one session source, given its (already validated) series.

    `neighbours` are the sessions before and after it in the series and `taken`
    the numbers the other sessions use (number: file name), both as planned (see
    `scan`); without them, the series folder is scanned.
    """
    text = read_source(source)
    problems = Problems(source)
    check_placeholders(text, problems)
    split = split_front_matter(source, text)
    root = load_yaml(source, split.front_matter, split.front_matter_line, "de kopgegevens")
    if not isinstance(root, Mapping):
        problems.raise_if_any()
        raise SourceError(
            source,
            split.front_matter_line,
            "de kopgegevens moeten velden zijn ('titel: ...', 'nummer: ...', ...), "
            "elk op een eigen regel",
        )
    context = Context(source, problems, MarkdownReader(source, problems), register=register)
    values = read_record(root, SESSION, context)
    if taken is None:
        taken = json.loads(scan.numbers(_series_facts(source), source.stem))
    number = values.get("number")
    if number is not None and str(number) in taken:
        problems.add(
            root.key_lines["nummer"],
            f"nummer {number} wordt in deze reeks ook gebruikt door {taken[str(number)]}; "
            "geef elke bijeenkomst van een reeks een eigen nummer",
        )
    body = parse_body(source, split.body, split.body_line, problems)
    drawn_up, day = values.get("edited"), values.get("date")
    if drawn_up and day and drawn_up < day:
        problems.add(
            root.key_lines["opgemaakt"],
            f"'opgemaakt' ({drawn_up.isoformat()}) ligt vóór de bijeenkomst "
            f"({day.isoformat()}); een verslag wordt na de bijeenkomst opgemaakt",
        )
    problems.raise_if_any()
    if neighbours is None:
        neighbours = json.loads(scan.neighbours(_series_facts(source), source.stem))
    if series.organiser is not None:  # named as on the day of this session
        organiser = register.on(series.organiser.key, values["date"])
        series = series.model_copy(update={"organiser": organiser})
    return Session(
        slug=source.stem,
        series=series,
        body=body,
        previous=_reference(neighbours.get("previous")),
        following=_reference(neighbours.get("following")),
        **values,
    )


def date_note(source: Path, date: dt.date) -> str | None:
    """A warning when the file name starts with another date than the session's."""
    prefix = source.name[:10]
    try:
        named = dt.date.fromisoformat(prefix)
    except ValueError:
        return None
    if named == date:
        return None
    return (
        f"de bestandsnaam begint met {prefix}, maar 'datum' is {date.isoformat()}; "
        "klopt de datum (of is het bestand gekopieerd van een andere bijeenkomst)?"
    )


def _series_facts(source: Path) -> dict:
    folder = source.parent
    slugs = [path.stem for path in sorted(folder.glob("*.md"))]
    return scan.series_facts(folder, slugs)


def _reference(raw: dict | None) -> SessionReference | None:
    if not raw:
        return None
    return SessionReference(
        number=raw["number"], title=raw["title"], date=dt.date.fromisoformat(raw["date"])
    )


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
