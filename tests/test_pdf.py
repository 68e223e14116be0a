"""The PDF report: archivable (PDF/A-2a), accessible (PDF/UA-1), reproducible, contained.

No veraPDF is installable here: these tests check the structure that the
standards require with pikepdf, qpdf and poppler's pdffonts.
"""

from __future__ import annotations

import base64
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from copreport.errors import RenderError
from copreport.model import Logo
from copreport.pdf.fetcher import FolderFetcher, RefusedResource
from copreport.pdf.writer import pdf_bytes
from copreport.source import load_session
from helpers import (
    CONTENT,
    EXAMPLE_SECTIONS,
    EXAMPLE_SERIES,
    EXAMPLE_SESSION,
    ROOT,
    add_logos,
    normalized,
    pdf_text,
    snakemake,
)

pytestmark = pytest.mark.slow

XMP_PDFA = "{http://www.aiim.org/pdfa/ns/id/}"
XMP_PDFUA = "{http://www.aiim.org/pdfua/ns/id/}"


@pytest.fixture(scope="module")
def pdf(example_build):
    with pikepdf.open(example_build.report("pdf")) as document:
        yield document


def structure_elements(node, found=None) -> list[pikepdf.Dictionary]:
    """Every structure element below `node`, depth first (the reading order)."""
    found = [] if found is None else found
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(kid)
            structure_elements(kid, found)
    return found


def test_pdf_claims_pdfa_2a_and_pdfua_1_in_its_metadata(pdf):
    with pdf.open_metadata() as xmp:
        assert xmp[f"{XMP_PDFA}part"] == "2"
        assert xmp[f"{XMP_PDFA}conformance"] == "A"
        assert xmp[f"{XMP_PDFUA}part"] == "1"
    raw = pdf.Root.Metadata.read_bytes().decode("utf-8")
    # PDF/A allows the pdfuaid schema only when it is described as an extension.
    assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in raw
    assert "/Filter" not in pdf.Root.Metadata.stream_dict


def test_pdf_is_tagged_with_dutch_as_its_language(pdf):
    assert "/StructTreeRoot" in pdf.Root
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == "nl"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


def test_pdf_properties_describe_the_session(pdf):
    info = pdf.docinfo
    assert str(info.Title).replace("\u00a0", " ") == (
        "Basis voor gebiedsgericht werken: Brede welvaart op het platteland (1 februari 2024)"
    )
    assert str(info.Author) == "HZ Kenniscentrum Zeeuwse Samenleving"
    assert "vierde bijeenkomst" in str(info.Subject)
    assert "Gebiedsgericht werken" in str(info.Keywords)
    assert str(info.CreationDate).startswith("D:20240201")
    with pdf.open_metadata() as xmp:
        assert xmp["{http://purl.org/dc/elements/1.1/}title"] == str(info.Title)
        assert (
            xmp["{http://ns.adobe.com/xap/1.0/}CreateDate"] == "2024-02-01T12:00:00+00:00"
        )


def test_headings_become_bookmarks(pdf):
    with pdf.open_outline() as outline:
        top = outline.root[0]
        titles = [top.title] + [item.title for item in top.children]
    assert titles[0] == "Brede welvaart op het platteland"
    assert titles[1:] == EXAMPLE_SECTIONS


def test_structure_has_headings_lists_and_table_header_cells(pdf):
    kinds = [str(e.S) for e in structure_elements(pdf.Root.StructTreeRoot)]
    assert kinds.count("/H1") == 1
    assert kinds.count("/H2") == len(EXAMPLE_SECTIONS)
    assert "/L" in kinds and "/LI" in kinds
    assert "/Table" not in kinds  # the example has no table (test_renderers has one)


