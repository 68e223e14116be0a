"""The outline: one description of the report, worded once, that every format lays out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from copreport.dutch import fields
from copreport.errors import SourceError
from copreport.model import Link, plain_text
from copreport.outline import build_outline
from copreport.outline.nodes import Facts, Group, KeyPoints, Statement
from copreport.source import load_session
from helpers import CONTENT, EXAMPLE_SERIES, EXAMPLE_SESSION, ROOT, copy_content

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def example():
    return load_session(CONTENT / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md")


@pytest.fixture
def editable(tmp_path) -> Path:
    return copy_content(tmp_path / "content")


def source_of(content: Path) -> Path:
    return content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"


def edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def section(outline, role):
    return next(s for s in outline.sections if s.role == role)


def test_the_report_opens_with_what_the_stellingen_yielded(example):
    outline = build_outline(example)
    assert [s.role for s in outline.sections] == [
        "key_points",
        "introduction",
        "focus",
        "text",
        "stelling",
        "stelling",
        "stelling",
        "participants",
        "colophon",
    ]
    (points,) = section(outline, "key_points").parts
    assert isinstance(points, KeyPoints)
    assert [(p.reference, p.anchor) for p in points.items] == [
        ("Stelling 1 · Draagvlak", "stelling-1"),
        ("Stelling 2 · Instrumenten", "stelling-2"),
        ("Stelling 3 · Schaal", "stelling-3"),
    ]
    first = plain_text(points.items[0].inlines)
    assert first.startswith("Brede welvaart kan het gesprek")  # a capital when alone
    anchors = [s.anchor for s in outline.sections if s.role == "stelling"]
    assert anchors == ["stelling-1", "stelling-2", "stelling-3"]


def test_no_stelling_is_repeated_word_for_word(example):
    outline = build_outline(example)
    statements = [plain_text(s.statement) for s in example.stellingen]
    shown = []
    for part in (p for s in outline.sections for p in s.parts):
        if isinstance(part, Statement):
            shown.append(plain_text(part.inlines))
    assert shown == statements  # each once, in its own stelling
    everything = repr(outline)
    for statement in statements:
        assert everything.count(statement[:40]) == 1


def test_without_conclusions_the_lead_names_the_topics_with_links(editable):
    source = source_of(editable)
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"\nConclusie:.*?(?=\n\n|\Z)", "", text, flags=re.S)
    source.write_text(text, encoding="utf-8")
    outline = build_outline(load_session(source))
    assert "key_points" not in [s.role for s in outline.sections]
    lead = plain_text(outline.lead).replace(NBSP, " ")
    assert lead.endswith(
        "Er zijn drie stellingen besproken, over draagvlak, instrumenten en schaal."
    )
    links = [node.href for node in outline.lead if isinstance(node, Link)]
    assert links == ["#stelling-1", "#stelling-2", "#stelling-3"]


def test_the_date_stands_once_in_the_title_block_and_host_and_date_never_break(example):
    outline = build_outline(example)
    assert outline.title_block.meta == f"1{NBSP}februari{NBSP}2024 · Den Haag (PBL)"
    assert outline.running.header_right == f"1{NBSP}februari{NBSP}2024"
    assert "februari" not in outline.title_block.title + outline.title_block.series


def test_participants_are_grouped_under_their_kind_without_a_kind_column(example):
    outline = build_outline(example)
    groups = [
        (g.heading, [e.text for e in g.entries])
        for g in section(outline, "participants").parts
    ]
    assert groups == [
        (
            "Ministeries",
            [
                "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
                "Ministerie van Economische Zaken en Klimaat",
                "Ministerie van Landbouw, Natuur en Voedselkwaliteit",
            ],
        ),
        ("Planbureaus", ["Planbureau voor de Leefomgeving"]),
        (
            "Spreker",
            ["Teatske Pol, adviseur economie en leefbaarheid (Provincie Overijssel)"],
        ),
    ]


def test_two_speakers_are_sprekers(editable):
    source = edit(
        source_of(editable),
        "    organisatie: Overijssel\n",
        "    organisatie: Overijssel\n  - naam: Jan Jansen\n",
    )
    outline = build_outline(load_session(source))
    speakers = section(outline, "participants").parts[-1]
    assert isinstance(speakers, Group)
    assert speakers.heading == "Sprekers"
    assert [e.text for e in speakers.entries][1] == "Jan Jansen"


def facts(outline) -> dict[str, str]:
    (rows,) = section(outline, "colophon").parts
    assert isinstance(rows, Facts)
    return {row.label: plain_text(row.inlines).replace(NBSP, " ") for row in rows.rows}


def test_the_colophon_says_who_made_it_and_where_the_session_sits(example):
    found = facts(build_outline(example))
    assert found["Organisator"] == "HZ Kenniscentrum Zeeuwse Samenleving"
    assert found["Reeks"] == "Bijeenkomst 4 van de reeks ‘Basis voor gebiedsgericht werken’"
    assert "Vorige bijeenkomst" not in found and "Contact" not in found
    assert "Verslag opgemaakt" not in found  # only when the author gives the date


def test_contact_website_and_neighbours_appear_when_known(editable):
    series = editable / EXAMPLE_SERIES / "reeks.yaml"
    edit(
        series,
        "organisator: HZ-KCZS\n",
        "organisator: HZ-KCZS\ne-mail: cop@example.nl\nwebsite: https://example.nl/cop\n",
    )
    source = source_of(editable)
    for number, day in ((3, "2023-11-14"), (5, "2024-05-14")):
        other = source.with_name(f"{day}-sessie-{number}.md")
        other.write_text(
            source.read_text(encoding="utf-8")
            .replace("nummer: 4", f"nummer: {number}")
            .replace("datum: 2024-02-01", f"datum: {day}")
            .replace("titel: Brede welvaart op het platteland", f"titel: Sessie {number}"),
            encoding="utf-8",
        )
    found = facts(build_outline(load_session(source)))
    assert found["Contact"] == "cop@example.nl"
    assert found["Website"] == "https://example.nl/cop"
    assert found["Vorige bijeenkomst"] == "3 · Sessie 3 (14 november 2023)"
    assert found["Volgende bijeenkomst"] == "5 · Sessie 5 (14 mei 2024)"


def test_the_date_the_report_was_drawn_up_is_the_authors(editable):
    source = edit(source_of(editable), "nummer: 4\n", "nummer: 4\nopgemaakt: 2024-02-12\n")
    assert (
        facts(build_outline(load_session(source)))["Verslag opgemaakt"]
        == "12 februari 2024"
    )
    edit(source, "opgemaakt: 2024-02-12", "opgemaakt: 2024-01-12")
    with pytest.raises(SourceError) as caught:
        load_session(source)
    assert caught.value.line == 4  # the line after "nummer: 4"
    assert "'opgemaakt' (2024-01-12) ligt vóór de bijeenkomst (2024-02-01)" in str(
        caught.value
    )


def test_a_final_report_names_no_draft_as_its_neighbour(editable):
    source = source_of(editable)
    following = source.with_name("2024-05-14-sessie-5.md")
    following.write_text(
        source.read_text(encoding="utf-8")
        .replace("nummer: 4", "nummer: 5\nstatus: concept")
        .replace("datum: 2024-02-01", "datum: 2024-05-14"),
        encoding="utf-8",
    )
    assert "Volgende bijeenkomst" not in facts(build_outline(load_session(source)))
    draft = facts(build_outline(load_session(following)))
    assert draft["Vorige bijeenkomst"].startswith("4 · ")


def test_a_draft_is_marked_on_every_page_and_in_its_properties(editable):
    source = edit(source_of(editable), "nummer: 4\n", "nummer: 4\nstatus: concept\n")
    outline = build_outline(load_session(source))
    assert outline.draft
    assert outline.running.draft_mark == "CONCEPT"
    assert outline.properties.title.endswith("(concept)")
    assert facts(outline)["Status"].startswith("concept")


def test_readme_field_tables_are_made_from_the_declarations():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for marker, specs in fields.TABLES.items():
        block = re.search(
            rf"<!-- velden:{marker} -->\n(.*?)\n<!-- /velden:{marker} -->", readme, re.S
        )
        assert block, f"README has no table for {marker}"
        assert block.group(1).strip() == fields.table(specs)
