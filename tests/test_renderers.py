"""The three renderers on their own (no Snakemake): structure, links, flow, standards.

The example session and a long generated one (five stellingen of nine points, 18
organisations, a table) are rendered once in this process.
"""

from __future__ import annotations

import re
import zipfile

import pikepdf
import pytest
from copreport.docx.writer import build_docx
from copreport.model import plain_text
from copreport.outline import build_outline
from copreport.outline.nodes import Group, Statement
from copreport.pdf.writer import pdf_bytes
from copreport.source import load_session
from copreport.web.page import web_page
from helpers import CONTENT, EXAMPLE_SERIES, EXAMPLE_SESSION, docx_text, pdf_text, words
from layout import body_lines, fill, find
from sample_content import write_content, write_long_session

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module", params=["voorbeeld", "lang"])
def rendered(request, tmp_path_factory):
    """A session rendered to PDF, Word and HTML in a temporary folder."""
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "voorbeeld":
        session = load_session(CONTENT / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md")
    else:
        content = folder / "content"
        write_content(content, sessions=2, series=1)
        session = load_session(write_long_session(content))
    pdf = folder / "verslag.pdf"
    pdf.write_bytes(pdf_bytes(session))
    docx = folder / "verslag.docx"
    data, _ = build_docx(session)
    docx.write_bytes(data)
    return session, pdf, docx, web_page(session)


def test_pdf_and_word_carry_the_same_words_in_the_same_order(rendered):
    _, pdf, docx, _ = rendered
    assert words(pdf_text(pdf)) == words(docx_text(docx))


def test_every_page_but_the_last_is_at_least_half_full(rendered):
    _, pdf, _, _ = rendered
    pages = body_lines(pdf)
    assert len(pages) >= 3
    for number, lines in enumerate(pages[:-1], start=1):
        assert fill(lines) >= 0.5, f"page {number} is only {fill(lines):.0%} full"


def test_no_heading_or_statement_stands_alone_at_a_page_break(rendered):
    session, pdf, _, _ = rendered
    pages = body_lines(pdf)
    outline = build_outline(session)
    for section in outline.sections:
        headings = [section.heading] if section.heading else []
        headings += [p.heading for p in section.parts if isinstance(p, Group)]
        for heading in headings:
            page, line = find(pages, heading)
            assert line < len(pages[page]) - 1, f"{heading!r} ends page {page + 1}"
        for part in section.parts:
            if isinstance(part, Statement):
                heading_page, _ = find(pages, section.heading)
                page, line = find(pages, plain_text(part.inlines))
                assert page == heading_page, f"{section.heading}: statement apart"
                assert line < len(pages[page]) - 2, f"{section.heading}: ends a page"
    _colophon_page, colophon_line = find(pages, "Colofon")
    assert colophon_line > 0, "the colophon stands alone at the top of the last page"


def test_key_points_link_to_their_stelling_in_pdf_word_and_web(rendered):
    session, pdf, docx, html = rendered
    anchors = {f"stelling-{s.number}" for s in session.stellingen if s.conclusion}
    assert anchors
    with pikepdf.open(pdf) as document:
        names = {str(name) for name, _ in _named_destinations(document)}
        assert anchors <= names
        internal = [
            annotation
            for page in document.pages
            for annotation in page.get("/Annots", [])
            if (annotation.get("/Subtype") == "/Link" and "/Dest" in annotation)
            or ("/A" in annotation and annotation.A.get("/S") == "/GoTo")
        ]
        assert len(internal) >= len(anchors)
    with zipfile.ZipFile(docx) as package:
        body = package.read("word/document.xml").decode()
    for anchor in anchors:
        bookmark = anchor.replace("-", "_")
        assert f'w:name="{bookmark}"' in body
        assert f'w:anchor="{bookmark}"' in body
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html


def _named_destinations(document):
    names = document.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return []
    tree = pikepdf.NameTree(names.Dests)
    return list(tree.items())


def test_every_table_header_cell_has_its_scope(rendered):
    _, pdf, _, html = rendered
    with pikepdf.open(pdf) as document:
        headers = [
            item
            for item in document.objects
            if isinstance(item, pikepdf.Dictionary) and item.get("/S") == "/TH"
        ]
        for header in headers:
            assert header.A.get("/Scope") == "/Column"
    assert html.count("<th ") == html.count('<th scope="col">')


def test_an_independent_pdfua_checker_finds_nothing(rendered):
    import pdfua

    _, pdf, _, _ = rendered
    report = pdfua.validate(str(pdf))
    findings = [f"{f.rule_id}: {f.message}" for f in report.findings]
    assert not findings


def test_word_declares_current_word_and_continues_lists_on_enter(rendered):
    _, _, docx, _ = rendered
    with zipfile.ZipFile(docx) as package:
        settings = package.read("word/settings.xml").decode()
        styles = package.read("word/styles.xml").decode()
        numbering = package.read("word/numbering.xml").decode()
        body = package.read("word/document.xml").decode()
    assert re.search(r'w:name="compatibilityMode"[^>]*w:val="15"', settings)
    for style in ("Stellingpunt", "ListBullet", "ListNumber"):
        definition = re.search(rf'w:styleId="{style}">.*?</w:style>', styles).group(0)
        assert f'<w:next w:val="{style}"/>' in definition
    assert "\u25ba" in numbering  # the point marker ►, as drawn in the PDF
    for table in re.findall(r"<w:tbl>.*?</w:tbl>", body, re.S):
        assert '<w:tblInd w:w="0" w:type="dxa"/>' in table


def test_the_web_page_has_no_fixed_table_widths_and_scrolls_wide_tables(rendered):
    _, _, _, html = rendered
    assert 'class="table-scroll"' in html or "<table" not in html
    assert not re.search(r"width:\s*\d+mm", html.split("@media screen")[1])


def test_logos_of_network_and_organiser_head_every_format(tmp_path):
    from helpers import add_logos, copy_content

    content = copy_content(tmp_path / "content")
    add_logos(content)  # PBL: a PNG, EZK: an SVG
    series = content / EXAMPLE_SERIES / "reeks.yaml"
    text = series.read_text(encoding="utf-8")
    series.write_text(
        text.replace("organisator: HZ-KCZS", "organisator: PBL\nnetwerklogo: logo/ezk.svg"),
        encoding="utf-8",
    )
    session = load_session(content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md")
    html = web_page(session)
    header = html.split("</header>")[0]
    assert 'alt="Nationaal Netwerk Brede Welvaart"' in header
    assert 'alt="Planbureau voor de Leefomgeving"' in header
    pdf = tmp_path / "verslag.pdf"
    pdf.write_bytes(pdf_bytes(session))
    with pikepdf.open(pdf) as document:
        figures = [
            str(item.Alt)
            for item in document.objects
            if isinstance(item, pikepdf.Dictionary) and item.get("/S") == "/Figure"
        ]
    assert figures[:2] == [
        "Nationaal Netwerk Brede Welvaart",
        "Planbureau voor de Leefomgeving",
    ]
    data, notes = build_docx(session)
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as package:
        body = package.read("word/document.xml").decode()
    assert 'descr="Planbureau voor de Leefomgeving"' in body
    assert any("Nationaal Netwerk Brede Welvaart is een SVG-bestand" in n for n in notes)
