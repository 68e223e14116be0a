"""The report as a single HTML file for a website: stylesheet and images inlined.

It is the same document as the PDF (same template), so it needs no other file
and makes the reader's browser fetch nothing.
"""

from __future__ import annotations

import base64
from pathlib import Path

from ..atomic import write_bytes
from ..html import render_html
from ..html.document import TEMPLATES
from ..model import Session
from ..outline import Outline, build_outline
from ..outline.nodes import Image


def render_web(session: Session, target: Path, templates: Path = TEMPLATES) -> None:
    """Write the session's report as a web page to `target` (atomically)."""
    write_bytes(target, web_page(session, templates).encode("utf-8"))


def web_page(session: Session, templates: Path = TEMPLATES) -> str:
    """The web page as text."""
    return outline_page(build_outline(session), templates)


def outline_page(outline: Outline, templates: Path = TEMPLATES) -> str:
    """Any outline as a self-contained web page."""
    return render_html(outline, image_url=data_url, templates=templates)


def data_url(image: Image) -> str:
    """A logo as a data URL, so that the page carries its own images."""
    encoded = base64.b64encode(image.logo.data).decode("ascii")
    return f"data:{image.logo.media_type};base64,{encoded}"
