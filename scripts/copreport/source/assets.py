"""Logos named in the register: read once, inside the content folder, checked to be safe.

A logo path must stay inside the content folder (no ``..``, no absolute path, no
link to elsewhere). A PNG must decode; an SVG must be self-contained: no scripts,
no references to other files or web addresses, and no `<use>` chains that take
minutes to draw. The bytes go into the model, so no renderer opens the file.
"""

from __future__ import annotations

import base64
import io
import re
import warnings
import xml.etree.ElementTree as ElementTree
from pathlib import Path, PurePosixPath

from PIL import Image

from ..errors import Problems
from ..model import Logo

MAX_IMAGE_BYTES = 2_000_000
MAX_PIXELS = 25_000_000
MAX_SVG_ELEMENTS = 5_000
MAX_SVG_USES = 10
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


def read_logo(content: Path, line: int, value: str, problems: Problems) -> Logo | None:
    """The checked logo named `value` (relative to the `content` folder), or None."""
    root = content.resolve()
    relative = PurePosixPath(value.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts or ":" in value:
        problems.add(
            line,
            f"'{value}' moet een pad binnen de contentmap zijn, zonder '..', "
            "bijvoorbeeld 'logo/pbl.png'",
        )
        return None
    kind = relative.suffix.lower().lstrip(".")
    if kind not in ("png", "svg"):
        problems.add(line, f"'{value}': alleen PNG- en SVG-afbeeldingen zijn toegestaan")
        return None
    path = (root / relative).resolve()
    if not path.is_relative_to(root):
        problems.add(line, f"'{value}' verwijst naar een bestand buiten de contentmap")
        return None
    if not path.is_file():
        problems.add(line, f"afbeelding '{value}' bestaat niet (gezocht in {root})")
        return None
    data = path.read_bytes()
    if len(data) > MAX_IMAGE_BYTES:
        problems.add(line, f"afbeelding '{value}' is groter dan 2 MB; verklein haar")
        return None
    problem = png_problem(data) if kind == "png" else svg_problem(data)
    if problem:
        problems.add(line, f"logo '{value}' {problem}")
        return None
    return Logo(kind=kind, data=base64.b64encode(data))  # Base64Bytes decodes its input


def png_problem(data: bytes) -> str | None:
    """Why bytes are not a PNG a report can show, or None."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "is geen PNG-afbeelding"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    return "is te groot (meer dan 25 miljoen beeldpunten)"
                image.load()
    except Exception:
        return "is geen geldige PNG-afbeelding (het bestand is beschadigd)"
    return None


def svg_problem(data: bytes) -> str | None:
    """Why bytes are not a self-contained SVG a report can show, or None."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return "bevat een DOCTYPE- of ENTITY-definitie; sla het logo op zonder"
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, ValueError):
        return "is geen geldig SVG-bestand"
    if _local(root.tag) != "svg":
        return "is geen SVG-afbeelding"
    elements = list(root.iter())
    if len(elements) > MAX_SVG_ELEMENTS:
        return "is te ingewikkeld (te veel onderdelen)"
    if sum(_local(e.tag) == "use" for e in elements) > MAX_SVG_USES:
        return "bevat te veel herhalingen (<use>); sla het logo op als PNG"
    for element in elements:
        name = _local(element.tag)
        if name in ("script", "foreignObject", "image", "iframe"):
            return f"bevat een <{name}>-element; dat is in een logo niet toegestaan"
        texts = [element.text or "", *element.attrib.values()]
        for attribute, content in element.attrib.items():
            if _local(attribute) == "href" and not content.startswith("#"):
                return (
                    f"verwijst naar een ander bestand of webadres ({content}); "
                    "sla het logo op als zelfstandig SVG- of PNG-bestand"
                )
        if name == "style" or "style" in element.attrib:
            styling = (element.text or "") + element.get("style", "")
            if "@import" in styling or "\\" in styling:
                return "bevat opmaak (@import of \\-codes) die niet is toegestaan"
        if any(_EXTERNAL_URL.search(text) for text in texts):
            return "verwijst in zijn opmaak naar een ander bestand of webadres"
    return None


def _local(name: str) -> str:
    """An XML name without its namespace."""
    return name.rsplit("}", 1)[-1]
