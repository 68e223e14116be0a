"""Checking the house-style templates before any report is rendered with them.

A user edits `templates/stijl.docx` in Word or the HTML templates and stylesheet
by hand. Before a build renders reports with them, the templates are checked:
every Word style the reports use must be there (all missing ones are named at
once), and a small sample report that uses every part of a report must render
in every format without a problem. A broken template gets one Dutch message
naming the file, instead of an internal error in every report.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import SourceError

WORD_STYLES = (
    "Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3",
    "Heading 4", "Heading 5", "Netwerk", "Motto", "Sessiegegevens", "Inleidende zin",
    "Centrale vraag kop", "Centrale vraag", "Stellingkop", "Stelling", "Stellingpunt",
    "Conclusie", "Uitkomst", "Deelnemer", "Colofon", "Conceptmarkering",
    "List Paragraph", "List Bullet", "List Number", "Quote", "Codeblok",
    "Tabeltekst", "Header", "Footer", "Hyperlink", "Strong", "Emphasis", "Broncode",
    "Verslagtabel",
)  # fmt: skip
"""Every style the Word writer uses (paragraph, character and table styles)."""
LIST_STYLES = ("List Bullet", "List Number", "Stellingpunt")


def check_word(template: Path) -> None:
    """Refuse a Word template that lacks a style or cannot make the sample report."""
    import docx

    from .docx.writer import docx_bytes
    from .warmup import sample_session

    try:
        document = docx.Document(str(template))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise SourceError(
            template,
            0,
            "dit is geen leesbaar Word-bestand; sla het in Word op als "
            "'Word-document (.docx)' of zet de versie uit git terug",
        ) from None
    names = {style.name for style in document.styles}
    missing = [name for name in WORD_STYLES if name not in names]
    if missing:
        raise SourceError(
            template,
            0,
            f"de stijl{'en' if len(missing) > 1 else ''} "
            f"{', '.join(repr(m) for m in missing)} ontbreken; de Word-verslagen "
            "gebruiken ze. Zet ze terug (Start > Stijlen) of zet de versie uit git terug",
        )
    for name in LIST_STYLES:
        properties = document.styles[name].element.pPr
        if properties is None or properties.numPr is None:
            raise SourceError(
                template,
                0,
                f"de stijl '{name}' is geen lijststijl meer (hij heeft geen "
                "opsommingsteken of nummering); geef hem in Word weer een lijst",
            )
    try:
        docx_bytes(sample_session(), template)
    except Exception as error:
        raise SourceError(
            template,
            0,
            f"hiermee kan geen Word-verslag worden gemaakt ({type(error).__name__}); "
            "zet de versie uit git terug en pas de stijlen daarin aan",
        ) from None


def check_html(templates: Path, pdf: bool) -> None:
    """Refuse HTML templates or a stylesheet that cannot make the sample report (as a
    web page, and with `pdf` as a PDF as well)."""
    import jinja2

    from .errors import RenderError
    from .pdf.writer import pdf_bytes
    from .warmup import sample_session
    from .web.page import web_page

    session = sample_session()
    try:
        web_page(session, templates)
        if pdf:
            pdf_bytes(session, templates)
    except jinja2.TemplateSyntaxError as error:
        raise SourceError(
            templates / (error.name or "report.html.j2"),
            error.lineno or 0,
            "het sjabloon kan hier niet worden gelezen; kijk of elke {{ ... }} en "
            "{% ... %} op deze regel goed is afgesloten",
        ) from None
    except jinja2.TemplateError as error:
        raise SourceError(
            templates / "report.html.j2",
            0,
            f"een sjabloon gebruikt iets dat niet bestaat ({type(error).__name__}); zet "
            "de versie uit git terug",
        ) from None
    except RenderError as error:
        raise SourceError(
            templates / "report.css",
            0,
            f"met de sjablonen en het stijlblad kan geen PDF worden gemaakt: {error}",
        ) from None
