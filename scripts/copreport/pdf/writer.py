"""HTML to PDF with WeasyPrint: archivable, accessible, reproducible and contained.

Any warning WeasyPrint logs (a missing font, an image it could not read, a
missing alt text under PDF/UA) fails the render: a report that looks finished
but is not is worse than none.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import weasyprint

from ..atomic import write_bytes
from ..errors import RenderError
from ..html import render_html
from ..html.document import GENERATOR, TEMPLATES
from ..model import Session
from .fetcher import FolderFetcher, RefusedResource
from .xmp import xmp_packet

PDF_VARIANT = "pdf/a-2a"
"""PDF/A-2 level a (tagged); PDF/UA-1 is claimed on top through the XMP packet."""


def render_pdf(session: Session, target: Path, templates: Path = TEMPLATES) -> None:
    """Write the session's report to `target` (atomically)."""
    write_bytes(target, pdf_bytes(session, templates))


def pdf_bytes(session: Session, templates: Path = TEMPLATES) -> bytes:
    """The session's report as PDF bytes."""
    logos = [Path(org.logo) for org in session.participants if org.logo]
    fetcher = FolderFetcher([templates, *logos])
    html = render_html(
        session, asset_url=lambda path: Path(path).as_uri(), templates=templates
    )
    packet = xmp_packet(session, GENERATOR)

    def replace_metadata(document: weasyprint.Document, pdf: object) -> None:
        number = int(pdf.catalog["Metadata"].split()[0])
        stream = pdf.objects[number]
        stream.stream = [packet]
        stream.compress = False

    with _weasyprint_problems() as problems:
        try:
            document = weasyprint.HTML(
                string=html, base_url=str(templates), url_fetcher=fetcher
            ).render(pdf_variant=PDF_VARIANT)
            data = document.write_pdf(
                pdf_variant=PDF_VARIANT,
                finisher=replace_metadata,
            )
        except RefusedResource as refused:
            raise RenderError(
                f"de PDF vraagt om een bestand buiten de toegestane mappen "
                f"({refused.url}); dat wordt geweigerd"
            ) from None
    if problems:
        raise RenderError(
            "WeasyPrint meldde problemen, de PDF is niet gemaakt:\n  "
            + "\n  ".join(problems)
        )
    return data


@contextmanager
def _weasyprint_problems() -> Iterator[list[str]]:
    """Collect every warning and error WeasyPrint logs while the block runs."""
    problems: list[str] = []

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            problems.append(record.getMessage())

    logger = logging.getLogger("weasyprint")
    handler = Collector(level=logging.WARNING)
    logger.addHandler(handler)
    try:
        yield problems
    finally:
        logger.removeHandler(handler)
