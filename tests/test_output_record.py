"""Outputs without a source: what an earlier build made and no session accounts for
any more goes; nothing else, in the output folder or outside it, is ever touched."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from copreport import output_record, paths
from copreport.output_record import RECORD, build_started, tidy
from copreport.paths import REPORT_KINDS as KINDS
from copreport.paths import every_output as accounted_for


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "out"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    return folder


def build(
    out: Path,
    content: Path,
    sessions: list[tuple[str, str]],
    distribution: bool = True,
    drafts: frozenset = frozenset(),
) -> output_record.Tidied:
    """Write what a build of these sessions writes, then tidy up as a build does."""
    started = build_started()
    made = paths.made_by_a_build(out, sessions, drafts, distribution)
    for path in made:
        if path.parent.name == paths.PACKAGES:
            path.mkdir(parents=True, exist_ok=True)
            for name in ("01-a-example.eml", f"{path.name}.zip", "manifest.json"):
                (path / name).write_text("pakket")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"verslag")
    return tidy(out, content, accounted_for(out, sessions, distribution), started)


def written_before(path: Path) -> None:
    """Date a file an hour back, as one written before the build."""
    moment = build_started() - 3600
    os.utime(path, (moment, moment))


def names(removed: list[Path], out: Path) -> set[str]:
    return {path.relative_to(out).as_posix() for path in removed}


def test_a_deleted_session_loses_its_reports_and_package_and_nothing_else(out, content):
    build(out, content, [("a", "een"), ("a", "twee"), ("b", "drie")])
    (out / "a" / "notities.docx").write_bytes(b"van de gebruiker")
    (out / "a" / "twee-oud.pdf").write_bytes(b"ook van de gebruiker")
    (out / "verzendlog.jsonl").write_text("{}\n")

    done = build(out, content, [("a", "een"), ("b", "drie")])

    assert names(done.removed, out) == {
        *(f"a/twee.{kind}" for kind in KINDS),
        "a/verzending/twee",
    }
    assert not (out / "a" / "twee.pdf").exists()
    assert not (out / "a" / "verzending" / "twee").exists()
    assert (out / "a" / "een.pdf").exists() and (out / "a" / "overzicht.pdf").exists()
    assert (out / "a" / "notities.docx").read_bytes() == b"van de gebruiker"
    assert (out / "a" / "twee-oud.pdf").exists() and (out / "verzendlog.jsonl").exists()


def test_a_deleted_series_leaves_no_empty_folders(out, content):
    build(out, content, [("a", "een"), ("b", "drie"), ("c", "vier")])
    (out / "c" / "notities.docx").write_bytes(b"van de gebruiker")

    build(out, content, [("a", "een")])

    assert not (out / "b").exists()
    assert [p.name for p in (out / "c").iterdir()] == ["notities.docx"]
    assert (out / "a" / "verzending" / "een" / "manifest.json").exists()
    assert (out / "index.pdf").exists()


def test_a_package_loses_only_its_own_files(out, content):
    build(out, content, [("a", "een")])
    package = out / "a" / "verzending" / "een"
    (package / "mijn-antwoord.txt").write_text("van de gebruiker")

    done = build(out, content, [("a", "een")], distribution=False)

    assert done.removed == [package]
    assert sorted(p.name for p in package.iterdir()) == ["mijn-antwoord.txt"]
    assert (out / "a" / "een.pdf").exists()
    assert build(out, content, [("a", "een")], distribution=False).removed == []


def test_a_draft_and_its_final_name_both_belong_to_the_session(out, content):
    build(out, content, [("a", "een")])
    (out / "a" / "een.pdf").unlink()  # what publishing a draft does
    assert build(out, content, [("a", "een")], drafts={("a", "een")}).removed == []
    (out / "a" / "een.pdf").write_bytes(b"de eigen getekende versie")
    written_before(out / "a" / "een.pdf")
    build(out, content, [("a", "een"), ("a", "twee")], drafts={("a", "een")})

    done = build(out, content, [("a", "twee")])

    assert "a/een-concept.pdf" in names(done.removed, out)
    assert (out / "a" / "een.pdf").read_bytes() == b"de eigen getekende versie"


def test_nothing_goes_without_a_record_of_our_own(out, content, tmp_path):
    """The first build with a record, or one from another content folder, removes
    nothing (nor does the build command without any session: see its tests)."""
    other = tmp_path / "elders"
    other.mkdir()
    made = paths.made_by_a_build(out, [("a", "twee")], set(), False)
    for path in made:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"verslag")
    assert build(out, content, [("a", "een")]).removed == []
    assert (out / "a" / "twee.pdf").exists()

    done = build(out, other, [("b", "drie")])
    assert done.removed == [] and done.other_content == str(content)
    assert build(out, content, [("a", "een")]).other_content == str(other)
    assert (out / "a" / "een.pdf").exists() and (out / "b" / "drie.pdf").exists()


def test_the_same_content_folder_by_another_path_is_the_same(out, content, tmp_path):
    build(out, content, [("a", "een"), ("a", "twee")])
    (tmp_path / "link").symlink_to(content)
    done = build(out, tmp_path / "link", [("a", "een")])
    assert done.other_content is None
    assert "a/twee.pdf" in names(done.removed, out)


def test_a_name_that_is_also_a_wanted_file_stays(out, content):
    """On a disk that ignores case, `Reeks-A` and `reeks-a` are one folder: removing
    the old name would remove the report just made (imitated here with a link)."""
    build(out, content, [("Reeks-A", "een")])
    (out / "reeks-a").symlink_to("Reeks-A")
    done = build(out, content, [("reeks-a", "een")])
    assert done.removed == []
    assert (out / "reeks-a" / "een.pdf").read_bytes() == b"verslag"


def test_nothing_outside_the_output_folder_goes_through_a_linked_folder(
    out, content, tmp_path
):
    build(out, content, [("a", "een"), ("a", "twee")])
    archive = tmp_path / "archief"
    (out / "a").rename(archive)
    (out / "a").symlink_to(archive)
    build(out, content, [("a", "een")])
    assert (archive / "twee.pdf").exists()
    assert (archive / "verzending" / "twee" / "manifest.json").exists()


def test_a_damaged_or_hostile_record_removes_only_what_the_pipeline_makes(
    out, content, tmp_path
):
    outside = tmp_path / "buiten.txt"
    outside.write_text("niet van ons")
    build(out, content, [("a", "een")])
    (out / ".model").mkdir()
    (out / ".model" / "a.json").write_text("{}")
    (out / "verzendlog.jsonl").write_text("{}\n")
    (out / "eigen").mkdir()
    (out / "a" / "mijn-map").mkdir()
    (out / "a" / "link.pdf").symlink_to(outside)
    hostile = [
        "../buiten.txt",
        str(outside),
        ".model/a.json",
        "a/../../buiten.txt",
        "verzendlog.jsonl",
        "eigen",
        "a/mijn-map",
        "a/link.pdf",
        "a/\udcff.pdf",
        "x" * 300 + "/a.pdf",
        7,
    ]
    for listed in (
        "geen json",
        "[" * 100_000 + "]" * 100_000,
        json.dumps({"content": str(content), "gemaakt": "a/een.pdf"}),
        json.dumps({"content": str(content), "gemaakt": hostile}),
    ):
        (out / RECORD).write_text(listed)
        done = build(out, content, [("a", "een")])
    assert names(done.removed, out) == {"a/link.pdf"}
    assert not (out / "a" / "link.pdf").is_symlink()  # the link went, not its target
    assert outside.read_text() == "niet van ons"
    assert (out / ".model" / "a.json").exists() and (out / "verzendlog.jsonl").exists()
    assert (out / "eigen").is_dir() and (out / "a" / "mijn-map").is_dir()
    assert (out / "a" / "een.pdf").exists()


def test_what_a_partial_or_failed_build_made_is_recorded_and_goes_later(out, content):
    """A build of some sessions, or one with errors, removes nothing but records what
    is there: the next good full build removes it once its session is gone."""
    build(out, content, [("a", "een")])
    typo = paths.reports(out, "a", "typo")
    for path in typo:
        path.write_bytes(b"verslag")
    accounted = accounted_for(out, [("a", "een"), ("a", "typo")], True)
    assert tidy(out, content, accounted, build_started(), full=False).removed == []
    accounted = accounted_for(out, [("a", "een"), ("a", "goed")], True)
    later = tidy(out, content, accounted, build_started(), full=False)
    assert sorted(later.waiting) == sorted(typo)
    assert later.removed == []
    assert all(path.exists() for path in typo)  # only said, not done

    done = build(out, content, [("a", "een"), ("a", "goed")])

    assert sorted(done.removed) == sorted(typo)


def test_outputs_made_before_the_record_or_from_another_folder_are_recorded(
    out, content, tmp_path
):
    """Reports that were there before (not written by this build) count as ours when
    no other name of theirs is there: after switching content folders and back, or
    a first build with a record, a deleted session still loses them."""
    other = tmp_path / "elders"
    other.mkdir()
    build(out, content, [("a", "een"), ("a", "twee")])
    build(out, other, [("b", "drie")])
    for path in (out / "a").rglob("*"):
        written_before(path)
    tidy(out, content, accounted_for(out, [("a", "een"), ("a", "twee")]), build_started())
    done = build(out, content, [("a", "een")])
    assert "a/twee.pdf" in names(done.removed, out)


def test_a_moved_content_folder_removes_nothing_once(out, content, tmp_path):
    """A content folder that is no longer where it was may have moved, or be on a
    disk that is not attached: nothing of it goes (the user is told so)."""
    build(out, content, [("a", "een"), ("a", "twee")])
    moved = tmp_path / "verhuisd"
    content.rename(moved)
    done = build(out, moved, [("a", "een")])
    assert done.other_content == str(content) and done.removed == []
    assert build(out, moved, [("a", "een")]).other_content is None
    assert (out / "a" / "twee.pdf").exists()  # the note said: remove it yourself


def test_a_lone_file_of_the_user_is_recorded_only_after_a_full_build(out, content):
    """A partial build (or one with errors) records only what it wrote: a file the
    user saved under the name of a session that was never built stays the user's,
    as does a package folder of a draft, or a file dated in the future."""
    build(out, content, [("a", "een")])
    (out / "a" / "derde.html").write_text("mijn eigen notitie")
    written_before(out / "a" / "derde.html")
    draft_package = out / "a" / "verzending" / "vier"
    draft_package.mkdir(parents=True)
    (draft_package / "01-voorlopig.eml").write_text("van de gebruiker")
    written_before(draft_package)
    (out / "a" / "een-concept.pdf").write_text("kopie")
    future = build_started() + 10 * 365 * 24 * 3600
    os.utime(out / "a" / "een-concept.pdf", (future, future))
    accounted = accounted_for(out, [("a", "een"), ("a", "derde"), ("a", "vier")])
    tidy(out, content, accounted, build_started(), full=False)
    build(out, content, [("a", "een"), ("a", "vier")], drafts={("a", "vier")})

    done = build(out, content, [("b", "vijf")])  # every session of a is gone

    assert {"a/een.pdf", "a/vier-concept.pdf"} <= names(done.removed, out)
    assert (out / "a" / "derde.html").read_text() == "mijn eigen notitie"
    assert (draft_package / "01-voorlopig.eml").exists()
    assert (out / "a" / "een-concept.pdf").read_text() == "kopie"


def test_a_damaged_content_line_or_a_pipe_as_record_is_no_record(out, content):
    import threading

    build(out, content, [("a", "een"), ("a", "twee")])
    for source in ("a\u0000b", "\ud800", str(content) + "\nFOUT: nep", "relatief"):
        (out / RECORD).write_text(
            json.dumps({"content": source, "gemaakt": ["a/twee.pdf"]})
        )
        assert build(out, content, [("a", "een")]).removed == []
    (out / RECORD).unlink()
    os.mkfifo(out / RECORD)
    worker = threading.Thread(target=build, args=(out, content, [("a", "een")]))
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert (out / "a" / "twee.pdf").exists()


def test_what_cannot_be_removed_or_recorded_is_said_and_tried_again(
    out, content, monkeypatch
):
    build(out, content, [("a", "een"), ("a", "twee")])

    def refuse(path, relative):
        raise PermissionError(13, "Permission denied")

    real = output_record._remove
    monkeypatch.setattr(output_record, "_remove", refuse)
    done = build(out, content, [("a", "een")])
    assert out / "a" / "twee.pdf" in done.failed and done.removed == []
    monkeypatch.setattr(output_record, "_remove", real)
    assert out / "a" / "twee.pdf" in build(out, content, [("a", "een")]).removed

    (out / RECORD).unlink()
    (out / RECORD).mkdir()
    assert build(out, content, [("a", "een")]).unrecorded


def intermediates_of(out: Path, reeks: str, sessie: str) -> list[Path]:
    """Write a session's model, staged report and log, and its series' kept figure."""
    written = [
        out / ".model" / reeks / f"{sessie}.json",
        out / ".werk" / reeks / f"{sessie}.pdf",
        out / ".logs" / reeks / f"{sessie}.parse.log",
        out / ".werk" / ".bewaard" / f"{reeks}.deelname.png",
    ]
    for path in written:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("tussenstap")
    return written


def test_a_deleted_session_and_series_lose_their_intermediate_files(out, content):
    build(out, content, [("a", "een"), ("a", "twee"), ("b", "drie")])
    kept = intermediates_of(out, "a", "een")
    gone = intermediates_of(out, "a", "twee")[:3] + intermediates_of(out, "b", "drie")
    done = build(out, content, [("a", "een")])
    assert done.intermediates_failed == []
    assert all(path.exists() for path in kept)
    assert not any(path.exists() for path in gone)
    assert not (out / ".model" / "b").exists()


def test_intermediate_files_of_another_content_folder_stay(out, content, tmp_path):
    other = tmp_path / "elders"
    other.mkdir()
    build(out, other, [("a", "een"), ("a", "twee")])
    theirs = intermediates_of(out, "a", "twee")
    build(out, content, [("a", "een")])
    assert all(path.exists() for path in theirs)


def test_intermediate_files_that_cannot_go_are_tried_again(out, content, monkeypatch):
    build(out, content, [("a", "een"), ("a", "twee")])
    stuck = intermediates_of(out, "a", "twee")[0]
    real = output_record.intermediates.remove
    monkeypatch.setattr(output_record.intermediates, "remove", lambda paths: list(paths))
    assert stuck in build(out, content, [("a", "een")]).intermediates_failed
    monkeypatch.setattr(output_record.intermediates, "remove", real)
    assert build(out, content, [("a", "een")]).intermediates_failed == []
    assert not stuck.exists()
