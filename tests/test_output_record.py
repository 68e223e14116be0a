"""Outputs without a source: what an earlier build made and no session accounts for
any more goes; nothing else in the output folder is ever touched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from copreport import output_record
from copreport.output_record import RECORD, accounted_for, tidy


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "out"


def made(
    out: Path, sessions: list[tuple[str, str]], distribution: bool = True
) -> list[Path]:
    """Write what a build of these sessions writes (final reports) and return what
    they account for."""
    accounted = accounted_for(out, sessions, distribution)
    for path in accounted:
        if "-concept" in path.name:
            continue
        if path.parent.name == "verzending":
            path.mkdir(parents=True, exist_ok=True)
            (path / "manifest.json").write_text("{}")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"verslag")
    return accounted


def files(out: Path) -> set[str]:
    return {
        path.relative_to(out).as_posix()
        for path in out.rglob("*")
        if not path.relative_to(out).parts[0].startswith(".")
    }


def test_a_deleted_session_loses_its_reports_and_package_and_nothing_else(out, tmp_path):
    content = tmp_path / "content"
    both = [("a", "een"), ("a", "twee"), ("b", "drie")]
    tidy(out, content, made(out, both))
    (out / "a" / "notities.docx").write_bytes(b"van de gebruiker")
    (out / "a" / "twee-oud.pdf").write_bytes(b"ook van de gebruiker")
    (out / "verzendlog.jsonl").write_text("{}\n")

    removed = tidy(out, content, made(out, [("a", "een"), ("b", "drie")]))

    gone = {p.relative_to(out).as_posix() for p in removed}
    assert gone == {
        "a/twee.pdf",
        "a/twee.docx",
        "a/twee.html",
        "a/verzending/twee",
    }
    assert not (out / "a" / "twee.pdf").exists()
    assert (out / "a" / "een.pdf").exists() and (out / "a" / "overzicht.pdf").exists()
    assert (out / "a" / "notities.docx").read_bytes() == b"van de gebruiker"
    assert (out / "a" / "twee-oud.pdf").exists() and (out / "verzendlog.jsonl").exists()


def test_a_deleted_series_leaves_no_empty_folders(out, tmp_path):
    content = tmp_path / "content"
    tidy(out, content, made(out, [("a", "een"), ("b", "drie"), ("c", "vier")]))
    (out / "c" / "notities.docx").write_bytes(b"van de gebruiker")

    tidy(out, content, made(out, [("a", "een")]))

    assert not (out / "b").exists()
    assert files(out / "c") == {"notities.docx"}  # the user's file keeps its folder
    assert (out / "a" / "verzending" / "een" / "manifest.json").exists()
    assert (out / "index.pdf").exists()


def test_without_a_distribution_list_the_packages_go(out, tmp_path):
    content = tmp_path / "content"
    tidy(out, content, made(out, [("a", "een")]))
    removed = tidy(out, content, made(out, [("a", "een")], distribution=False))
    assert removed == [out / "a" / "verzending" / "een"]
    assert not (out / "a" / "verzending").exists()
    assert (out / "a" / "een.pdf").exists()


def test_a_draft_and_its_final_name_both_belong_to_the_session(out, tmp_path):
    content = tmp_path / "content"
    tidy(out, content, made(out, [("a", "een")]))
    (out / "a" / "een-concept.pdf").write_bytes(b"concept")
    tidy(out, content, made(out, [("a", "een")]))
    assert tidy(out, content, made(out, [("a", "een")])) == []
    assert (out / "a" / "een-concept.pdf").exists() and (out / "a" / "een.pdf").exists()


def test_nothing_goes_without_a_record_of_our_own(out, tmp_path):
    """The first build with a record, another content folder, or no session at all
    (a wrong or emptied content folder) removes nothing."""
    content, other = tmp_path / "content", tmp_path / "elders"
    made(out, [("a", "een"), ("a", "twee")])
    assert tidy(out, content, made(out, [("a", "een")])) == []
    assert (out / "a" / "twee.pdf").exists()

    assert tidy(out, other, made(out, [("b", "drie")])) == []
    assert (out / "a" / "een.pdf").exists()
    assert tidy(out, content, made(out, [("a", "een")])) == []  # recorded: elders
    assert (out / "b" / "drie.pdf").exists()

    assert tidy(out, content, []) == []
    assert (out / "a" / "een.pdf").exists()


def test_a_damaged_or_hostile_record_removes_nothing_outside_the_reports(out, tmp_path):
    content = tmp_path / "content"
    outside = tmp_path / "buiten.txt"
    outside.write_text("niet van ons")
    made(out, [("a", "een")])
    (out / ".model").mkdir()
    (out / ".model" / "a.json").write_text("{}")
    (out / "a" / "link.pdf").symlink_to(outside)
    (out / RECORD).parent.mkdir(parents=True, exist_ok=True)
    for listed in (
        "geen json",
        json.dumps({"content": str(content), "gemaakt": "a/een.pdf"}),
        json.dumps(
            {
                "content": str(content),
                "gemaakt": [
                    "../buiten.txt",
                    str(outside),
                    ".model/a.json",
                    "a/../../buiten.txt",
                    "a/link.pdf",
                    7,
                ],
            }
        ),
    ):
        (out / RECORD).write_text(listed)
        tidy(out, content, accounted_for(out, [("a", "een")], True))
    assert outside.read_text() == "niet van ons"
    assert (out / ".model" / "a.json").exists()
    assert not (out / "a" / "link.pdf").is_symlink()  # the link itself went, not its target
    assert (out / "a" / "een.pdf").exists()


def test_what_cannot_be_removed_is_tried_again(out, tmp_path, monkeypatch):
    content = tmp_path / "content"
    tidy(out, content, made(out, [("a", "een"), ("a", "twee")]))
    real = output_record._remove
    monkeypatch.setattr(output_record, "_remove", lambda path: False)
    assert tidy(out, content, made(out, [("a", "een")])) == []
    monkeypatch.setattr(output_record, "_remove", real)
    assert out / "a" / "twee.pdf" in tidy(out, content, made(out, [("a", "een")]))
