"""Parsing and validating sources into the model, and the messages for mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest
from copreport.errors import SourceError, SourceErrors
from copreport.model import Link, ListBlock, Paragraph, Section, plain_text
from copreport.source import load_session
from helpers import EXAMPLE_SERIES, EXAMPLE_SESSION

NBSP = "\u00a0"

FRONT_MATTER = """\
titel: Een proefsessie
nummer: 2
datum: 2024-05-14
locatie: Utrecht
deelnemers:
  - EZK
  - PBL
"""

BODY = """\
## Stelling 1 (proef)

**Dit is de stelling.**

- Een eerste punt.
- Een tweede punt.
"""


def write_session(
    content: Path, front_matter: str = FRONT_MATTER, body: str = BODY, name: str = "proef"
) -> Path:
    """A session source in the example series, from front matter and body text."""
    path = content / EXAMPLE_SERIES / f"{name}.md"
    path.write_text(f"---\n{front_matter}---\n\n{body}", encoding="utf-8")
    return path


def errors_of(path: Path) -> list[SourceError]:
    """The problems the parser reports for a source (it must report at least one)."""
    with pytest.raises((SourceError, SourceErrors)) as caught:
        load_session(path)
    error = caught.value
    return error.errors if isinstance(error, SourceErrors) else [error]


def only_error(path: Path) -> SourceError:
    errors = errors_of(path)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


# --- the example session ---------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    root = Path(__file__).resolve().parents[1] / "content"
    return load_session(root / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md")


def test_example_session_has_its_metadata(example):
    assert example.title == "Brede welvaart op het platteland"
    assert example.number == 4
    assert example.date.isoformat() == "2024-02-01"
    assert example.location == "Den Haag"
    assert example.host.name == "Planbureau voor de Leefomgeving"
    assert example.draft is False


def test_example_stellingen_are_structured(example):
    stellingen = example.stellingen
    assert [(s.number, s.label) for s in stellingen] == [
        (1, "draagvlak"),
        (2, "instrumenten"),
        (3, "schaal"),
    ]
    assert [len(s.points) for s in stellingen] == [5, 7, 6]
    assert plain_text(stellingen[0].statement).startswith("Brede welvaart (BW) helpt")
    assert plain_text(stellingen[2].points[-1].blocks[0].inlines).startswith(
        "Bij een Regio Deal (in Zeeland)"
    )


def test_example_keeps_other_sections_in_order(example):
    kinds = [(part.kind, getattr(part, "title", None)) for part in example.body]
    assert kinds[0] == ("section", "Wat hebben we gedaan?")
    assert [kind for kind, _ in kinds[1:]] == ["stelling"] * 3


def test_organisations_are_resolved_to_their_full_names(example):
    assert sorted(o.name for o in example.participants) == [
        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        "Ministerie van Economische Zaken en Klimaat",
        "Ministerie van Landbouw, Natuur en Voedselkwaliteit",
        "Planbureau voor de Leefomgeving",
    ]
    speaker = example.speakers[0]
    assert (speaker.name, speaker.role, speaker.organisation) == (
        "Teatske Pol",
        "adviseur economie en leefbaarheid",
        "Provincie Overijssel",
    )
    assert example.series.organiser.name == "HZ Kenniscentrum Zeeuwse Samenleving"


def test_conclusions_are_taken_out_of_the_points(example):
    stelling = example.stellingen[0]
    assert plain_text(stelling.conclusion).startswith("brede welvaart kan het gesprek")
    assert all(
        "Conclusie" not in plain_text(block.inlines)
        for block in stelling.blocks
        if hasattr(block, "inlines")
    )


@pytest.mark.parametrize(
    "line",
    ["Conclusie: het werkt.", "**Conclusie:** het werkt.", "conclusie : het werkt."],
)
def test_a_conclusion_can_be_written_as_authors_do(content, line):
    body = BODY + "\n" + line + "\n"
    stelling = load_session(write_session(content, body=body)).stellingen[0]
    assert plain_text(stelling.conclusion) == "het werkt."


def test_an_empty_conclusion_is_refused(content):
    error = only_error(write_session(content, body=BODY + "\nConclusie:\n"))
    assert "'Conclusie:' zonder tekst" in str(error)


def test_series_text_opens_the_report(example):
    series = example.series
    assert series.network == "Nationaal Netwerk Brede Welvaart"
    assert plain_text(series.central_question).startswith("Hoe kan brede welvaart")
    assert series.lines == ["keuzes", "draagvlak", "samenwerking"]
    assert len(series.introduction) == 3


# --- metadata mistakes -----------------------------------------------------------


def test_unknown_organisation_names_file_line_and_nearest_key(content):
    source = write_session(content, FRONT_MATTER.replace("- EZK", "- EZKK"))
    error = only_error(source)
    assert error.path == source
    assert error.line == 7
    assert "onbekende organisatie 'EZKK' in deelnemers — bedoelt u 'EZK'?" in str(error)
    assert "organisaties.yaml" in str(error)


def test_missing_required_field_is_named(content):
    source = write_session(content, FRONT_MATTER.replace("locatie: Utrecht\n", ""))
    assert "het verplichte veld 'locatie' ontbreekt" in str(only_error(source))


def test_misspelt_field_gets_a_suggestion(content):
    source = write_session(content, FRONT_MATTER.replace("locatie:", "lokatie:"))
    messages = [str(e) for e in errors_of(source)]
    assert any("onbekend veld 'lokatie' — bedoelt u 'locatie'?" in m for m in messages)
    assert any(":5:" in m for m in messages)
    # One mistake, one message: not also "het verplichte veld 'locatie' ontbreekt".
    assert not any("ontbreekt" in m for m in messages), messages


def test_impossible_date_is_refused_with_the_reason(content):
    source = write_session(content, FRONT_MATTER.replace("2024-05-14", "2025-02-30"))
    error = only_error(source)
    assert error.line == 4
    assert "2025-02-30 bestaat niet (februari 2025 heeft 28 dagen)" in str(error)


def test_dutch_style_date_is_refused_with_the_right_form(content):
    source = write_session(content, FRONT_MATTER.replace("2024-05-14", "10-02-2025"))
    assert "bedoelt u 2025-02-10?" in str(only_error(source))


def test_words_yaml_1_1_would_turn_into_booleans_stay_text(content):
    front = FRONT_MATTER.replace("Een proefsessie", "no").replace("Utrecht", "off")
    session = load_session(write_session(content, front))
    assert session.title == "no"
    assert session.location == "off"


def test_times_and_leading_zeros_stay_as_written(content):
    front = FRONT_MATTER.replace("Een proefsessie", "Start om 10:30")
    session = load_session(write_session(content, front.replace("nummer: 2", "nummer: 02")))
    assert session.title == "Start om 10:30"
    assert session.number == 2


def test_hash_that_would_cut_a_title_short_is_refused(content):
    source = write_session(content, FRONT_MATTER.replace("Een proefsessie", "Stelling #3"))
    error = only_error(source)
    assert error.line == 2
    assert "' #'" in str(error) and "aanhalingstekens" in str(error)


def test_duplicate_field_is_refused_with_both_lines(content):
    source = write_session(content, FRONT_MATTER + "titel: Nog een titel\n")
    error = only_error(source)
    assert error.line == 9
    assert "'titel' staat er twee keer (ook op regel 2)" in str(error)


def test_every_problem_of_a_file_is_reported_at_once(content):
    front = FRONT_MATTER.replace("- EZK", "- EZKK").replace("nummer: 2", "nummer: twee")
    lines = sorted(e.line for e in errors_of(write_session(content, front)))
    assert lines == [3, 7]


def test_wrong_type_is_named(content):
    front = FRONT_MATTER.replace("deelnemers:\n  - EZK\n  - PBL\n", "deelnemers: EZK\n")
    assert "'deelnemers' moet een lijst zijn" in str(
        only_error(write_session(content, front))
    )


def test_not_utf8_is_refused_with_how_to_fix_it(content):
    source = write_session(content)
    source.write_bytes(source.read_bytes().replace(b"proefsessie", b"\x93proef\x94"))
    error = only_error(source)
    assert error.line == 2
    assert "UTF-8" in str(error)


def test_missing_front_matter_is_explained(content):
    source = content / EXAMPLE_SERIES / "zonder.md"
    source.write_text("## Stelling 1\n\nTekst\n", encoding="utf-8")
    assert "begint niet met kopgegevens" in str(only_error(source))


# --- body mistakes -----------------------------------------------------------------


def test_stelling_numbers_with_a_gap_are_refused_at_the_heading(content):
    body = BODY + "\n## Stelling 3\n\nDe derde stelling.\n"
    error = only_error(write_session(content, body=body))
    assert error.line == 18
    assert "Stelling 2 ontbreekt" in str(error)


def test_repeated_stelling_number_is_refused(content):
    body = BODY + "\n## Stelling 1\n\nNog eens de eerste.\n"
    assert "Stelling 1 komt twee keer voor" in str(
        only_error(write_session(content, body=body))
    )


def test_stelling_without_statement_is_refused(content):
    body = "## Stelling 1\n\n- Alleen een punt.\n"
    assert "ontbreekt de stelling zelf" in str(
        only_error(write_session(content, body=body))
    )


def test_malformed_stelling_heading_is_explained(content):
    body = "## Stelling twee\n\nDe stelling.\n"
    assert "geen geldige stellingkop" in str(only_error(write_session(content, body=body)))


# --- untrusted content --------------------------------------------------------------


def test_raw_html_is_kept_as_visible_text(content):
    body = "## Verslag\n\n<script>alert('x')</script> en <b>vet</b>\n"
    session = load_session(write_session(content, body=body))
    section = session.body[0]
    assert isinstance(section, Section)
    text = plain_text(section.blocks[0].inlines)
    assert "<script>alert(" in text and "<b>vet</b>" in text


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,x",
        "pagina.html",
    ],
)
def test_only_web_and_mail_links_are_accepted(content, href):
    body = f"## Verslag\n\nZie [hier]({href}).\n"
    error = only_error(write_session(content, body=body))
    assert error.line == 13
    assert "alleen volledige webadressen" in str(error)


def test_web_links_survive(content):
    body = "## Verslag\n\nZie [de site](https://www.brede-welvaart.nl/) en [mail](mailto:a@b.nl).\n"
    session = load_session(write_session(content, body=body))
    inlines = session.body[0].blocks[0].inlines
    assert [n.href for n in inlines if isinstance(n, Link)] == [
        "https://www.brede-welvaart.nl/",
        "mailto:a@b.nl",
    ]


def test_numbered_points_and_nesting_are_kept(content):
    body = "## Stelling 1\n\nStelling.\n\n1. Een\n2. Twee\n    - Genest\n"
    stelling = load_session(write_session(content, body=body)).stellingen[0]
    points = stelling.blocks[0]
    assert isinstance(points, ListBlock) and points.ordered
    assert isinstance(points.items[1].blocks[1], ListBlock)


def test_dutch_quotes_and_apostrophes(content):
    body = (
        "## Verslag\n\nHij zei \"kom\" en 's avonds ging 't over 'draagvlak' en auto's.\n"
    )
    paragraph = load_session(write_session(content, body=body)).body[0].blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert plain_text(paragraph.inlines) == (
        "Hij zei “kom” en ’s avonds ging ’t over ‘draagvlak’ en auto’s."
    )


def test_sub_points_indented_by_two_spaces_stay_nested(content):
    body = (
        "## Stelling 1\n\nStelling.\n"
        "- Een punt\n  - Een subpunt\n    - Een subsubpunt\n- Tweede punt\n"
    )
    stelling = load_session(write_session(content, body=body)).stellingen[0]
    assert len(stelling.points) == 2
    sub = stelling.points[0].blocks[1]
    assert isinstance(sub, ListBlock)
    assert plain_text(sub.items[0].blocks[0].inlines) == "Een subpunt"
    assert isinstance(sub.items[0].blocks[1], ListBlock)


def test_a_list_straight_under_a_sentence_is_a_list(content):
    body = "## Verslag\n\nWe spraken over:\n- draagvlak\n- schaal\n"
    blocks = load_session(write_session(content, body=body)).body[0].blocks
    assert isinstance(blocks[0], Paragraph) and isinstance(blocks[1], ListBlock)
    assert len(blocks[1].items) == 2


def test_headings_lose_their_markup_but_keep_their_words(content):
    body = "## *Inleiding* en **meer**\n\nTekst.\n\n## 1. Eerste punt\n\nTekst.\n"
    titles = [part.title for part in load_session(write_session(content, body=body)).body]
    assert titles == ["Inleiding en meer", "1. Eerste punt"]


def test_hashes_inside_fenced_code_are_not_headings(content):
    body = "## Verslag\n\n```\n# geen kop\n## ook geen kop\n```\n"
    section = load_session(write_session(content, body=body)).body[0]
    assert section.blocks[0].text == "# geen kop\n## ook geen kop"


def test_stelling_labels_and_register_names_get_dutch_typography(content):
    register = content / "organisaties.yaml"
    register.write_text(
        register.read_text(encoding="utf-8").replace(
            "naam: Planbureau voor de Leefomgeving", "naam: Planbureau 'De Leefomgeving'"
        ),
        encoding="utf-8",
    )
    body = "## Stelling 1 ('s avonds)\n\nStelling.\n"
    session = load_session(write_session(content, body=body))
    assert session.stellingen[0].label == "’s avonds"
    names = [org.name for org in session.participants]
    assert "Planbureau ‘De Leefomgeving’" in names


def test_content_files_linked_from_outside_are_refused(content, tmp_path):
    outside = tmp_path / "buiten.yaml"
    register = content / "organisaties.yaml"
    outside.write_text(register.read_text(encoding="utf-8"), encoding="utf-8")
    register.unlink()
    register.symlink_to(outside)
    error = only_error(write_session(content))
    assert error.path == register
    assert "buiten de contentmap" in str(error)


def test_a_session_name_that_is_not_a_file_is_named_not_skipped(content, tmp_path):
    """A folder, a pipe or a link to nothing with a session's name is a problem for
    that name, not a session that silently went (which would remove its reports)."""
    import os

    from copreport import paths

    folder = content / EXAMPLE_SERIES
    source = folder / f"{EXAMPLE_SESSION}.md"
    source.unlink()
    os.mkfifo(tmp_path / "pijp")
    source.symlink_to(tmp_path / "pijp")
    (folder / "map.md").mkdir()
    (folder / "weg.md").symlink_to(tmp_path / "bestaat-niet.md")
    (folder / "notities").mkdir()  # no session's name: left alone, as before

    found = paths.scan(content)
    named = {Path(file).name: message for file, _, message in found.problems}
    assert set(named) == {f"{EXAMPLE_SESSION}.md", "map.md", "weg.md"}
    assert all(message == paths.NOT_A_FILE for message in named.values())
    assert (EXAMPLE_SERIES, EXAMPLE_SESSION) not in found.sessions