def test_every_font_is_embedded_and_the_house_font_is_used(example_build):
    listing = subprocess.run(
        ["pdffonts", str(example_build.report("pdf"))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    assert listing
    for line in listing:
        name, *_ = line.split()
        embedded, subset = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)", line).groups()[:2]
        assert (embedded, subset) == ("yes", "yes"), line
        assert "Carlito" in name, line


def test_qpdf_finds_no_errors(example_build):
    result = subprocess.run(
        ["qpdf", "--check", str(example_build.report("pdf"))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_page_furniture_names_series_page_numbers_and_date(example_build):
    text = normalized(pdf_text(example_build.report("pdf"), body_only=False))
    assert "Community of Practice: Basis voor gebiedsgericht werken" in text
    assert "Pagina 1 van 4" in text and "Pagina 4 van 4" in text
    assert "1 februari 2024 · Den Haag (PBL)" in text


def test_same_sources_give_a_byte_identical_pdf_and_docx(tmp_path, example_build):
    again = tmp_path / "again"
    assert snakemake(example_build.content, again).returncode == 0
    for kind in ("pdf", "docx", "html"):
        first = example_build.report(kind).read_bytes()
        second = (again / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.{kind}").read_bytes()
        assert first == second, kind


def test_logos_carry_the_organisation_name_as_alt_text(tmp_path, content):
    add_logos(content)
    out = tmp_path / "out"
    result = snakemake(content, out)
    assert result.returncode == 0, result.stderr
    with pikepdf.open(out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.pdf") as document:
        figures = [
            str(e.Alt)
            for e in structure_elements(document.Root.StructTreeRoot)
            if e.S == "/Figure"
        ]
    assert sorted(figures) == [
        "Ministerie van Economische Zaken en Klimaat",
        "Planbureau voor de Leefomgeving",
    ]


def test_an_svg_that_slips_through_is_still_not_fetched(tmp_path, canary):
    session = load_session(CONTENT / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md")
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        f'<image href="{canary.url}/x.png" width="10" height="10"/></svg>'
    )
    logo = Logo(kind="svg", data=base64.b64encode(svg.encode()))
    first = session.participants[0].model_copy(update={"logo": logo})
    participants = [first, *session.participants[1:]]
    with pytest.raises(RenderError, match="SVG-afbeelding kon niet worden getekend"):
        pdf_bytes(session.model_copy(update={"participants": participants}))
    assert canary.requests == []


def test_a_warning_from_weasyprint_fails_the_render(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    for name in ("report.html.j2", "blocks.html.j2", "report.css"):
        (templates / name).write_text(
            (ROOT / "templates" / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    with (templates / "report.css").open("a", encoding="utf-8") as css:
        css.write("\nh1 { colour: red; }\n")
    session = load_session(CONTENT / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md")
    with pytest.raises(RenderError, match="WeasyPrint meldde problemen"):
        pdf_bytes(session, templates)


# --- untrusted content ------------------------------------------------------------


def test_fetcher_serves_only_files_inside_the_allowed_folders(tmp_path):
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (allowed / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "secret.txt").write_text("geheim", encoding="utf-8")
    (allowed / "link.txt").symlink_to(tmp_path / "secret.txt")
    fetcher = FolderFetcher([allowed])
    assert fetcher.fetch((allowed / "logo.png").as_uri()).read().startswith(b"\x89PNG")
    for url in (
        (tmp_path / "secret.txt").as_uri(),
        (allowed / "link.txt").as_uri(),
        (allowed / ".." / "secret.txt").as_uri(),
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.png",
        "data:text/plain,geheim",
        "ftp://example.org/x",
    ):
        with pytest.raises(RefusedResource):
            fetcher.fetch(url)


HOSTILE_HTML = """\
## Verslag

<link rel="attachment" href="file:///etc/passwd">
<a rel="attachment" href="file:///etc/passwd">bijlage</a>
<meta name="author" content="Kwaadwillende">
<script>alert('x')</script>
<style>body {{ background: url({canary}/css) }} @import url({canary}/import);</style>
<img src="{canary}/img.png" alt="x"> <object data="{canary}/object"></object>
<svg><image href="{canary}/svg.png"/></svg>
<a href="javascript:alert(1)" onclick="alert(2)">klik</a>
"""


def test_raw_html_in_a_source_is_shown_as_text_and_fetches_nothing(
    tmp_path, content, canary
):
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text + "\n" + HOSTILE_HTML.format(canary=canary.url), encoding="utf-8"
    )
    out = tmp_path / "out"
    result = snakemake(content, out)
    assert result.returncode == 0, result.stderr
    pdf_path = out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.pdf"
    with pikepdf.open(pdf_path) as document:
        assert len(document.attachments) == 0
        assert "/EmbeddedFiles" not in document.Root.get("/Names", {})
        assert str(document.docinfo.Author) == "HZ Kenniscentrum Zeeuwse Samenleving"
        for page in document.pages:
            for annotation in page.get("/Annots", []):
                assert "/A" not in annotation or annotation.A.S == "/URI"
    shown = normalized(pdf_text(pdf_path))
    assert "<script>alert(‘x’)</script>" in shown
    assert "<link rel=“attachment” href=“file:///etc/passwd”>" in shown
    assert canary.requests == []
    web = (out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.html").read_text(encoding="utf-8")
    assert "<script>" not in web and "&lt;script&gt;" in web


def test_hostile_links_and_images_fail_with_a_clear_message(tmp_path, content, canary):
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    hostile = (
        "\n## Bijlagen\n\n"
        "![geheim](file:///etc/passwd)\n\n"
        f"![canary]({canary.url}/img.png)\n\n"
        "[klik](javascript:alert(1))\n"
    )
    source.write_text(source.read_text(encoding="utf-8") + hostile, encoding="utf-8")
    out = tmp_path / "out"
    result = snakemake(content, out)
    assert result.returncode != 0
    assert f"{source}:" in result.stderr
    assert "afbeeldingen in de tekst worden niet ondersteund" in result.stderr
    assert "link 'javascript:alert(1)' kan niet" in result.stderr
    assert not list(out.glob(f"{EXAMPLE_SERIES}/{EXAMPLE_SESSION}.*"))
    assert canary.requests == []


def test_logo_that_reaches_outside_fails_and_fetches_nothing(tmp_path, content, canary):
    add_logos(content)
    (content / "logo" / "ezk.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="40">'
        f'<image xlink:href="{canary.url}/svg.png" width="10" height="10"/>'
        '<image href="file:///etc/passwd" width="10" height="10"/></svg>',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = snakemake(content, out)
    assert result.returncode != 0
    assert f"{content / 'organisaties.yaml'}:" in result.stderr
    assert "logo 'logo/ezk.svg' bevat een <image>-element" in result.stderr
    assert not list(out.glob(f"{EXAMPLE_SERIES}/{EXAMPLE_SESSION}.*"))
    assert canary.requests == []


@pytest.mark.parametrize(
    "logo", ["/etc/passwd", "../../etc/passwd.png", "logo/buiten.png", "logo/nep.png"]
)
def test_logo_paths_outside_the_content_folder_are_refused(content, tmp_path, logo):
    (content / "logo").mkdir()
    (content / "logo" / "buiten.png").symlink_to(Path("/etc/passwd"))
    (content / "logo" / "nep.png").write_text("geen png", encoding="utf-8")
    register = content / "organisaties.yaml"
    register.write_text(
        register.read_text(encoding="utf-8").replace(
            "  soort: planbureau\n", f"  soort: planbureau\n  logo: {logo}\n"
        ),
        encoding="utf-8",
    )
    result = snakemake(content, tmp_path / "out", "controle")
    assert result.returncode != 0
    assert f"{register}:" in result.stderr
