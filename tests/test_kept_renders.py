"""A document made from many sessions is rendered again only when what it shows changed."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from copreport.kept_renders import render_once
from copreport.overview.index import build_index
from copreport.pdf.writer import outline_pdf
from copreport.source.session import parse_session, register_of, series_of
from helpers import ROOT
from sample_content import write_content

TEMPLATES = ROOT / "templates"
ASSETS = [path for path in TEMPLATES.iterdir() if path.is_file()]


def parsed(content: Path) -> list[tuple]:
    """Every series of `content` with its parsed sessions, in folder order."""
    register = register_of(content)
    series = []
    for folder in sorted(p for p in content.iterdir() if p.is_dir()):
        record = series_of(folder, register, content)
        sessions = [parse_session(s, record, register) for s in sorted(folder.glob("*.md"))]
        series.append((record, sessions))
    return series


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """The printed index of four sessions in two series."""
    content = tmp_path_factory.mktemp("content")
    write_content(content, sessions=4, series=2)
    return build_index(parsed(content), links=False)[0]


class Renders:
    """A render function that counts its calls."""

    def __init__(self, outline) -> None:
        self.outline = outline
        self.count = 0

    def __call__(self) -> tuple[bytes, list[str]]:
        self.count += 1
        return outline_pdf(self.outline, TEMPLATES), []


def test_an_unchanged_document_is_not_rendered_again(index, tmp_path):
    target = tmp_path / "index.pdf"
    render = Renders(index)
    first, _ = render_once(target, "pdf", index, ASSETS, render)
    again, _ = render_once(target, "pdf", index, ASSETS, render)
    assert render.count == 1
    assert again == first == outline_pdf(index, TEMPLATES)


def test_a_changed_title_is_rendered_again(index, tmp_path):
    target = tmp_path / "index.pdf"
    render_once(target, "pdf", index, ASSETS, Renders(index))
    section = index.sections[0]
    renamed = dataclasses.replace(
        index, sections=[dataclasses.replace(section, heading="Een andere reeks")]
    )
    render = Renders(renamed)
    data, _ = render_once(target, "pdf", renamed, ASSETS, render)
    assert render.count == 1
    assert data == outline_pdf(renamed, TEMPLATES)


def test_a_changed_stylesheet_is_rendered_again(index, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    for path in ASSETS:
        (templates / path.name).write_bytes(path.read_bytes())
    assets = sorted(templates.iterdir())
    target = tmp_path / "index.pdf"
    render_once(target, "pdf", index, assets, Renders(index))
    with (templates / "report.css").open("a", encoding="utf-8") as css:
        css.write("\n/* gewijzigd */\n")
    render = Renders(index)
    render_once(target, "pdf", index, assets, render)
    assert render.count == 1


def test_a_damaged_kept_render_is_made_again(index, tmp_path):
    target = tmp_path / "index.pdf"
    first, _ = render_once(target, "pdf", index, ASSETS, Renders(index))
    (kept,) = (tmp_path / ".bewaard").glob("*.pdf")
    kept.write_bytes(first[: len(first) // 2])
    render = Renders(index)
    data, _ = render_once(target, "pdf", index, ASSETS, render)
    assert render.count == 1
    assert data == first


def test_a_folder_that_cannot_keep_renders_still_gets_its_document(index, tmp_path):
    (tmp_path / ".bewaard").write_text("geen map", encoding="utf-8")
    render = Renders(index)
    data, _ = render_once(tmp_path / "index.pdf", "pdf", index, ASSETS, render)
    assert data.startswith(b"%PDF") and render.count == 1


def test_notes_are_kept_with_the_render(tmp_path):
    target = tmp_path / "overzicht.docx"
    outline = ("een opzet",)
    render_once(target, "docx", outline, [], lambda: (b"inhoud", ["een opmerking"]))
    data, notes = render_once(target, "docx", outline, [], lambda: pytest.fail("opnieuw"))
    assert (data, notes) == (b"inhoud", ["een opmerking"])


def test_nothing_is_kept_in_the_output_folder(tmp_path: Path):
    render_once(tmp_path / "x.pdf", "pdf", ("opzet",), [], lambda: (b"%PDF", []))
    assert sorted(p.name for p in tmp_path.iterdir()) == [".bewaard"]


def _series_after(content: Path, old: str, new: str):
    """The first series of `content`, parsed after replacing `old` in its first session."""
    from copreport.overview import build_overview

    folder = sorted(p for p in content.iterdir() if p.is_dir())[0]
    first = sorted(folder.glob("*.md"))[0]
    text = first.read_text(encoding="utf-8")
    assert old in text
    first.write_text(text.replace(old, new, 1), encoding="utf-8")
    try:
        record, sessions = parsed(content)[0]
        return build_overview(record, sessions), build_index([(record, sessions)], False)[0]
    finally:
        first.write_text(text, encoding="utf-8")


def test_an_edit_in_the_account_leaves_overview_and_index_as_they_were(tmp_path):
    write_content(tmp_path, sessions=4, series=2)
    account = "## Wat hebben we gedaan?\n\n"
    overview, index = _series_after(tmp_path, account, account)
    edited = _series_after(tmp_path, account, account + "Een nieuwe eerste zin. ")
    assert edited == (overview, index)
    last_point = "\n\n## Stelling 2"  # a paragraph at the end of stelling 1
    changed, same_index = _series_after(
        tmp_path, last_point, "\n\nNog een punt." + last_point
    )
    assert changed != overview and same_index == index


def test_the_index_reads_only_what_it_shows_and_says_the_same(tmp_path):
    """The index step reads each model as a `Listing` (no text, a fraction of the
    memory); the outline is the one the whole models give."""
    from copreport.model import Listing

    write_content(tmp_path, sessions=4, series=2)
    whole = parsed(tmp_path)
    light = [
        (record, [Listing.model_validate_json(s.model_dump_json()) for s in sessions])
        for record, sessions in whole
    ]
    for links in (True, False):
        assert build_index(light, links) == build_index(whole, links)


def test_other_code_or_packages_render_again(index, tmp_path, monkeypatch):
    """The key holds the code as the process loaded it, Python, the installed
    packages and the house font; any other setting renders again."""
    from copreport import kept_renders

    target = tmp_path / "index.pdf"
    render_once(target, "pdf", index, ASSETS, Renders(index))
    monkeypatch.setattr(kept_renders, "SETTING", kept_renders.SETTING + b"anders")
    render = Renders(index)
    render_once(target, "pdf", index, ASSETS, render)
    assert render.count == 1


def test_the_setting_names_the_installed_packages_and_every_face_of_the_font():
    from copreport import kept_renders

    assert any(name.startswith("weasyprint-") for name in kept_renders._installed())
    faces = kept_renders._font_files()
    for face in (b"Carlito-Regular", b"Carlito-Bold.", b"Carlito-Italic"):
        assert face in faces


def test_a_pdf_made_with_other_text_libraries_is_rendered_again(
    index, tmp_path, monkeypatch
):
    """An upgrade of Pango or HarfBuzz changes a PDF without changing our packages."""
    from copreport import kept_renders

    target = tmp_path / "index.pdf"
    render_once(target, "pdf", index, ASSETS, Renders(index))
    loaded = kept_renders.text_libraries()
    monkeypatch.setattr(kept_renders, "text_libraries", lambda: loaded + b"\nnieuw")
    render = Renders(index)
    render_once(target, "pdf", index, ASSETS, render)
    assert render.count == 1


def test_the_setting_of_a_pdf_names_pango_and_harfbuzz_as_loaded():
    from copreport import kept_renders

    loaded = kept_renders.text_libraries().decode()
    assert "/libpango-1.0.so" in loaded
    assert "/libharfbuzz.so" in loaded


def test_the_text_libraries_are_the_same_whatever_else_the_process_loaded():
    """The fork server reads them after its warm-up; a step without the server (a
    cluster) reads them after the overview code loaded Pillow, which brings its own
    FreeType and HarfBuzz. Both must find the same key, or every overview and index
    is rendered again whenever a build runs the other way."""
    check = (
        "from copreport import kept_renders as k\n"
        "before = k.text_libraries.__wrapped__()\n"
        "import PIL.ImageFont\n"
        "from copreport.overview import figure\n"
        "print(before == k.text_libraries.__wrapped__() != b'')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        cwd=ROOT / "scripts",
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "True"


def test_the_participation_matrix_is_drawn_once_for_every_format_and_build(
    tmp_path, monkeypatch
):
    from copreport.kept_renders import kept_drawing
    from copreport.overview import build_overview, figure

    write_content(tmp_path / "content", sessions=4, series=2)
    record, sessions = parsed(tmp_path / "content")[0]
    drawn = []

    def counted(rows, columns):
        drawn.append(columns)
        return real(rows, columns)

    real = figure.participation_png
    monkeypatch.setattr(figure, "participation_png", counted)
    matrix = tmp_path / "werk" / f"{record.slug}.deelname.png"
    first = build_overview(record, sessions, kept_drawing(matrix))
    again = build_overview(record, sessions, kept_drawing(matrix))
    assert len(drawn) == 1
    assert first == again == build_overview(record, sessions, real)
    fewer = build_overview(record, sessions[:1], kept_drawing(matrix))
    assert len(drawn) == 2 and fewer != first


class Build:
    """The steps of a build of `content` into `out`, run in this process."""

    def __init__(self, content: Path, out: Path) -> None:
        from copreport import paths

        self.content, self.out = content, out
        self.models, self.staged = out / paths.MODELS, out / paths.STAGED
        (self.reeks,) = [p.name for p in content.iterdir() if p.is_dir()]
        self.slugs = sorted(p.stem for p in (content / self.reeks).glob("*.md"))

    def step(self, step: str, output: Path, inputs: dict, **options) -> None:
        from copreport.runner.protocol import Request
        from copreport.steps import STEPS

        request = Request(
            step=step,
            inputs={name: [str(path) for path in paths] for name, paths in inputs.items()},
            outputs=[str(output)],
            log=str(self.out / "stap.log"),
            options={"content": str(self.content), **options},
        )
        STEPS[step](request)

    def parse(self, slug: str) -> None:
        from copreport.source import scan

        facts = scan.series_facts(self.content / self.reeks, self.slugs)
        self.step(
            "parse_session",
            self.models / self.reeks / f"{slug}.json",
            {
                "source": [self.content / self.reeks / f"{slug}.md"],
                "series": [self.models / f"{self.reeks}.reeks.json"],
                "register": [self.models / "organisaties.json"],
            },
            neighbours=scan.neighbours(facts, slug),
            numbers=scan.numbers(facts, slug),
        )

    def all(self) -> None:
        self.step("parse_register", self.models / "organisaties.json", {})
        self.step(
            "parse_series",
            self.models / f"{self.reeks}.reeks.json",
            {"register": [self.models / "organisaties.json"]},
            series_folder=str(self.content / self.reeks),
        )
        for slug in self.slugs:
            self.parse(slug)
        self.overview(self.staged / f"{self.reeks}.overzicht.pdf")

    def overview(self, target: Path) -> bytes:
        self.step(
            "render_overview",
            target,
            {
                "series": [self.models / f"{self.reeks}.reeks.json"],
                "sessions": [self.models / self.reeks / f"{s}.json" for s in self.slugs],
                "templates": [TEMPLATES / "report.css"],
            },
            kind="pdf",
        )
        return target.read_bytes()


def test_the_overview_pdf_made_ahead_is_what_the_build_step_takes(tmp_path, monkeypatch):
    """After an edit in the text of one session, the build command has the overview
    PDF made ahead of Snakemake (`head_start_overview`); the build's own step, after
    reading the session again, takes that PDF instead of making it a second time, and
    it is byte for byte the PDF the step would have made itself."""
    from copreport.cli.ahead import overview_request
    from copreport.pdf import writer
    from copreport.steps import STEPS

    content = tmp_path / "content"
    write_content(content, sessions=3, series=1, conclusions=True)
    build = Build(content, tmp_path / "uit")
    build.all()
    before = build.overview(tmp_path / "voor.pdf")
    edited = content / build.reeks / f"{build.slugs[1]}.md"
    edited.write_text(
        edited.read_text(encoding="utf-8") + "Een zin die er later bij kwam.\n",
        encoding="utf-8",
    )
    request = overview_request(
        content,
        build.out,
        [(build.reeks, slug) for slug in build.slugs],
        [f"{build.reeks}/{edited.name}"],
        {},
    )
    assert request is not None
    STEPS[request.step](request)
    expected = build.staged / ".bewaard" / f"{build.reeks}.overzicht.pdf"
    assert expected.exists()

    build.parse(build.slugs[1])
    with monkeypatch.context() as patched:
        patched.setattr(writer, "outline_pdf", lambda *a: pytest.fail("opnieuw gemaakt"))
        taken = build.overview(build.staged / f"{build.reeks}.overzicht.pdf")
    made = build.overview(tmp_path / "zelf.pdf")
    assert taken == made != before
