"""Each kind of change rebuilds exactly the reports that depend on it, and nothing else.

A copy of the project (workflow, code, templates, content with two series) is
built once; every test then changes one thing in a fresh copy of that built tree
and reads Snakemake's dry run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import EXAMPLE_SERIES, EXAMPLE_SESSION, ROOT, SNAKEMAKE, copy_content

pytestmark = pytest.mark.slow

PROJECT_PARTS = ("Snakefile", "rules", "scripts", "templates", "profiles")
SECOND_SERIES = "tweede-reeks"
RENDERS = ("render_pdf", "render_docx", "render_web")


def run(project: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SNAKEMAKE), "--cores", "2", *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def planned_jobs(project: Path) -> dict[str, int]:
    """Rule name -> number of jobs a dry run would execute."""
    result = run(project, "--dry-run")
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    if "Nothing to be done" in output:
        return {}
    table = output.split("Job stats:")[1].split("total")[0]
    jobs = dict(re.findall(r"^(\w+)\s+(\d+)\s*$", table, flags=re.MULTILINE))
    jobs.pop("all", None)
    return {rule: int(count) for rule, count in jobs.items()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("rebuilds") / "project"
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(
                source, project / part, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            project.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / part)
    copy_content(project / "content")
    shutil.copytree(
        project / "content" / EXAMPLE_SERIES, project / "content" / SECOND_SERIES
    )
    result = run(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def project(built, tmp_path) -> Path:
    """A fresh copy of the built project (modification times kept)."""
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def edit(path: Path, old: str | None = None, new: str = "") -> None:
    text = path.read_text(encoding="utf-8")
    if old is None:
        text += new
    else:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


OVERVIEW = {
    "render_pdf": "render_overview_pdf",
    "render_docx": "render_overview_docx",
    "render_web": "render_overview_web",
}
INDEX_KINDS = {"render_pdf", "render_web"}
"""The index is made as a web page and a PDF, from the HTML templates."""


def everything(sessions: int = 2) -> dict[str, int]:
    """Every job after `sessions` sessions (each of its own series) changed: reading
    the source, its reports, its series' overview and the index."""
    return {
        "parse_session": sessions,
        **dict.fromkeys(RENDERS, sessions),
        "publish_session": sessions,
        **dict.fromkeys(OVERVIEW.values(), sessions),
        "publish_overview": sessions,
        "render_index": 2,
        "publish_index": 1,
    }


CHECKS = {
    "render_pdf": "check_pdf_templates",
    "render_web": "check_web_templates",
    "render_docx": "check_word_template",
}


def renders(*rules: str) -> dict[str, int]:
    """Re-rendering one or two kinds of report of both sessions, both overviews and
    (for PDF and web) the index, after their templates are checked again."""
    jobs = {
        **{CHECKS[rule]: 1 for rule in rules},
        **dict.fromkeys(rules, 2),
        "publish_session": 2,
        **{OVERVIEW[rule]: 2 for rule in rules},
        "publish_overview": 2,
    }
    if INDEX_KINDS & set(rules):  # one rule makes both: its code covers both kinds
        jobs["render_index"] = 2
        jobs["publish_index"] = 1
    return jobs


READ_ALL = {"parse_register": 1, "parse_series": 2}
ALL_CHECKS = dict.fromkeys(
    ("check_pdf_templates", "check_web_templates", "check_word_template"), 1
)


def test_nothing_changed_builds_nothing(project):
    assert planned_jobs(project) == {}


def test_stylesheet_rebuilds_pdf_and_web_page_only(project):
    edit(project / "templates" / "report.css", new="\n/* kleine wijziging */\n")
    assert planned_jobs(project) == renders("render_pdf", "render_web")


def test_html_template_rebuilds_pdf_and_web_page_only(project):
    edit(project / "templates" / "blocks.html.j2", new="\n{# wijziging #}\n")
    assert planned_jobs(project) == renders("render_pdf", "render_web")


def test_word_template_rebuilds_word_files_only(project):
    import docx

    template = project / "templates" / "stijl.docx"
    document = docx.Document(str(template))
    document.styles["Heading 1"].font.size = docx.shared.Pt(16)
    document.save(str(template))
    assert planned_jobs(project) == renders("render_docx")


def test_register_rebuilds_every_session(project):
    edit(
        project / "content" / "organisaties.yaml",
        "soort: planbureau",
        "soort: planbureau\n",
    )
    edit(
        project / "content" / "organisaties.yaml",
        new="\nNIEUW:\n  naam: Nieuw\n  soort: overig\n",
    )
    assert planned_jobs(project) == {**READ_ALL, **everything()}


def test_series_file_rebuilds_its_own_sessions_only(project):
    edit(
        project / "content" / SECOND_SERIES / "reeks.yaml", "motto: Samen", "motto: Samen,"
    )
    assert planned_jobs(project) == {"parse_series": 1, **everything(sessions=1)}


def test_one_session_text_rebuilds_that_session_only(project):
    edit(
        project / "content" / SECOND_SERIES / f"{EXAMPLE_SESSION}.md",
        new="\nNog een zin.\n",
    )
    assert planned_jobs(project) == everything(sessions=1)


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("copreport/pdf/writer.py", renders("render_pdf")),
        ("copreport/html/document.py", renders("render_pdf", "render_web")),
        ("copreport/docx/lists.py", renders("render_docx")),
        ("copreport/web/page.py", renders("render_web")),
        ("copreport/source/body.py", {**READ_ALL, **everything()}),
        ("copreport/model.py", {**READ_ALL, **ALL_CHECKS, **everything()}),
        ("copreport/runner/server.py", {}),
    ],
)
def test_renderer_code_rebuilds_what_it_renders(project, module, expected):
    edit(project / "scripts" / module, new="\n# een wijziging in de code\n")
    assert planned_jobs(project) == expected
