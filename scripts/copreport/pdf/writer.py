"""HTML to PDF with WeasyPrint: archivable, accessible, reproducible and contained.

Any warning WeasyPrint logs (a missing font, an image it could not read, a
missing alt text under PDF/UA) fails the render: a report that looks finished
but is not is worse than none.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pydyf
import weasyprint

from ..atomic import write_bytes
from ..errors import RenderError
from ..html import render_html
from ..html.document import GENERATOR, TEMPLATES
from ..limits import TimeLimitExceeded, time_limit
from ..model import Session
from ..outline import Outline, build_outline
from ..outline.nodes import Image
from .fetcher import FolderFetcher, RefusedResource
from .xmp import xmp_packet

PDF_VARIANT = "pdf/a-2a"
"""PDF/A-2 level a (tagged); PDF/UA-1 is claimed on top through the XMP packet."""

MAX_SECONDS = 120
"""A report takes about a second; a render that runs this long will not finish."""

FONT = "Carlito"
"""The house font (see templates/report.css); fontconfig would silently replace it."""


def render_pdf(session: Session, target: Path, templates: Path = TEMPLATES) -> None:
    """Write the session's report to `target` (atomically)."""
    write_bytes(target, pdf_bytes(session, templates))


def pdf_bytes(session: Session, templates: Path = TEMPLATES) -> bytes:
    """The session's report as PDF bytes."""
    return outline_pdf(build_outline(session), templates)


def outline_pdf(outline: Outline, templates: Path = TEMPLATES) -> bytes:
    """Any outline (a session report, a series overview, the index) as PDF bytes."""
    _require_font(FONT)
    _fix_font_timestamps(outline.properties.created)
    logos = {
        _image_url(image): (image.logo.data, image.logo.media_type)
        for image in _images(outline)
    }
    fetcher = FolderFetcher([templates], logos)
    html = render_html(outline, image_url=_image_url, templates=templates)
    packet = xmp_packet(outline.properties, GENERATOR)

    def finish(document: weasyprint.Document, pdf: object) -> None:
        number = int(pdf.catalog["Metadata"].split()[0])
        stream = pdf.objects[number]
        stream.stream = [packet]
        stream.compress = False
        scope_table_headers(pdf)

    with _weasyprint_problems() as problems:
        try:
            with time_limit(MAX_SECONDS):
                document = weasyprint.HTML(
                    string=html, base_url=str(templates), url_fetcher=fetcher
                ).render(pdf_variant=PDF_VARIANT)
                data = document.write_pdf(
                    pdf_variant=PDF_VARIANT,
                    finisher=finish,
                )
        except TimeLimitExceeded:
            raise RenderError(
                f"de PDF was na {MAX_SECONDS} seconden nog niet klaar; kijk naar zeer "
                "grote tabellen of ingewikkelde SVG-logo's"
            ) from None
        except RefusedResource as refused:
            raise RenderError(
                f"de PDF vraagt om {refused.url} ({refused.reason}); de PDF is niet "
                "gemaakt. Alleen bestanden uit templates/ en de logo's uit het register "
                "mogen erin."
            ) from None
    if problems:
        raise RenderError(
            "WeasyPrint meldde problemen, de PDF is niet gemaakt:\n  "
            + "\n  ".join(_in_dutch(problem) for problem in problems)
        )
    return data


def scope_table_headers(pdf: object) -> None:
    """Give every table header cell its scope (PDF/UA, Matterhorn 15-003).

    WeasyPrint links data cells to their headers but leaves the headers' own scope
    out; every table of a report has one header row, so each is a column header.
    """
    for item in pdf.objects:
        if isinstance(item, pydyf.Dictionary) and item.get("S") == "/TH":
            attributes = item.get("A")
            if not isinstance(attributes, pydyf.Dictionary):
                attributes = item["A"] = pydyf.Dictionary({"O": "/Table"})
            attributes["Scope"] = "/Column"


_KNOWN_PROBLEMS = (
    ("Failed to render SVG image", "een SVG-afbeelding kon niet worden getekend"),
    ("Failed to load image", "een afbeelding kon niet worden geladen"),
    ("Ignored", "een regel in het stijlblad (templates/report.css) is ongeldig"),
    ("Missing alt", "een afbeelding heeft geen alternatieve tekst"),
)


def _in_dutch(problem: str) -> str:
    """A WeasyPrint log message with a Dutch explanation in front of it."""
    for english, dutch in _KNOWN_PROBLEMS:
        if english.lower() in problem.lower():
            return f"{dutch} ({problem})"
    return f"melding van WeasyPrint: {problem}"


def _image_url(image: Image) -> str:
    """The name under which the fetcher serves a logo from the model (no real file)."""
    return f"file:///logo-uit-het-model/{image.name}.{image.logo.kind}"


def _images(outline: Outline) -> list[Image]:
    """Every logo the report shows."""
    images = list(outline.title_block.logos)
    for section in outline.sections:
        for part in section.parts:
            images += [e.image for e in getattr(part, "entries", []) if e.image]
            if getattr(part, "kind", "") == "figure":
                images.append(part.image)
    return images


@functools.cache
def _require_font(family: str) -> None:
    """Refuse to render with a stand-in font: fontconfig never says it substitutes."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return  # no fontconfig tools: WeasyPrint's own check (a warning) still applies
    found = subprocess.run(
        [fc_list, family, "family"], capture_output=True, text=True, check=False
    ).stdout
    if family.lower() not in found.lower():
        raise RenderError(
            f"het lettertype {family} is niet geïnstalleerd; draai ./build.sh (dat "
            "installeert fonts-crosextra-carlito) of installeer het pakket zelf"
        )


def _fix_font_timestamps(moment) -> None:
    """Font subsets carry a timestamp; pin it to the document's date for identical files."""
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))


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
