"""The Word report: the same sections, in the same order, as the HTML template.

Only styles from `templates/stijl.docx` are used (no manual formatting), so a
user who changes a style there in Word changes every report.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length
from docx.table import Table as WordTable

from ..atomic import write_bytes
from ..dutch import EMPTY_CELL, KIND_LABELS, LABELS
from ..model import (
    Block,
    CodeBlock,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Quote,
    Session,
    Stelling,
    Table,
    Text,
)
from .inlines import add_inlines
from .lists import ListNumbering, set_numbering
from .package import reproducible, set_properties
from .page import add_page_furniture

TEMPLATE = Path(__file__).resolve().parents[3] / "templates" / "stijl.docx"
TEXT_WIDTH = Cm(16.4)
LIST_INDENT_TWIPS = 360
"""Indentation per list level, as in the template's numbering definitions."""


def render_docx(session: Session, target: Path, template: Path = TEMPLATE) -> list[str]:
    """Write the session's Word report to `target` (atomically); return notes for the user."""
    data, notes = build_docx(session, template)
    write_bytes(target, data)
    return notes


def docx_bytes(session: Session, template: Path = TEMPLATE) -> bytes:
    """The session's Word report as bytes; the same session gives the same bytes."""
    return build_docx(session, template)[0]


def build_docx(session: Session, template: Path = TEMPLATE) -> tuple[bytes, list[str]]:
    """The Word report and what the user should know about it (left-out logos)."""
    document = docx.Document(str(template))
    writer = _Writer(document)
    writer.write(session)
    set_properties(document, session)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible(buffer.getvalue(), session), writer.notes


