"""Limited builds: the record of the last good build says what changed, and the steps
that ran say whether the limit held."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from copreport import paths
from copreport.cli import snapshot
from copreport.cli.progress import Progress


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    project, content, out = (tmp_path / name for name in ("project", "content", "out"))
    (project / "templates").mkdir(parents=True)
    (project / "templates" / "report.css").write_text("body {}\n")
    for reeks in ("a", "b"):
        (content / reeks).mkdir(parents=True)
        (content / reeks / "reeks.yaml").write_text("titel: Reeks\n")
        for sessie in ("een", "twee"):
            (content / reeks / f"{sessie}.md").write_text("tekst\n")
    (content / "organisaties.yaml").write_text("PBL:\n  naam: PBL\n")
    (out / "a").mkdir(parents=True)
    (out / "a" / "een.pdf").write_bytes(b"%PDF")
    return project, content, out


def recorded_then(folders, change) -> set[str]:
    """The series of the sources `edited_sources` names after a good build and then `change`."""
    project, content, out = folders

    def now() -> snapshot.State:
        sessions = paths.scan(content).sessions
        return snapshot.state(project, content, out, {}, ["all"], sessions)

    snapshot.record(out, now())
    assert snapshot.unchanged(out, now())
    change(project, content, out)
    return snapshot.series_of(snapshot.edited_sources(out, now()))


def touch(path: Path, text: str = "gewijzigd\n") -> None:
    path.write_text(text)
    os.utime(path, ns=(1, 1))  # a time that differs from the recorded one


def test_the_text_of_sessions_alone_names_their_series(folders):
    def edit(project, content, out):
        touch(content / "b" / "twee.md")

    assert recorded_then(folders, edit) == {"b"}


def test_edits_in_two_series_name_both(folders):
    def edit(project, content, out):
        touch(content / "a" / "een.md")
        touch(content / "b" / "een.md")

    assert recorded_then(folders, edit) == {"a", "b"}


@pytest.mark.parametrize(
    "change",
    [
        lambda project, content, out: touch(content / "a" / "drie.md"),  # a new session
        lambda project, content, out: (content / "a" / "twee.md").unlink(),
        lambda project, content, out: touch(content / "organisaties.yaml"),
        lambda project, content, out: touch(content / "a" / "reeks.yaml"),
        lambda project, content, out: (out / "a" / "een.pdf").unlink(),
        lambda project, content, out: touch(project / "templates" / "report.css"),
    ],
    ids=["nieuwe sessie", "sessie weg", "register", "reeks", "verslag weg", "stijlblad"],
)
def test_anything_else_changed_with_the_text_plans_the_whole_build(folders, change):
    def edit(project, content, out):
        touch(content / "a" / "een.md")
        change(project, content, out)

    assert recorded_then(folders, edit) == set()


def test_a_linked_series_folder_is_named_with_the_series_it_links_to(folders):
    _, content, _ = folders
    (content / "c").symlink_to(content / "a", target_is_directory=True)

    def edit(project, content, out):
        touch(content / "a" / "een.md")

    assert recorded_then(folders, edit) == {"a", "c"}


def test_a_new_empty_folder_plans_the_whole_build(folders):
    def edit(project, content, out):
        touch(content / "a" / "een.md")
        (content / "nieuw").mkdir()

    assert recorded_then(folders, edit) == set()


def test_an_edit_saved_while_a_build_runs_is_seen_by_the_next_build(folders):
    project, content, out = folders
    sessions = paths.scan(content).sessions
    before = snapshot.state(project, content, out, {}, ["all"], sessions)
    touch(content / "b" / "een.md")  # saved during the build
    (out / "a" / "twee.pdf").write_bytes(b"%PDF")  # the build writes a report
    snapshot.record(out, snapshot.finished(before, out))
    now = snapshot.state(project, content, out, {}, ["all"], sessions)
    assert not snapshot.unchanged(out, now)
    assert snapshot.series_of(snapshot.edited_sources(out, now)) == {"b"}


def test_without_a_readable_record_the_whole_build_is_planned(folders):
    def edit(project, content, out):
        (out / snapshot.RECORD).write_text("0123abcd\n")  # a record of the old form
        touch(content / "a" / "een.md")

    assert recorded_then(folders, edit) == set()


def test_steps_of_other_series_are_outside_the_limit_and_the_index_is_not():
    progress = Progress([])
    progress.labels = ["a/een", "a/overzicht", "index.html", "index.pdf"]
    assert progress.steps_outside({"a"}) == []
    progress.labels += ["b/twee", "index.oud/een", "verzendlijst.yaml", "templates/"]
    outside = ["b/twee", "index.oud/een", "verzendlijst.yaml", "templates/"]
    assert progress.steps_outside({"a"}) == outside
