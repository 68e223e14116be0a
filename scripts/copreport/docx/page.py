"""Header and footer: the series and date above (not on page 1), "Pagina X van Y" below,
and for a draft, CONCEPT at the top of every page."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section as WordSection
from docx.text.paragraph import Paragraph

from ..outline.nodes import Running


def add_page_furniture(section: WordSection, running: Running) -> None:
    """Header on every page but the first (which has the title block); footer on all."""
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    if running.draft_mark:
        _draft_mark(header, running.draft_mark)
        header = section.header.add_paragraph()
    header.style = "Header"
    header.add_run(f"{running.header}\t{running.header_right}")
    first = section.first_page_header
    first.is_linked_to_previous = False
    if running.draft_mark:
        _draft_mark(first.paragraphs[0], running.draft_mark)
    for footer in (section.footer, section.first_page_footer):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = "Footer"
        _page_line(paragraph, running.page_label)


def _draft_mark(paragraph: Paragraph, mark: str) -> None:
    paragraph.style = "Conceptmarkering"
    paragraph.add_run(mark)


def _page_line(paragraph: Paragraph, label: tuple[str, str, str]) -> None:
    before, middle, after = label
    paragraph.add_run("\t" + before)
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(middle)
    _field(paragraph, "NUMPAGES", "1")
    if after:
        paragraph.add_run(after)


def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A simple field (PAGE, NUMPAGES) that Word and LibreOffice fill in."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
