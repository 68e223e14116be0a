"""Rendering the session model through the Jinja2 templates under `templates/`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2

from ..dutch import LABELS
from ..model import Session

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
"""The project's templates: `report.html.j2`, `blocks.html.j2`, `report.css`."""

GENERATOR = "Verslagpijplijn Nationaal Netwerk Brede Welvaart"


def render_html(
    session: Session,
    asset_url: Callable[[str], str],
    templates: Path = TEMPLATES,
) -> str:
    """The report as an HTML string with its stylesheet inlined.

    `asset_url` turns an asset's absolute path (a logo) into the URL the HTML
    uses: a file URL for WeasyPrint, a data URL for the self-contained web page.
    """
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    template = environment.get_template("report.html.j2")
    return template.render(
        session=session,
        labels=LABELS,
        stylesheet=(templates / "report.css").read_text(encoding="utf-8"),
        generator=GENERATOR,
        asset_url=asset_url,
    )