class _Writer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.lists = ListNumbering(document)
        self.notes: list[str] = []

    def paragraph(self, style: str, inlines: list[Inline] | None = None, text: str = ""):
        paragraph = self.document.add_paragraph(style=style)
        if inlines:
            add_inlines(paragraph, inlines)
        elif text:
            paragraph.add_run(text)
        return paragraph

    # --- the report, top to bottom -------------------------------------------

    def write(self, session: Session) -> None:
        series = session.series
        add_page_furniture(
            self.document.sections[0],
            header_text=session.series_heading,
            footer_text=session.meta_line,
        )
        self.paragraph("Netwerk", text=series.network)
        if series.motto:
            self.paragraph("Motto", text=series.motto)
        self.paragraph("Subtitle", text=session.series_heading)
        self.paragraph("Title", text=session.title)
        self.paragraph("Sessiegegevens", text=session.meta_line)
        self.paragraph("Inleidende zin", text=session.opening_sentence)

        self.paragraph("Heading 1", text=LABELS["introduction"])
        self.blocks(series.introduction)
        self.paragraph("Centrale vraag kop", text=LABELS["central_question"])
        self.paragraph("Centrale vraag", series.central_question)
        if series.lines_sentence:
            self.paragraph("Normal", text=series.lines_sentence)

        if session.focus:
            self.paragraph("Heading 1", text=LABELS["focus"])
            self.paragraph("Normal", session.focus)

        for part in session.body:
            if isinstance(part, Stelling):
                self.stelling(part)
            else:
                if part.title:
                    self.paragraph("Heading 1", text=part.title)
                self.blocks(part.blocks)

        if session.stellingen:
            self.summary(session)
        self.participants(session)

    def stelling(self, stelling: Stelling) -> None:
        self.paragraph("Stellingkop", text=stelling.heading)
        self.paragraph("Stelling", stelling.statement)
        self.blocks(stelling.blocks, points=True)

    def summary(self, session: Session) -> None:
        self.paragraph("Heading 1", text=LABELS["summary"])
        rows = [
            [[Text(text=str(s.number))], [Text(text=s.label or EMPTY_CELL)], s.statement]
            for s in session.stellingen
        ]
        header = [
            LABELS["summary_number"],
            LABELS["summary_label"],
            LABELS["summary_statement"],
        ]
        table = self.table(header, rows, widths=(Cm(1.2), Cm(3.0), Cm(12.2)))
        for row in table.rows:
            row.cells[0].paragraphs[0].style = "Tabelgetal"

    def participants(self, session: Session) -> None:
        self.paragraph("Heading 1", text=LABELS["participants"])
        self.paragraph("Heading 2", text=LABELS["organisations"])
        rows = [
            [[Text(text=org.name)], [Text(text=KIND_LABELS[org.kind])]]
            for org in session.participants
        ]
        table = self.table(
            [LABELS["organisation"], LABELS["kind"]], rows, widths=(Cm(12.4), Cm(4.0))
        )
        for row, org in zip(table.rows[1:], session.participants, strict=True):
            if org.logo and org.logo.kind == "png":
                self.logo(row.cells[0].paragraphs[0], org.logo.data, org.name)
            elif org.logo:
                self.notes.append(
                    f"het logo van {org.name} is een SVG-bestand en staat daarom niet in "
                    "het Word-bestand (wel in de PDF en de webversie); geef in "
                    "organisaties.yaml een PNG-versie op als het ook in Word moet staan"
                )
        if session.speakers:
            self.paragraph("Heading 2", text=LABELS["speakers"])
            rows = [
                [
                    [Text(text=speaker.name)],
                    [Text(text=speaker.role or EMPTY_CELL)],
                    [Text(text=speaker.organisation or EMPTY_CELL)],
                ]
                for speaker in session.speakers
            ]
            self.table(
                [LABELS["speaker"], LABELS["role"], LABELS["organisation"]],
                rows,
                widths=(Cm(4.4), Cm(6.0), Cm(6.0)),
            )
        organiser = session.series.organiser
        if organiser:
            self.paragraph("Heading 2", text=LABELS["organiser"])
            self.paragraph("Normal", text=organiser.name)

    # --- building blocks -------------------------------------------------------

    def blocks(self, blocks: list[Block], points: bool = False, level: int = 0) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                self.paragraph("Normal", block.inlines)
            elif isinstance(block, Heading):
                self.paragraph(f"Heading {min(block.level - 1, 6)}", block.inlines)
            elif isinstance(block, ListBlock):
                self.list_block(block, points, level)
            elif isinstance(block, Quote):
                for inner in block.blocks:
                    if isinstance(inner, Paragraph):
                        self.paragraph("Quote", inner.inlines)
                    else:
                        self.blocks([inner], level=level)
            elif isinstance(block, CodeBlock):
                self.paragraph("Codeblok", text=block.text)
            elif isinstance(block, Table):
                self.table(
                    [cell for cell in block.header],
                    block.rows,
                    widths=None,
                )

    def list_block(self, block: ListBlock, points: bool, level: int) -> None:
        if block.ordered:
            style = "List Number"
        else:
            style = "Stellingpunt" if points else "List Bullet"
        num_id = self.lists.new_list(style, block.start if block.ordered else 1, level)
        for item in block.items:
            first = True
            for inner in item.blocks:
                if isinstance(inner, ListBlock):
                    self.list_block(inner, points, level + 1)
                elif first and isinstance(inner, Paragraph):
                    paragraph = self.paragraph(style, inner.inlines)
                    set_numbering(paragraph, num_id, level)
                    first = False
                elif isinstance(inner, Paragraph):
                    paragraph = self.paragraph("List Paragraph", inner.inlines)
                    indent = LIST_INDENT_TWIPS * (level + 1) + 17
                    paragraph.paragraph_format.left_indent = Cm(indent / 567)
                else:
                    self.blocks([inner], points, level + 1)

    def table(
        self,
        header: list[str] | list[list[Inline]],
        rows: list[list[list[Inline]]],
        widths: tuple[Length, ...] | None,
    ) -> WordTable:
        table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        table.style = "Verslagtabel"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        _repeat_header(table)
        for cell, value in zip(table.rows[0].cells, header, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.style = "Tabeltekst"
            if isinstance(value, str):
                paragraph.add_run(value)
            else:
                add_inlines(paragraph, value)
        for row, values in zip(table.rows[1:], rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                paragraph = cell.paragraphs[0]
                paragraph.style = "Tabeltekst"
                add_inlines(paragraph, value)
        _keep_together(table)
        widths = widths or _equal_widths(len(header))
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        return table

    def logo(self, paragraph, png: bytes, name: str) -> None:
        """The organisation's logo on a line above its name, with the name as alt text.

        (On its own line, the names of organisations with and without a logo start
        at the same place.)
        """
        picture = paragraph.add_run()
        shape = picture.add_picture(io.BytesIO(png), height=Cm(0.8))
        shape._inline.docPr.set("descr", name)
        picture.add_break()
        paragraph.runs[0]._r.addprevious(picture._r)


def _keep_together(table: WordTable, most_rows: int = 12) -> None:
    """Rows never split over pages; a short table moves to the next page whole."""
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index < len(table.rows) - 1 and len(table.rows) <= most_rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _equal_widths(count: int) -> tuple[Length, ...]:
    return tuple(Length(int(TEXT_WIDTH / count)) for _ in range(count))


def _repeat_header(table: WordTable) -> None:
    """Mark the first row as a header row that Word repeats on every page."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
