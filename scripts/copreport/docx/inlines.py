"""Inline content as Word runs: character styles, not manual formatting."""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ..model import Code, Emphasis, Inline, LineBreak, Link, Strong, Text


def add_inlines(
    paragraph: Paragraph, inlines: list[Inline], styles: tuple[str, ...] = ()
) -> None:
    """Append `inlines` to `paragraph`; nested emphasis becomes combined styles."""
    for node in inlines:
        if isinstance(node, Text):
            _run(paragraph, node.text, styles)
        elif isinstance(node, Code):
            _run(paragraph, node.text, (*styles, "Broncode"))
        elif isinstance(node, Strong):
            add_inlines(paragraph, node.children, (*styles, "Strong"))
        elif isinstance(node, Emphasis):
            add_inlines(paragraph, node.children, (*styles, "Emphasis"))
        elif isinstance(node, LineBreak):
            paragraph.add_run().add_break()
        elif isinstance(node, Link):
            _hyperlink(paragraph, node, styles)


def _run(paragraph: Paragraph, text: str, styles: tuple[str, ...]) -> None:
    """A run with the innermost character style; outer ones as their run property."""
    run = paragraph.add_run(text)
    if not styles:
        return
    run.style = styles[-1]
    if "Strong" in styles[:-1]:
        run.bold = True
    if "Emphasis" in styles[:-1]:
        run.italic = True


def _hyperlink(paragraph: Paragraph, link: Link, styles: tuple[str, ...]) -> None:
    """A real Word hyperlink (relationship + w:hyperlink) around the link's runs."""
    relationship = paragraph.part.relate_to(
        link.href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True
    )
    hyperlink = OxmlElement("w:hyperlink")
    hyperlink.set(qn("r:id"), relationship)
    hyperlink.set(qn("w:history"), "1")
    paragraph._p.append(hyperlink)
    marker = len(paragraph._p)
    add_inlines(paragraph, link.children, (*styles, "Hyperlink"))
    for run in list(paragraph._p)[marker:]:
        hyperlink.append(run)
