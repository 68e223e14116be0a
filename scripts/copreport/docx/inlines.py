"""Inline content as Word runs: character styles, not manual formatting."""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ..model import Code, Emphasis, Inline, LineBreak, Link, Strong, Text
from .styles import style_run


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
    style_run(run, styles[-1])
    if "Strong" in styles[:-1]:
        run.bold = True
    if "Emphasis" in styles[:-1]:
        run.italic = True


def bookmark_name(anchor: str) -> str:
    """A Word bookmark for an outline anchor (letters, digits and ``_`` only)."""
    return anchor.replace("-", "_")


def _hyperlink(paragraph: Paragraph, link: Link, styles: tuple[str, ...]) -> None:
    """A real Word hyperlink around the link's runs: to a web address (a relationship)
    or, for ``#anchor``, to a bookmark in the document (a cross-reference)."""
    hyperlink = OxmlElement("w:hyperlink")
    if link.href.startswith("#"):
        hyperlink.set(qn("w:anchor"), bookmark_name(link.href[1:]))
    else:
        relationship = paragraph.part.relate_to(
            link.href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True
        )
        hyperlink.set(qn("r:id"), relationship)
    hyperlink.set(qn("w:history"), "1")
    paragraph._p.append(hyperlink)
    marker = len(paragraph._p)
    add_inlines(paragraph, link.children, (*styles, "Hyperlink"))
    for run in list(paragraph._p)[marker:]:
        hyperlink.append(run)


def bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """Make the whole paragraph the target of a cross-reference named `name`."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), bookmark_name(name))
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    properties = paragraph._p.pPr
    if properties is not None:
        properties.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)
