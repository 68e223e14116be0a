"""The outline as one HTML document, through the Jinja2 templates under `templates/`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import jinja2

from .. import dutch
from ..outline import Outline
from ..outline.nodes import Image

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
"""The project's templates: `report.html.j2`, `blocks.html.j2`, `report.css`."""

GENERATOR = "Verslagpijplijn Nationaal Netwerk Brede Welvaart"


def render_html(
    outline: Outline,
    image_url: Callable[[Image], str],
    templates: Path = TEMPLATES,
) -> str:
    """The report as an HTML string with its stylesheet inlined.

    `image_url` gives the URL under which a logo (from the model) appears: a name
    the PDF's fetcher serves from memory, or a data URL in the web page.
    """
    template = _environment(templates.resolve()).get_template("report.html.j2")
    return template.render(
        outline=outline,
        stylesheet=(templates / "report.css").read_text(encoding="utf-8"),
        generator=GENERATOR,
        image_url=image_url,
        draft_note=dutch.draft_status(),
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
