"""Header and footer: the series title above, date and "Pagina X van Y" (fields) below."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section as WordSection
from docx.text.paragraph import Paragraph

from ..dutch import page_label_parts


def add_page_furniture(section: WordSection, header_text: str, footer_text: str) -> None:
    """Header on every page but the first (which has the title block); footer on all."""
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.style = "Header"
    header.add_run(header_text)
    for footer in (section.footer, section.first_page_footer):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = "Footer"
        _footer_line(paragraph, footer_text)


def _footer_line(paragraph: Paragraph, left: str) -> None:
    paragraph.add_run(left + "\t")
    before, middle, after = page_label_parts()
    paragraph.add_run(before)
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
