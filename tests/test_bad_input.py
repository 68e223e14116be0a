"""Every case of the bad-input corpus, run through the real workflow in one go.

One build with `--keep-going` holds the example session and every corpus case:
each mistake must stop its own session with a Dutch message naming file and line
and leave no report, while the example session is still built.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from bad_input import CASES, GOOD_BODY, GOOD_FRONT, Case, source
from helpers import (
    EXAMPLE_SERIES,
    EXAMPLE_SESSION,
    copy_content,
    normalized,
    pdf_text,
    snakemake,
)

pytestmark = pytest.mark.slow

KINDS = ("pdf", "docx", "html")


@dataclass(frozen=True)
class CorpusRun:
    content: Path
    out: Path
    result: subprocess.CompletedProcess[str]

    def source(self, case: Case) -> Path:
        return self.content / EXAMPLE_SERIES / f"{case.name}.md"

    def reports(self, name: str) -> list[Path]:
        return [self.out / EXAMPLE_SERIES / f"{name}.{kind}" for kind in KINDS]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory) -> CorpusRun:
    root = tmp_path_factory.mktemp("corpus")
    content = copy_content(root / "content")
    for index, case in enumerate(CASES):  # every session of a series has its own number
        data = case.data.replace(b"\nnummer: 5\n", f"\nnummer: {100 + index}\n".encode(), 1)
        (content / EXAMPLE_SERIES / f"{case.name}.md").write_bytes(data)
    out = root / "out"
    return CorpusRun(content, out, snakemake(content, out, "--keep-going", timeout=900))


@pytest.mark.parametrize("case", [c for c in CASES if not c.accepted], ids=lambda c: c.name)
def test_mistake_gets_its_message_at_its_line_and_no_report(corpus_run, case):
    path = corpus_run.source(case)
    location = f"{path}:{case.line}" if case.line else f"{path}"
    assert f"{location}: " in corpus_run.result.stderr
    messages = [
        line for line in corpus_run.result.stderr.splitlines() if f"{location}: " in line
    ]
    assert any(case.message in line for line in messages), messages
    assert [p for p in corpus_run.reports(case.name) if p.exists()] == []


@pytest.mark.parametrize("case", [c for c in CASES if c.accepted], ids=lambda c: c.name)
def test_yaml_surprises_are_read_as_the_text_the_author_wrote(corpus_run, case):
    reports = corpus_run.reports(case.name)
    assert all(p.is_file() for p in reports)
    assert case.shows in normalized(pdf_text(reports[0]))


def test_the_build_fails_without_a_traceback_and_builds_the_good_session(corpus_run):
    assert corpus_run.result.returncode != 0
    output = corpus_run.result.stdout + corpus_run.result.stderr
    assert "Traceback" not in output
    assert "interne fout" not in output
    assert all(p.is_file() for p in corpus_run.reports(EXAMPLE_SESSION))


def test_bom_and_windows_line_endings_give_the_same_reports(tmp_path):
    clean = source(GOOD_FRONT, GOOD_BODY)
    outputs = []
    for variant, data in (
        ("clean", clean.encode("utf-8")),
        ("windows", b"\xef\xbb\xbf" + clean.replace("\n", "\r\n").encode("utf-8")),
    ):
        content = copy_content(tmp_path / variant / "content")
        (content / EXAMPLE_SERIES / "proef.md").write_bytes(data)
        out = tmp_path / variant / "out"
        result = snakemake(content, out)
        assert result.returncode == 0, result.stderr
        outputs.append(
            [(out / EXAMPLE_SERIES / f"proef.{kind}").read_bytes() for kind in KINDS]
        )
    assert outputs[0] == outputs[1]


def test_file_names_with_spaces_and_shell_characters_build_safely(tmp_path):
    content = copy_content(tmp_path / "content")
    name = "sessie met spaties; $(touch GEHACKT) `touch GEHACKT2` & 'quote'"
    (content / EXAMPLE_SERIES / f"{name}.md").write_text(source(), encoding="utf-8")
    out = tmp_path / "out"
    result = snakemake(content, out)
    assert result.returncode == 0, result.stderr
    for kind in KINDS:
        assert (out / EXAMPLE_SERIES / f"{name}.{kind}").stat().st_size > 0
    assert not list(tmp_path.rglob("GEHACKT*"))
    assert not list(Path(__file__).resolve().parents[1].glob("GEHACKT*"))
