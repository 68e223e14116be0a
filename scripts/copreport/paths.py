"""Where things are: the sessions of a content folder and the reports they become.

Shared by the Snakefile (to plan the build) and the command line (to name what
it builds), so both see the same sessions.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPORT_KINDS = ("pdf", "docx", "html")
REGISTER_FILE = "organisaties.yaml"
SERIES_FILE = "reeks.yaml"


def find_sessions(content: Path, warn: bool = True) -> list[tuple[str, str]]:
    """(reeks, sessie) for every session source; files starting with _ or . are drafts.

    Every folder of the content folder that holds a .md file is a series (one
    without reeks.yaml then fails with a message). Names with { or } cannot be
    Snakemake paths: they are skipped with a warning.
    """
    sessions = []
    for source in sorted(content.glob("*/*.md")):
        if source.name.startswith(("_", ".")) or source.parent.name.startswith("."):
            continue
        if any(char in str(source.relative_to(content)) for char in "{}"):
            if warn:
                print(
                    f"LET OP: {source} wordt overgeslagen: accolades {{ }} kunnen niet "
                    "in een bestands- of mapnaam; hernoem het bestand.",
                    file=sys.stderr,
                )
            continue
        sessions.append((source.parent.name, source.stem))
    return sessions


def reports(out: Path, reeks: str, sessie: str) -> list[Path]:
    """Every report file of one session."""
    return [out / reeks / f"{sessie}.{kind}" for kind in REPORT_KINDS]
