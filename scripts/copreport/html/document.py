"""Rendering the session model through the Jinja2 templates under `templates/`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import jinja2

from ..dutch import EMPTY_CELL, LABELS, page_label_parts
from ..model import Organisation, Session

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
"""The project's templates: `report.html.j2`, `blocks.html.j2`, `report.css`."""

GENERATOR = "Verslagpijplijn Nationaal Netwerk Brede Welvaart"


def render_html(
    session: Session,
    logo_url: Callable[[Organisation], str],
    templates: Path = TEMPLATES,
) -> str:
    """The report as an HTML string with its stylesheet inlined.

    `logo_url` gives the URL under which an organisation's logo (from the model)
    appears: a name the PDF's fetcher serves from memory, or a data URL in the
    self-contained web page.
    """
    template = _environment(templates.resolve()).get_template("report.html.j2")
    return template.render(
        session=session,
        labels=LABELS,
        stylesheet=(templates / "report.css").read_text(encoding="utf-8"),
        generator=GENERATOR,
        logo_url=logo_url,
        empty_cell=EMPTY_CELL,
        page_label=page_label_parts(),
    )


@functools.cache
def _environment(templates: Path) -> jinja2.Environment:
    """One Jinja environment per templates folder: compiled once, reloaded when edited."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
        auto_reload=True,
    )
