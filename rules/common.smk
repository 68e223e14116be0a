"""Paths, sessions and code fingerprints shared by the rules of the Snakefile."""

import hashlib
import os
from pathlib import Path

CONTENT = Path(config.get("content", "content"))
OUT = Path(config.get("out", "out"))
MODELS = OUT / ".model"
LOGS = OUT / ".logs"
REPORT_KINDS = ("pdf", "docx", "html")

CODE = Path(workflow.basedir) / "scripts" / "copreport"
# Relative to the working folder, so that a moved or copied project keeps its build.
TEMPLATES = Path(os.path.relpath(Path(workflow.basedir) / "templates"))
SHARED_CODE = [
    CODE / name
    for name in (
        "__init__.py",
        "model.py",
        "dutch.py",
        "errors.py",
        "atomic.py",
        "jobs.py",
    )
]
PARSE_CODE = SHARED_CODE + sorted((CODE / "source").glob("*.py"))
PDF_CODE = (
    SHARED_CODE
    + sorted((CODE / "html").glob("*.py"))
    + sorted((CODE / "pdf").glob("*.py"))
)
DOCX_CODE = SHARED_CODE + sorted((CODE / "docx").glob("*.py"))
WEB_CODE = (
    SHARED_CODE
    + sorted((CODE / "html").glob("*.py"))
    + sorted((CODE / "web").glob("*.py"))
)
HTML_TEMPLATES = [
    TEMPLATES / "report.html.j2",
    TEMPLATES / "blocks.html.j2",
    TEMPLATES / "report.css",
]


def fingerprint(files):
    """A hash of the files' contents: a changed module reruns the rules that use it."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def find_sessions(content):
    """(reeks, sessie) for every session source; files starting with _ or . are drafts."""
    return [
        (source.parent.name, source.stem)
        for series_file in sorted(content.glob("*/reeks.yaml"))
        for source in sorted(series_file.parent.glob("*.md"))
        if not source.name.startswith(("_", "."))
    ]


SESSIONS = find_sessions(CONTENT)


def reports(reeks, sessie):
    """Every report file of one session."""
    return [OUT / reeks / f"{sessie}.{kind}" for kind in REPORT_KINDS]
