"""The Word report: native styles, lists, tables, fields, Dutch, and LibreOffice's view."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from copreport.docx.writer import TEMPLATE, docx_bytes
from copreport.source import load_session
from docx.oxml.ns import qn
from docx.shared import RGBColor
from helpers import (
    CONTENT,
    EXAMPLE_SECTIONS,
    EXAMPLE_SERIES,
    EXAMPLE_SESSION,
    add_logos,
    docx_text,
    normalized,
    pdf_text,
    snakemake,
    word_differences,
    words,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def document(example_build):
    return docx.Document(str(example_build.report("docx")))


@pytest.fixture(scope="module")
def libreoffice_pdf(example_build, tmp_path_factory) -> Path:
    """The example Word report converted to PDF by LibreOffice, as a user's office would."""
    return convert_with_libreoffice(
        example_build.report("docx"), tmp_path_factory.mktemp("libreoffice")
    )


def convert_with_libreoffice(source: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed (./test.sh installs it)"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    converted = folder / f"{source.stem}.pdf"
    # LibreOffice exits 0 even when it could not read the file: look for the result.
    assert converted.is_file() and converted.stat().st_size > 0, "no PDF from LibreOffice"
    return converted


def outline(document) -> list[tuple[int, str]]:
    """(level, text) of every paragraph Word's navigation pane shows."""
    levels = {}
    for style in document.styles:
        if style.type == 1:
            level = style.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            based_on = style.base_style
            while level is None and based_on is not None:
                level = based_on.element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
                based_on = based_on.base_style
            if level is not None:
                levels[style.name] = int(level.get(qn("w:val")))
    return [
        (levels[p.style.name], p.text)
        for p in document.paragraphs
        if p.style.name in levels
    ]


def test_navigation_pane_shows_the_report_outline(document):
    top = [text for level, text in outline(document) if level == 0]
    assert top == EXAMPLE_SECTIONS
    assert (1, "Spreker") in outline(document)
    assert (1, "Ministeries") in outline(document)


def test_title_and_statements_use_their_own_styles(document):
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["Brede welvaart op het platteland"] == "Title"
    assert styles["Stelling 1 (draagvlak)"] == "Stellingkop"
    statement = next(
        p for p in document.paragraphs if p.text.startswith("Brede welvaart (BW)")
    )
    assert statement.style.name == "Stelling"
    # No manual formatting: the emphasis comes from the style, not from the runs.
    assert all(run.bold is None and run.font.size is None for run in statement.runs)


def test_points_are_real_word_lists_one_per_stelling(document):
    points = [p for p in document.paragraphs if p.style.name == "Stellingpunt"]
    assert len(points) == 5 + 7 + 6
    num_ids = [p._p.pPr.numPr.numId.val for p in points]
    assert len(set(num_ids)) == 3  # a numbering instance per stelling
    assert not any(p.text.startswith(("-", "•", "►")) for p in points)


def test_numbered_lists_restart_at_one(tmp_path, content):
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    source.write_text(
        source.read_text(encoding="utf-8")
        + "\n## Afspraken\n\n1. Eerste afspraak\n2. Tweede afspraak\n\n"
        "Tussentekst.\n\n1. Nieuwe lijst\n    1. Genest punt\n2. Tweede van de nieuwe\n"
        "   3. Genest drie\n   4. Genest vier\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert snakemake(content, out).returncode == 0
    converted = convert_with_libreoffice(
        out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.docx", tmp_path
    )
    text = normalized(pdf_text(converted))
    assert "1. Eerste afspraak 2. Tweede afspraak Tussentekst. 1. Nieuwe lijst" in text
    assert "1. Genest punt 2. Tweede van de nieuwe" in text
    assert "3. Genest drie 4. Genest vier" in text  # a nested list keeps its start


def test_tables_are_real_with_a_repeating_header_row(tmp_path, content):
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    source.write_text(
        source.read_text(encoding="utf-8")
        + "\n## Cijfers\n\n| Regio | Score |\n|---|---|\n| Noord | 7,1 |\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert snakemake(content, out).returncode == 0
    document = docx.Document(str(out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.docx"))
    (table,) = document.tables
    assert table.style.name == "Verslagtabel"
    header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
    assert header is not None and header.get(qn("w:val")) == "true"
    assert [c.text for c in table.rows[0].cells] == ["Regio", "Score"]


def test_links_are_real_hyperlinks(tmp_path):
    session = load_session(CONTENT / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md")
    from copreport.model import Link, Paragraph, Section, Text

    link = Link(href="https://www.brede-welvaart.nl/", children=[Text(text="de site")])
    extra = Section(title="Meer", blocks=[Paragraph(inlines=[Text(text="Zie "), link])])
    result = docx.Document(
        io.BytesIO(docx_bytes(session.model_copy(update={"body": [*session.body, extra]})))
    )
    hyperlinks = [
        h
        for h in result.element.body.findall(f".//{qn('w:hyperlink')}")
        if h.get(qn("r:id"))
    ]
    assert len(hyperlinks) == 1
    relationship = result.part.rels[hyperlinks[0].get(qn("r:id"))]
    assert relationship.is_external and relationship.target_ref == link.href
    assert "".join(t.text for t in hyperlinks[0].iter(qn("w:t"))) == "de site"


def test_header_and_footer_hold_series_date_and_page_fields(document):
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text.replace("\u00a0", " ") == (
        "Community of Practice: Basis voor gebiedsgericht werken\t1 februari 2024"
    )
    assert not section.first_page_header.paragraphs[0].text  # the title block says it
    for footer in (section.footer, section.first_page_footer):
        xml = footer._element.xml
        assert 'w:instr=" PAGE "' in xml and 'w:instr=" NUMPAGES "' in xml
        assert "Pagina " in xml and " van " in xml


def test_libreoffice_shows_page_x_of_y(libreoffice_pdf):
    text = normalized(pdf_text(libreoffice_pdf, body_only=False))
    assert "Pagina 1 van 4" in text or "Pagina 1 van 5" in text
    pages = int(text.split("Pagina 1 van ")[1].split()[0])
    assert f"Pagina {pages} van {pages}" in text


def test_document_language_is_dutch(example_build):
    with zipfile.ZipFile(example_build.report("docx")) as package:
        styles = package.read("word/styles.xml").decode("utf-8")
    defaults = styles.split("<w:docDefaults>")[1].split("</w:docDefaults>")[0]
    assert '<w:lang w:val="nl-NL"' in defaults


def test_properties_come_from_the_session_without_leftovers(example_build, document):
    properties = document.core_properties
    assert properties.title.replace("\u00a0", " ") == (
        "Basis voor gebiedsgericht werken: Brede welvaart op het platteland (1 februari 2024)"
    )
    assert properties.author == "HZ Kenniscentrum Zeeuwse Samenleving"
    assert properties.last_modified_by == "HZ Kenniscentrum Zeeuwse Samenleving"
    assert "vierde bijeenkomst" in properties.subject
    assert "Gebiedsgericht werken" in properties.keywords
    assert properties.created.isoformat().startswith("2024-02-01")
    assert properties.comments == ""
    with zipfile.ZipFile(example_build.report("docx")) as package:
        names = package.namelist()
        everything = b"".join(package.read(name) for name in names)
    assert b"python-docx" not in everything
    assert not any("thumbnail" in name for name in names)


def test_png_logo_is_embedded_with_alt_text_and_svg_gets_a_note(tmp_path, content):
    add_logos(content)
    out = tmp_path / "out"
    result = snakemake(content, out)
    assert result.returncode == 0, result.stderr
    assert "LET OP" in result.stderr
    assert "Ministerie van Economische Zaken en Klimaat is een SVG-bestand" in result.stderr
    report = docx.Document(str(out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.docx"))
    descriptions = [
        element.get("descr") for element in report.element.body.iter(qn("wp:docPr"))
    ]
    assert descriptions == ["Planbureau voor de Leefomgeving"]


def test_a_style_changed_in_the_template_reaches_the_report(tmp_path):
    template = tmp_path / "stijl.docx"
    edited = docx.Document(str(TEMPLATE))
    edited.styles["Heading 1"].font.color.rgb = RGBColor(0x8B, 0x00, 0x00)
    edited.styles["Stelling"].font.size = docx.shared.Pt(14)
    edited.save(str(template))
    session = load_session(CONTENT / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md")
    report = docx.Document(io.BytesIO(docx_bytes(session, template)))
    assert report.styles["Heading 1"].font.color.rgb == RGBColor(0x8B, 0x00, 0x00)
    assert report.styles["Stelling"].font.size == docx.shared.Pt(14)
    heading = next(p for p in report.paragraphs if p.text == "Deelnemers")
    assert heading.style.name == "Heading 1"


def test_libreoffice_reads_the_same_words_as_the_word_file(example_build, libreoffice_pdf):
    office = words(pdf_text(libreoffice_pdf))
    ours = words(docx_text(example_build.report("docx")))
    assert not word_differences(office, ours)


def test_styles_looked_up_once_give_the_xml_of_python_docx_own_lookup(
    monkeypatch, tmp_path
):
    """Every paragraph and run gets the style python-docx itself would set by name,
    in a session with every kind of part; also when Word has marked Normal as the
    default paragraph style (which python-docx then leaves out)."""
    from copreport.docx import inlines, writer
    from copreport.warmup import sample_session

    marked = docx.Document(str(TEMPLATE))
    marked.styles["Normal"].element.set(qn("w:default"), "1")
    marked.save(tmp_path / "stijl.docx")
    session = sample_session()
    templates = [TEMPLATE, tmp_path / "stijl.docx"]
    kept = [docx_bytes(session, template) for template in templates]

    def by_name(target, name):
        target.style = name

    monkeypatch.setattr(writer, "style_paragraph", by_name)
    monkeypatch.setattr(inlines, "style_run", by_name)
    assert [docx_bytes(session, template) for template in templates] == kept
    assert kept[0] != kept[1]  # the marked template really leaves Normal out
