"""A build killed in the middle leaves no half report, and the next build just works."""

from __future__ import annotations

import os
import signal
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from helpers import (
    ROOT,
    SNAKEMAKE,
    build_sh,
    copy_content,
    wait_for_first_pdf,
    with_copies,
)

pytestmark = pytest.mark.slow


def assert_complete(report: Path) -> None:
    """A report a user can open: a whole PDF, a whole Word package, a whole web page."""
    if report.suffix == ".pdf":
        assert report.read_bytes().rstrip().endswith(b"%%EOF")
        with pikepdf.open(report) as document:
            assert len(document.pages) > 0
    elif report.suffix == ".docx":
        with zipfile.ZipFile(report) as package:
            assert package.testzip() is None
            assert "word/document.xml" in package.namelist()
    else:
        assert report.read_text(encoding="utf-8").rstrip().endswith("</html>")


def published(out: Path) -> list[Path]:
    """The reports a user sees (not the build's hidden working files)."""
    return [
        p
        for p in out.glob("*/*")
        if p.suffix in (".pdf", ".docx", ".html") and not p.parent.name.startswith(".")
    ]


def test_killed_build_leaves_only_whole_reports_and_rebuilds_by_itself(tmp_path):
    content = with_copies(copy_content(tmp_path / "content"), 8)
    out = tmp_path / "out"
    config = ["--config", f"content={content}", f"out={out}"]
    build = subprocess.Popen(
        [str(SNAKEMAKE), "--cores", "2", *config],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_for_first_pdf(build, out, pause=0.05)
    finally:
        os.killpg(build.pid, signal.SIGKILL)  # the whole workflow, renders included
        build.wait()

    reports = published(out)
    assert len(reports) < 3 * 9 + 3, "the build was not interrupted"
    for report in reports:
        assert_complete(report)

    rebuilt = build_sh(*config)
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    reports = published(out)
    assert len(reports) == 3 * 9 + 3  # nine sessions and the series overview
    for report in reports:
        assert_complete(report)
    assert not list(out.rglob(".*.part"))
