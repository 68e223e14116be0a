"""Files a content folder may point at (logos): inside that folder, of a known kind."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path, PurePosixPath

from ..errors import Problems

IMAGE_SUFFIXES = {".png": b"\x89PNG\r\n\x1a\n", ".svg": None}
MAX_IMAGE_BYTES = 2_000_000


def asset_path(declared_in: Path, line: int, value: str, problems: Problems) -> Path | None:
    """The checked absolute path of an image named relative to the content folder.

    `declared_in` is the YAML file that names it; the content folder is that
    file's folder. Paths that leave the folder (``..``, absolute paths, links
    pointing elsewhere), other file kinds and files that are not what their
    name says are refused.
    """
    root = declared_in.resolve().parent
    relative = PurePosixPath(value.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts or ":" in value:
        problems.add(
            line,
            f"'{value}' moet een pad binnen de contentmap zijn, zonder '..', "
            "bijvoorbeeld 'logo/pbl.png'",
        )
        return None
    suffix = relative.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        problems.add(line, f"'{value}': alleen PNG- en SVG-afbeeldingen zijn toegestaan")
        return None
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        problems.add(line, f"'{value}' verwijst naar een bestand buiten de contentmap")
        return None
    if not path.is_file():
        problems.add(line, f"afbeelding '{value}' bestaat niet (gezocht in {root})")
        return None
    if path.stat().st_size > MAX_IMAGE_BYTES:
        problems.add(line, f"afbeelding '{value}' is groter dan 2 MB; verklein haar")
        return None
    magic = IMAGE_SUFFIXES[suffix]
    if magic and not path.read_bytes().startswith(magic):
        problems.add(line, f"'{value}' is geen geldige PNG-afbeelding")
        return None
    if not magic:
        problem = svg_problem(path)
        if problem:
            problems.add(line, f"SVG-logo '{value}' {problem}")
            return None
    return path


_EXTERNAL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)


def svg_problem(path: Path) -> str | None:
    """Why an SVG file cannot be a logo: not SVG, scripts, or references to other files."""
    try:
        root = ElementTree.fromstring(path.read_bytes())
    except ElementTree.ParseError:
        return "is geen geldig SVG-bestand"
    if not root.tag.endswith("svg"):
        return "is geen SVG-afbeelding"
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in ("script", "foreignObject"):
            return f"bevat een <{name}>-element; dat is in een logo niet toegestaan"
        for attribute, content in element.attrib.items():
            if attribute.rsplit("}", 1)[-1] == "href" and not content.startswith("#"):
                return (
                    f"verwijst naar een ander bestand of webadres ({content}); "
                    "sla het logo op als zelfstandig SVG- of PNG-bestand"
                )
        styled = (element.text or "") + element.get("style", "")
        if _EXTERNAL.search(styled):
            return "verwijst in zijn opmaak naar een ander bestand of webadres"
    return None
