"""The code stays formatted and the workflow stays lint-clean (as the brief asks)."""

import subprocess
import sys
from pathlib import Path

from helpers import ROOT

BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_python_code_is_formatted_and_lint_free():
    formatted = run(str(BIN / "ruff"), "format", "--check", "scripts", "tests")
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    checked = run(str(BIN / "ruff"), "check", "scripts", "tests")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_snakefile_is_formatted_and_lint_clean():
    formatted = run(str(BIN / "snakefmt"), "--check", "Snakefile", "rules")
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    lint = run(str(BIN / "snakemake"), "--lint")
    assert lint.returncode == 0, lint.stdout + lint.stderr
