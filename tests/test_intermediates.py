"""Intermediate files of sessions and series that are gone leave the output folder,
and nothing else does."""

from __future__ import annotations

from copreport.intermediates import remove, stale

WANTED = {  # what the current sessions can have (as `paths.every_output` names it)
    f"reeks-a/{name}.{kind}"
    for name in ("een", "een-concept", "twee", "twee-concept", "2024-05-01", "overzicht")
    for kind in ("pdf", "docx", "html")
} | {"index.html", "index.pdf", "reeks-a/oud.nieuw.pdf"}
RECORDED = {  # what the output record knew the pipeline had made
    "index.html",
    "reeks-a/een.pdf",
    "reeks-a/twee-concept.html",
    "reeks-a/drie.docx",
    "reeks-a/2024-05-01.pdf",
    "reeks-a/2024-05-01.v2.pdf",
    "reeks-a/oud.html",
    "reeks-a/overzicht.pdf",
    "reeks-b/oud.pdf",
    "reeks-b/overzicht.html",
    "reeks-b/verzending/oud/manifest.json",
}
KEPT = [
    ".model/organisaties.json",
    ".model/verzendlijst.json",
    ".model/reeks-a.reeks.json",
    ".model/reeks-a/een.json",
    ".model/reeks-a/twee.json",
    ".model/reeks-a/2024-05-01.json",
    ".model/reeks-a/oud.nieuw.json",  # a current session, whose name starts as a gone one's
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
    ".logs/reeks-a/notities.log",  # no session the record knew: the user's
    ".logs/mijn-app/2024-05-01.log",  # a folder of the user's (--uitvoer elsewhere)
    ".logs/mijn-app.reeks.log",
    ".werk/.bewaard/eigen.deelname.png",
    "reeks-b/oud.pdf",  # reports are the output record's (see test_output_record)
]
GONE = [
    ".model/reeks-a/drie.json",  # a deleted session
    ".werk/reeks-a/drie.docx",
    ".logs/reeks-a/drie.publish.log",
    ".model/reeks-a/2024-05-01.v2.json",  # not 2024-05-01's, although it starts so
    ".werk/reeks-a/oud.html",
    ".model/reeks-b.reeks.json",  # a deleted series
    ".model/reeks-b/oud.json",
    ".werk/reeks-b.overzicht.html",
    ".werk/reeks-b/oud.pdf",
    ".werk/.bewaard/reeks-b.overzicht.pdf.json",
    ".werk/.bewaard/reeks-b.deelname.png",
    ".logs/reeks-b.overzicht.publish.log",
    ".logs/reeks-b/oud.pdf.log",
]


def write(out, names):
    for name in names:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text("x")


def test_only_what_recorded_sessions_and_series_that_are_gone_left_goes(tmp_path):
    write(tmp_path, KEPT + GONE)
    found = stale(tmp_path, WANTED, RECORDED)
    assert found == sorted(tmp_path / name for name in GONE)
    assert remove(found) == []
    left = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert left == sorted(KEPT)
    assert not (tmp_path / ".model" / "reeks-b").exists()  # emptied series folders go
    assert (tmp_path / "reeks-b").is_dir()


def test_without_a_record_nothing_goes(tmp_path):
    write(tmp_path, KEPT + GONE)
    assert stale(tmp_path, WANTED, set()) == []


def test_a_name_that_differs_only_in_case_or_form_is_the_same_session(tmp_path):
    """On a disk that ignores case, `Reeks-A/Een.json` is the current session's file."""
    write(tmp_path, [".model/Reeks-A/Een.json", ".model/reeks-c/cafe\u0301.json"])
    recorded = {"Reeks-A/Een.pdf", "reeks-c/cafe\u0301.pdf"}
    wanted = {"reeks-a/een.pdf", "reeks-c/caf\u00e9.pdf"}
    assert stale(tmp_path, wanted, recorded) == []


def test_a_linked_folder_is_not_followed(tmp_path):
    elsewhere = tmp_path / "elders"
    write(elsewhere, ["reeks-b/oud.json", "reeks-b.reeks.json"])
    out = tmp_path / "out"
    (out / ".model").mkdir(parents=True)
    (out / ".model" / "reeks-b").symlink_to(elsewhere / "reeks-b")
    (out / ".werk").symlink_to(elsewhere)
    assert stale(out, WANTED, RECORDED) == []


def test_a_file_that_cannot_go_is_named(tmp_path):
    folder = tmp_path / ".model" / "reeks-b"
    folder.mkdir(parents=True)
    (folder / "oud.json").mkdir()  # a folder where a file was: unlink fails
    found = [folder / "oud.json"]
    assert remove(found) == found
