"""The series overview and the index of the output folder, on a fictional series of
three sessions (tests/fixtures/overzicht) that spans the renamings of 2 July 2024."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
import pytest
from helpers import ROOT, build_sh, docx_text, normalized, pdf_text, words

pytestmark = pytest.mark.slow

FIXTURE = ROOT / "tests" / "fixtures" / "overzicht"
SERIES = "fictieve-reeks"
LNV_OLD = "Ministerie van Landbouw, Natuur en Voedselkwaliteit"
LNV_NEW = "Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("overzicht")
    content = folder / "content"
    shutil.copytree(FIXTURE, content)
    out = folder / "out"
    result = build_sh("--content", content, "--uitvoer", out)
    assert result.returncode == 0, result.stdout + result.stderr
    return content, out, result


def overview_text(out: Path) -> str:
    return normalized(pdf_text(out / SERIES / "overzicht.pdf"))


def test_every_stelling_appears_under_its_line(built):
    _, out, _ = built
    text = overview_text(out)
    order = [
        "Lijn: keuzes",
        "Bijeenkomst 1 (12 maart 2024), stelling 1",
        "Brede welvaart maakt afwegingen zichtbaar.",
        "Bijeenkomst 3 (11 februari 2025), stelling 1",
        "Een regio kan zelf kiezen welke indicatoren tellen.",
        "Lijn: draagvlak",
        "Inwoners moeten vroeg meedoen.",
        "Draagvlak groeit met zichtbare resultaten.",
        "Lijn: samenwerking",
        "Regio’s werken beter samen met een gedeelde monitor.",
        "Onderwerp: data",
        "Er zijn genoeg gegevens op wijkniveau.",
        "Deelname",
    ]
    positions = [text.find(item) for item in order]
    assert -1 not in positions, [o for o, p in zip(order, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    assert "Conclusie: afwegingen worden zichtbaarder" in text  # the conclusion, not points


def test_the_participation_figures_add_up(built):
    _, out, _ = built
    html = (out / SERIES / "overzicht.html").read_text(encoding="utf-8")
    tables = re.findall(r"<table.*?</table>", html, re.S)
    sessions, organisations, kinds = tables
    per_session = [
        int(n) for n in re.findall(r"<tr><td>\d+</td>.*?<td>(\d+)</td></tr>", sessions)
    ]
    per_organisation = [int(n) for n in re.findall(r"<td>(\d+)</td></tr>", organisations)]
    per_kind = [int(n) for n in re.findall(r"<td>\d+</td><td>(\d+)</td></tr>", kinds)]
    assert per_session == [4, 5, 5]
    assert sum(per_organisation) == sum(per_session) == sum(per_kind)
    # The kind of each organisation stands alone in its cell: capitalised.
    assert "<td>Ministerie</td>" in organisations
    assert "<td>ministerie</td>" not in organisations
    assert 'alt="Figuur: deelname van 9 organisaties aan de bijeenkomsten 1, 2 en 3' in html


def test_a_renamed_ministry_keeps_its_name_of_the_day(built):
    _, out, _ = built
    first = normalized(pdf_text(out / SERIES / "2024-03-12-eerste.pdf"))
    third = normalized(pdf_text(out / SERIES / "2025-02-11-derde.pdf"))
    assert LNV_OLD in first and LNV_NEW not in first
    assert LNV_NEW in third and LNV_OLD not in third
    assert f"{LNV_NEW} (eerder: {LNV_OLD})" in overview_text(out)


def test_the_overview_meets_the_standards_of_the_reports(built):
    import pdfua

    _, out, _ = built
    pdf = out / SERIES / "overzicht.pdf"
    assert not pdfua.validate(str(pdf)).findings
    with pikepdf.open(pdf) as document:
        figures = [
            str(item.Alt)
            for item in document.objects
            if isinstance(item, pikepdf.Dictionary) and item.get("/S") == "/Figure"
        ]
        headers = [
            item
            for item in document.objects
            if isinstance(item, pikepdf.Dictionary) and item.get("/S") == "/TH"
        ]
    assert figures and figures[0].startswith("Figuur: deelname van 9 organisaties")
    assert headers and all(h.A.get("/Scope") == "/Column" for h in headers)
    assert words(pdf_text(pdf)) == words(docx_text(pdf.with_suffix(".docx")))


def test_a_draft_is_left_out_of_the_overview_and_marked_in_the_index(built, tmp_path):
    content, _, _ = built
    copy = tmp_path / "content"
    shutil.copytree(content, copy)
    third = copy / SERIES / "2025-02-11-derde.md"
    third.write_text(
        third.read_text(encoding="utf-8").replace(
            "nummer: 3\n", "nummer: 3\nstatus: concept\n"
        )
    )
    out = tmp_path / "out"
    result = build_sh("--content", copy, "--uitvoer", out)
    assert result.returncode == 0, result.stdout
    text = overview_text(out)
    assert "Van inzicht naar keuze" not in text
    assert "Niet opgenomen: één bijeenkomst staat nog op concept" in text
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Van inzicht naar keuze (concept)" in index
    assert f'href="{SERIES}/2025-02-11-derde-concept.pdf"' in index


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


def test_the_index_links_to_every_report_with_relative_links(built):
    _, out, _ = built
    parser = _Links()
    parser.feed((out / "index.html").read_text(encoding="utf-8"))
    assert len(parser.hrefs) == 3 * 3 + 3  # three reports per session, the overview
    for href in parser.hrefs:
        assert not re.match(r"^[a-z]+:|^/", href), href  # relative, no scheme
        assert (out / href).is_file(), href
    assert (out / "index.pdf").read_bytes().startswith(b"%PDF")


def test_a_gap_in_the_numbering_is_a_warning(built, tmp_path):
    content, _, _ = built
    copy = tmp_path / "content"
    shutil.copytree(content, copy)
    (copy / SERIES / "2024-10-08-tweede.md").unlink()
    result = build_sh("--content", copy, "--uitvoer", tmp_path / "out")
    assert result.returncode == 0
    assert (
        "LET OP: index.html: in de reeks 'fictieve-reeks' ontbreekt bijeenkomst 2"
        in result.stdout
    )


def test_a_gap_is_named_in_correct_dutch():
    from copreport.overview.wording import gap

    assert gap("r", [2]).startswith("in de reeks 'r' ontbreekt bijeenkomst 2 (")
    assert gap("r", [5, 6]).startswith("in de reeks 'r' ontbreken bijeenkomsten 5 en 6 (")
