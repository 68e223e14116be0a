"""Reading a PDF's pages as a reader sees them: which lines stand where on which page.

Used by the tests that check the flow of a report: pages filled, no heading or
stelling left alone at the bottom or top of a page.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

PAGE_HEIGHT = 841.89
BODY_TOP = 68.0
BODY_BOTTOM = PAGE_HEIGHT - 68.0
"""The A4 page without its 24 mm margins, where header and footer stand."""


@dataclass(frozen=True)
class Line:
    text: str
    top: float
    bottom: float


def body_lines(pdf: Path) -> list[list[Line]]:
    """Per page, the lines of the body (not header or footer), top to bottom."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    html = re.sub(r"<!DOCTYPE[^>]*>", "", html)
    root = ElementTree.fromstring(html)
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        lines = []
        for line in page.iter("{http://www.w3.org/1999/xhtml}line"):
            top, bottom = float(line.get("yMin")), float(line.get("yMax"))
            if top >= BODY_TOP - 1 and bottom <= BODY_BOTTOM + 1:
                words = [w.text or "" for w in line]
                lines.append(Line(" ".join(words), top, bottom))
        pages.append(sorted(lines, key=lambda line: line.top))
    return pages


def fill(lines: list[Line]) -> float:
    """How far down the body of a page its text reaches (0 to 1)."""
    if not lines:
        return 0.0
    return (max(line.bottom for line in lines) - BODY_TOP) / (BODY_BOTTOM - BODY_TOP)


def find(pages: list[list[Line]], text: str) -> tuple[int, int]:
    """(page, line) of the first line that starts `text` (spaces and hyphens ignored)."""
    wanted = _squash(text)[:30]
    for number, lines in enumerate(pages):
        for index, line in enumerate(lines):
            if _squash(line.text).startswith(wanted) or wanted in _squash(line.text):
                return number, index
    raise AssertionError(f"{text!r} is not in the PDF")


def _squash(text: str) -> str:
    return re.sub(r"[\s\u00ad\u2010-]", "", text)
