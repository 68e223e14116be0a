"""The Word report: the outline laid out with the styles of `templates/stijl.docx`.

Only styles from the template are used (no manual formatting), so a user who
changes a style there in Word changes every report. Every part of the outline
has one method here, as it has one macro in the HTML template.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.table import Table as WordTable

from ..atomic import write_bytes
from ..model import (
    Block,
    CodeBlock,
    Emphasis,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Quote,
    Session,
    Strong,
    Table,
    Text,
)
from ..outline import Outline, build_outline
from ..outline import nodes as part
from .inlines import add_inlines, bookmark
from .lists import ListNumbering, set_numbering
from .package import declare_current_word, reproducible, set_properties
from .page import add_page_furniture
from .styles import style_paragraph

TEMPLATE = Path(__file__).resolve().parents[3] / "templates" / "stijl.docx"
TEXT_WIDTH = Cm(16.4)
LIST_INDENT_TWIPS = 360
"""Indentation per list level, as in the template's numbering definitions."""
SVG_NOTE = (
    "het logo van {name} is een SVG-bestand en staat daarom niet in het Word-bestand "
    "(wel in de PDF en de webversie); geef een PNG-versie op als het ook in Word moet "
    "staan"
)


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
    return outline_docx(build_outline(session), template)


def outline_docx(outline: Outline, template: Path = TEMPLATE) -> tuple[bytes, list[str]]:
    """Any outline as a Word file, and notes for the user."""
    document = docx.Document(str(template))
    writer = _Writer(document)
    writer.write(outline)
    set_properties(document, outline.properties)
    declare_current_word(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible(buffer.getvalue(), outline.properties), writer.notes


class _Writer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.lists = ListNumbering(document)
        self.notes: list[str] = []
        self.bookmarks = 0

    def paragraph(self, style: str, inlines: list[Inline] | None = None, text: str = ""):
        paragraph = self.document.add_paragraph()
        style_paragraph(paragraph, style)
        if inlines:
            add_inlines(paragraph, inlines)
        elif text:
            paragraph.add_run(text)
        return paragraph

    # --- the report, top to bottom -------------------------------------------

    def write(self, outline: Outline) -> None:
        add_page_furniture(self.document.sections[0], outline.running)
        block = outline.title_block
        if block.logos:
            self.logos(block.logos)
        self.paragraph("Netwerk", text=block.network)
        if block.motto:
            self.paragraph("Motto", text=block.motto)
        self.paragraph("Subtitle", text=block.series)
        self.paragraph("Title", text=block.title)
        self.paragraph("Sessiegegevens", text=block.meta)
        if outline.lead:
            self.paragraph("Inleidende zin", outline.lead)
        for section in outline.sections:
            self.section(section)

    def section(self, section: part.Section) -> None:
        if section.heading:
            style = "Stellingkop" if section.role == "stelling" else "Heading 1"
            heading = self.paragraph(style, text=section.heading)
            if section.anchor:
                self.bookmarks += 1
                bookmark(heading, section.anchor, self.bookmarks)
        for item in section.parts:
            getattr(self, f"part_{item.kind}")(item)

    # --- the parts of a section (one method per kind, as in blocks.html.j2) -----

    def part_prose(self, item: part.Prose) -> None:
        self.blocks(item.blocks)

    def part_sentence(self, item: part.Sentence) -> None:
        self.paragraph("Normal", item.inlines)

    def part_callout(self, item: part.Callout) -> None:
        self.paragraph("Centrale vraag kop", text=item.heading)
        self.paragraph("Centrale vraag", item.inlines)

    def part_statement(self, item: part.Statement) -> None:
        self.paragraph("Stelling", item.inlines)

    def part_points(self, item: part.Points) -> None:
        self.blocks(item.blocks, points=True)

    def part_conclusion(self, item: part.Conclusion) -> None:
        label = Strong(children=[Text(text=f"{item.label}:")])
        self.paragraph("Conclusie", [label, Text(text=" "), *item.inlines])

    def part_key_points(self, item: part.KeyPoints) -> None:
        from ..model import LineBreak, Link

        for point in item.items:
            link = Link(href=f"#{point.anchor}", children=[Text(text=point.reference)])
            self.paragraph(
                "Uitkomst", [Strong(children=[link]), LineBreak(), *point.inlines]
            )

    def part_group(self, item: part.Group) -> None:
        self.paragraph("Heading 2", text=item.heading)
        for entry in item.entries:
            paragraph = self.paragraph("Deelnemer", text=entry.text)
            if entry.image:
                self.logo(paragraph, entry.image, height=Cm(0.6), after_text=True)

    def part_figure(self, item: part.Figure) -> None:
        paragraph = self.paragraph("Normal")
        run = paragraph.add_run()
        width = min(Pt(item.width), TEXT_WIDTH)
        shape = run.add_picture(io.BytesIO(item.image.logo.data), width=width)
        shape._inline.docPr.set("descr", item.image.alt)
        self.paragraph("Normal", [Emphasis(children=[Text(text=item.caption)])])

    def part_facts(self, item: part.Facts) -> None:
        for fact in item.rows:
            label = Strong(children=[Text(text=fact.label)])
            self.paragraph("Colofon", [label, Text(text="\t"), *fact.inlines])

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
                self.table(block.header, block.rows)

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
        self, header: list[list[Inline]], rows: list[list[list[Inline]]]
    ) -> WordTable:
        table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        table.style = "Verslagtabel"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        _align_with_text(table)
        _repeat_header(table)
        for row, values in zip(table.rows, [header, *rows], strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                paragraph = cell.paragraphs[0]
                style_paragraph(paragraph, "Tabeltekst")
                add_inlines(paragraph, value)
        _keep_together(table)
        widths = _equal_widths(len(header))
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
        return table

    def logos(self, images: list[part.Image]) -> None:
        """The logos of the title block, side by side on one line."""
        paragraph = self.paragraph("Normal")
        for image in images:
            self.logo(paragraph, image, height=Cm(1.4))

    def logo(self, paragraph, image: part.Image, height=None, after_text=False) -> None:
        """A PNG logo with its name as alt text; an SVG one is left out with a note."""
        if image.logo.kind != "png":
            note = SVG_NOTE.format(name=image.alt)
            if note not in self.notes:
                self.notes.append(note)
            return
        if after_text:
            paragraph.add_run("\u00a0\u00a0")
        run = paragraph.add_run()
        shape = run.add_picture(io.BytesIO(image.logo.data), height=height or Cm(0.8))
        shape._inline.docPr.set("descr", image.alt)
        if not after_text:
            run.add_text("\u00a0\u00a0\u00a0")


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


def _align_with_text(table: WordTable) -> None:
    """The table's left edge on the text margin (Word otherwise shifts it by the cell
    margin, so that it sticks out about 2 mm)."""
    properties = table._tbl.tblPr
    indent = properties.find(qn("w:tblInd"))
    if indent is None:
        indent = OxmlElement("w:tblInd")
        properties.append(indent)
    indent.set(qn("w:w"), "0")
    indent.set(qn("w:type"), "dxa")
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)


def _repeat_header(table: WordTable) -> None:
    """Mark the first row as a header row that Word repeats on every page."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
