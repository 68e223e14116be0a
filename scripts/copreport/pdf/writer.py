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

import weasyprint

from ..atomic import write_bytes
from ..errors import RenderError
from ..html import render_html
from ..html.document import GENERATOR, TEMPLATES
from ..limits import TimeLimitExceeded, time_limit
from ..model import Organisation, Session
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
    _require_font(FONT)
    _fix_font_timestamps(session)
    logos = {
        _logo_url(org): (org.logo.data, org.logo.media_type)
        for org in session.participants
        if org.logo
    }
    fetcher = FolderFetcher([templates], logos)
    html = render_html(session, logo_url=_logo_url, templates=templates)
    packet = xmp_packet(session, GENERATOR)

    def replace_metadata(document: weasyprint.Document, pdf: object) -> None:
        number = int(pdf.catalog["Metadata"].split()[0])
        stream = pdf.objects[number]
        stream.stream = [packet]
        stream.compress = False

    with _weasyprint_problems() as problems:
        try:
            with time_limit(MAX_SECONDS):
                document = weasyprint.HTML(
                    string=html, base_url=str(templates), url_fetcher=fetcher
                ).render(pdf_variant=PDF_VARIANT)
                data = document.write_pdf(
                    pdf_variant=PDF_VARIANT,
                    finisher=replace_metadata,
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


def _logo_url(organisation: Organisation) -> str:
    """The name under which the fetcher serves a logo from the model (no real file)."""
    return f"file:///logo-uit-het-model/{organisation.key}.{organisation.logo.kind}"


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


def _fix_font_timestamps(session: Session) -> None:
    """Font subsets carry a timestamp; pin it to the session date for identical files."""
    os.environ["SOURCE_DATE_EPOCH"] = str(int(session.timestamp.timestamp()))


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
