"""The whole workflow on real content, read back as a user would read the reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from copreport.dutch import stelling_heading
from copreport.model import plain_text
from copreport.outline import build_outline
from copreport.source import load_session
from helpers import (
    EXAMPLE_SECTIONS,
    EXAMPLE_SERIES,
    EXAMPLE_SESSION,
    add_logos,
    docx_text,
    example_copy,
    normalized,
    pdf_text,
    snakemake,
    squashed,
    word_differences,
    words,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def example(example_build):
    return load_session(example_build.content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md")


def expected_texts(session) -> list[str]:
    """Everything a reader must find: opening, statements, points, names, speaker."""
    texts = [
        plain_text(build_outline(session).lead),
        plain_text(session.series.central_question),
    ]
    for stelling in session.stellingen:
        texts.append(stelling_heading(stelling.number, stelling.label))
        texts.append(plain_text(stelling.statement))
        texts.extend(plain_text(point.blocks[0].inlines) for point in stelling.points)
    texts.extend(org.name for org in session.participants)
    texts.extend(
        part for s in session.speakers for part in (s.name, s.role, s.organisation)
    )
    return texts


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_report_holds_every_statement_point_name_and_speaker(example_build, example, kind):
    path = example_build.report(kind)
    text = squashed(pdf_text(path) if kind == "pdf" else docx_text(path))
    missing = [t for t in expected_texts(example) if squashed(t) not in text]
    assert not missing


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_report_opens_with_the_generated_sentence(example_build, kind):
    path = example_build.report(kind)
    text = normalized(pdf_text(path) if kind == "pdf" else docx_text(path))
    sentence = (
        "Op 1 februari 2024 vond in Den Haag (PBL) de vierde Community of Practice "
        "plaats voor het thema ‘Gebiedsgericht werken’."
    )
    assert sentence in text
    assert text.index(sentence) < text.index("Over het netwerk en het thema")


def test_sections_appear_in_the_agreed_order(example_build):
    text = normalized(pdf_text(example_build.report("pdf")))
    order = [
        "Nationaal Netwerk Brede Welvaart",
        "Op 1 februari 2024",
        *EXAMPLE_SECTIONS[:2],
        "Centrale vraag",
        *EXAMPLE_SECTIONS[2:8],
        "Spreker",
        "Colofon",
    ]
    positions = [text.find(label) for label in order]
    assert -1 not in positions
    assert positions == sorted(positions)


def test_pdf_and_word_carry_the_same_words_in_the_same_order(example_build):
    pdf_words = words(pdf_text(example_build.report("pdf")))
    docx_words = words(docx_text(example_build.report("docx")))
    assert not word_differences(pdf_words, docx_words)


def test_broken_session_gets_a_dutch_message_and_no_output(tmp_path, content):
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    text = source.read_text(encoding="utf-8").replace("  - EZK", "  - EZKK")
    broken = example_copy(content, "2024-03-01-kapot", 5, text)
    out = tmp_path / "out"
    result = snakemake(content, out, "--keep-going")
    assert result.returncode != 0
    assert (
        f"{broken}:13: onbekende organisatie 'EZKK' in deelnemers — bedoelt u 'EZK'? "
        f"Voeg nieuwe organisaties toe aan {content / 'organisaties.yaml'}"
    ) in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    leftovers = sorted(
        p.name for p in (out / EXAMPLE_SERIES).iterdir() if "kapot" in p.name
    )
    assert leftovers == []
    assert (out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.pdf").stat().st_size > 0
    assert (out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.docx").stat().st_size > 0


def test_breaking_a_source_removes_its_earlier_reports(tmp_path, content):
    out = tmp_path / "out"
    assert snakemake(content, out).returncode == 0
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("nummer: 4", "nummer: vier"),
        encoding="utf-8",
    )
    result = snakemake(content, out)
    assert result.returncode != 0
    assert f"{source}:3: 'nummer' moet een heel getal" in result.stderr
    assert not list((out / EXAMPLE_SERIES).glob(f"{EXAMPLE_SESSION}.*"))


def test_controle_checks_every_source_without_rendering(tmp_path, content):
    out = tmp_path / "out"
    ok = snakemake(content, out, "controle")
    assert ok.returncode == 0, ok.stderr
    assert "In orde: 1 sessie(s) gecontroleerd" in ok.stdout + ok.stderr
    assert not (out / EXAMPLE_SERIES).exists()

    broken = content / EXAMPLE_SERIES / "kapot.md"
    broken.write_text("---\ntitel: x\n---\n", encoding="utf-8")
    failed = snakemake(content, out, "controle")
    assert failed.returncode != 0
    assert f"{broken}:2: het verplichte veld 'nummer' ontbreekt" in failed.stderr


def test_content_folder_and_output_folder_can_be_anywhere(example_build):
    # The example build ran on a copy of the content in a temporary folder.
    assert not example_build.content.is_relative_to(Path(__file__).resolve().parents[1])
    assert example_build.report("pdf").is_file()
    assert example_build.report("docx").is_file()


def test_series_folder_without_series_file_is_reported(tmp_path, content):
    orphan = content / "nieuwe-reeks"
    orphan.mkdir()
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    (orphan / "sessie.md").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    result = snakemake(content, tmp_path / "out", "--keep-going")
    assert result.returncode != 0
    assert f"{orphan / 'reeks.yaml'}: het bestand bestaat niet" in result.stderr
    assert (tmp_path / "out" / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.pdf").is_file()


def test_missing_register_is_reported_in_dutch(tmp_path, content):
    (content / "organisaties.yaml").unlink()
    result = snakemake(content, tmp_path / "out")
    assert result.returncode != 0
    assert f"{content / 'organisaties.yaml'}: het bestand bestaat niet" in result.stderr
    assert "MissingInputException" not in result.stderr


def test_file_name_with_braces_is_named_and_the_rest_builds(tmp_path, content):
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    odd = content / EXAMPLE_SERIES / "sessie {1}.md"
    odd.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    result = snakemake(content, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert f"FOUT: {odd}: de bestandsnaam bevat accolades" in result.stderr
    assert (tmp_path / "out" / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.pdf").is_file()


def test_a_logo_swapped_for_a_link_after_a_build_is_refused(tmp_path, content):
    add_logos(content)
    out = tmp_path / "out"
    assert snakemake(content, out).returncode == 0
    secret = tmp_path / "geheim.png"
    secret.write_bytes((content / "logo" / "pbl.png").read_bytes() + b"GEHEIM")
    (content / "logo" / "pbl.png").unlink()
    (content / "logo" / "pbl.png").symlink_to(secret)
    (out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.html").unlink()
    result = snakemake(content, out)
    assert result.returncode != 0
    assert "'logo/pbl.png' verwijst naar een bestand buiten de contentmap" in result.stderr
    assert not list((out / EXAMPLE_SERIES).glob(f"{EXAMPLE_SESSION}.*"))
