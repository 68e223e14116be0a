"""Intermediate files of sessions and series that are gone leave the output folder."""

from __future__ import annotations

from copreport.intermediates import remove, stale

CURRENT = [("reeks-a", "een"), ("reeks-a", "twee")]
KEPT = [
    ".model/organisaties.json",
    ".model/verzendlijst.json",
    ".model/reeks-a.reeks.json",
    ".model/reeks-a/een.json",
    ".model/reeks-a/twee.json",
    ".model/reeks-a/aantekeningen.txt",  # not a shape the pipeline writes
    ".werk/index.pdf",
    ".werk/sjablonen-pdf.ok",
    ".werk/reeks-a.overzicht.pdf",
    ".werk/reeks-a/een.pdf",
    ".werk/reeks-a/.een.pdf.123.part",
    ".werk/.bewaard/index.pdf.json",
    ".werk/.bewaard/reeks-a.deelname.png",
    ".logs/snakemake.log",
    ".logs/gemaakt.json",
    ".logs/reeks-a.reeks.log",
    ".logs/reeks-a/twee.parse.log",
    "reeks-b/oud.pdf",  # reports are the output record's (see test_output_record)
]
GONE = [
    ".model/reeks-a/drie.json",  # a deleted session
    ".werk/reeks-a/drie.docx",
    ".logs/reeks-a/drie.publish.log",
    ".model/reeks-b.reeks.json",  # a deleted series
    ".model/reeks-b/oud.json",
    ".werk/reeks-b.overzicht.html",
    ".werk/reeks-b/oud.pdf",
    ".werk/.bewaard/reeks-b.overzicht.pdf.json",
    ".werk/.bewaard/reeks-b.deelname.png",
    ".logs/reeks-b.overzicht.publish.log",
    ".logs/reeks-b/oud.pdf.log",
]


def test_only_what_gone_sessions_and_series_left_is_stale(tmp_path):
    for name in KEPT + GONE:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = stale(tmp_path, CURRENT)
    assert found == sorted(tmp_path / name for name in GONE)
    assert remove(found) == []
    left = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert left == sorted(KEPT)
    assert not (tmp_path / ".model" / "reeks-b").exists()  # emptied series folders go
    assert (tmp_path / "reeks-b").is_dir()


def test_a_linked_folder_is_not_followed(tmp_path):
    elsewhere = tmp_path / "elders"
    (elsewhere / "reeks-b").mkdir(parents=True)
    (elsewhere / "reeks-b" / "oud.json").write_text("x")
    out = tmp_path / "out"
    (out / ".model").mkdir(parents=True)
    (out / ".model" / "reeks-b").symlink_to(elsewhere / "reeks-b")
    (out / ".werk").symlink_to(elsewhere)
    assert stale(out, CURRENT) == []


def test_a_file_that_cannot_go_is_named(tmp_path):
    folder = tmp_path / ".model" / "reeks-b"
    folder.mkdir(parents=True)
    (folder / "oud.json").mkdir()  # a folder where a file was: unlink fails
    found = [folder / "oud.json"]
    assert remove(found) == found
