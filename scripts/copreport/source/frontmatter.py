"""Splitting a session source into its front matter (between ``---`` lines) and body."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError

FENCE = "---"


@dataclass(frozen=True)
class SplitSource:
    """The two parts of a session source and where each starts in the file."""

    front_matter: str
    front_matter_line: int
    body: str
    body_line: int


def split_front_matter(path: Path, text: str) -> SplitSource:
    """Cut the text into front matter and body, or say what is missing."""
    lines = text.split("\n")
    if not text.strip():
        raise SourceError(
            path,
            1,
            "het bestand is leeg: begin met kopgegevens tussen twee regels '---' "
            "(titel, nummer, datum, locatie, deelnemers); zie de README",
        )
    if lines[0].rstrip() != FENCE:
        raise SourceError(
            path,
            1,
            "het bestand begint niet met kopgegevens: zet op de eerste regel '---', "
            "daaronder de velden (titel, nummer, datum, locatie, deelnemers) en "
            "sluit af met een regel '---'",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            return SplitSource(
                front_matter="\n".join(lines[1:index]),
                front_matter_line=2,
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
            )
    raise SourceError(
        path,
        1,
        "de kopgegevens worden niet afgesloten: zet na het laatste veld een regel "
        "met alleen '---'",
    )
