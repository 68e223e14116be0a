"""The register of organisations, with its history: names as they were on the day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from copreport.errors import SourceError, SourceErrors
from copreport.source import load_session
from copreport.source.register import load_register
from helpers import CONTENT, EXAMPLE_SERIES, EXAMPLE_SESSION, copy_content


def errors_of(path: Path) -> list[str]:
    with pytest.raises((SourceError, SourceErrors)) as caught:
        load_register(path)
    error = caught.value
    return [str(e) for e in (error.errors if isinstance(error, SourceErrors) else [error])]


def test_a_renamed_ministry_keeps_its_old_name_before_the_change():
    register = load_register(CONTENT / "organisaties.yaml")
    before = register.on("LNV", dt.date(2024, 2, 1))
    after = register.on("LNV", dt.date(2025, 2, 1))
    assert (before.name, before.abbreviation) == (
        "Ministerie van Landbouw, Natuur en Voedselkwaliteit",
        "LNV",
    )
    assert (after.name, after.abbreviation) == (
        "Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur",
        "LVVN",
    )
    assert register.on("LNV", dt.date(2024, 7, 2)).name == after.name  # from that day


def test_a_report_names_participants_as_on_the_day(tmp_path):
    content = copy_content(tmp_path / "content")
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    old = {org.key: org.name for org in load_session(source).participants}
    assert old["LNV"] == "Ministerie van Landbouw, Natuur en Voedselkwaliteit"
    text = source.read_text(encoding="utf-8").replace("2024-02-01", "2025-02-06")
    source.write_text(text.replace("  - EZK\n", "  - EZ\n"), encoding="utf-8")
    new = {org.key: org.name for org in load_session(source).participants}
    assert new["LNV"] == "Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur"


def test_an_organisation_that_no_longer_existed_points_to_its_successors(tmp_path):
    content = copy_content(tmp_path / "content")
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("2024-02-01", "2025-02-06"),
        encoding="utf-8",
    )
    with pytest.raises((SourceError, SourceErrors)) as caught:
        load_session(source)
    assert (
        "'EZK' (Ministerie van Economische Zaken en Klimaat) bestond op 6 februari 2025 "
        "niet meer (opgeheven op 2 juli 2024); gebruik EZ (Ministerie van Economische "
        "Zaken) of KGG (Ministerie van Klimaat en Groene Groei)"
    ) in str(caught.value).replace("\u00a0", " ")


def register(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "organisaties.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_periods_out_of_order_or_after_the_end_are_refused_at_their_line(tmp_path):
    path = register(
        tmp_path,
        "A:\n  naam: Nu\n  soort: overig\n  opgeheven: 2023-01-01\n  eerdere_namen:\n"
        "    - naam: Eerst\n      tot: 2022-01-01\n    - naam: Daarna\n      tot: 2021-01-01\n"
        "    - naam: Te laat\n      tot: 2024-01-01\n",
    )
    errors = errors_of(path)
    assert any(":8: de eerdere namen van 'A' staan niet op volgorde" in e for e in errors)
    assert any(
        ":10: de naam 'Te laat' van 'A' gold tot 2024-01-01, na de opheffing" in e
        for e in errors
    )


def test_successors_must_exist_and_need_an_end_date(tmp_path):
    path = register(
        tmp_path,
        "A:\n  naam: Oud\n  soort: overig\n  opvolgers: [B, X]\nB:\n  naam: Nieuw\n  soort: overig\n",
    )
    errors = errors_of(path)
    assert any(":4: 'A' heeft opvolgers maar geen 'opgeheven'-datum" in e for e in errors)
    assert any("opvolger 'X' van 'A' staat niet in het register" in e for e in errors)


def test_a_former_name_needs_its_name_and_end(tmp_path):
    path = register(
        tmp_path, "A:\n  naam: Nu\n  soort: overig\n  eerdere_namen:\n    - afkorting: O\n"
    )
    errors = errors_of(path)
    assert any(
        "het verplichte veld 'naam' ontbreekt bij een eerdere naam" in e for e in errors
    )
    assert any(
        "het verplichte veld 'tot' ontbreekt bij een eerdere naam" in e for e in errors
    )
