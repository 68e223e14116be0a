"""Logos named in the register: read once, inside the content folder, made safe.

A logo path must stay inside the content folder (no ``..``, no absolute path, no
link to elsewhere). A PNG is checked for its size before it is decoded, decoded,
and written anew without any of its metadata (so a stray resolution of one pixel
per metre cannot break Word). An SVG is checked and written anew by `svg`. The
cleaned bytes go into the model, so no renderer opens the file.
"""

from __future__ import annotations

import base64
import io
import struct
import warnings
from pathlib import Path, PurePosixPath

from PIL import Image

from ..errors import Problems
from ..model import Logo
from ..runner import activity
from .svg import SvgProblem, clean_svg

MAX_IMAGE_BYTES = 2_000_000
MAX_SIDE = 10_000
"""Pixels along one side of a PNG logo."""
MAX_PIXELS = 25_000_000
MAX_ASPECT = 20
"""A logo is at most this many times as wide as it is high (or the other way round)."""
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class LogoProblem(ValueError):
    """Why an image cannot be a logo, in Dutch (completing "logo 'x' ...")."""


def read_logo(content: Path, line: int, value: str, problems: Problems) -> Logo | None:
    """The cleaned logo named `value` (relative to the `content` folder), or None."""
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
    if path.stat().st_size > MAX_IMAGE_BYTES:
        problems.add(
            line, f"afbeelding '{value}' is groter dan 2 MB (te groot); verklein haar"
        )
        return None
    try:
        with activity.busy(f"logo '{value}'"):
            data = (
                clean_png(path.read_bytes())
                if kind == "png"
                else clean_svg(path.read_bytes())
            )
    except (LogoProblem, SvgProblem) as problem:
        problems.add(line, f"logo '{value}' {problem}")
        return None
    return Logo(kind=kind, data=base64.b64encode(data))  # Base64Bytes decodes its input


def clean_png(data: bytes) -> bytes:
    """The PNG decoded and written anew (pixels only), or `LogoProblem`."""
    width, height = png_size(data)
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise LogoProblem(
            f"is te groot ({width} × {height} beeldpunten; hoogstens {MAX_SIDE} per kant "
            f"en {MAX_PIXELS // 1_000_000} miljoen in totaal)"
        )
    if max(width / height, height / width) > MAX_ASPECT:
        raise LogoProblem(
            f"is te langgerekt ({width} × {height} beeldpunten); een logo is hoogstens "
            f"{MAX_ASPECT} keer zo breed als hoog"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                    image = image.convert("RGBA")
                buffer = io.BytesIO()
                image.save(buffer, format="PNG")
    except Exception:
        raise LogoProblem(
            "is geen geldige PNG-afbeelding (het bestand is beschadigd)"
        ) from None
    return buffer.getvalue()


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header, read before anything is decoded."""
    if not data.startswith(_PNG_SIGNATURE):
        raise LogoProblem("is geen PNG-afbeelding")
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise LogoProblem("is geen geldige PNG-afbeelding (het bestand is beschadigd)")
    width, height = struct.unpack(">II", data[16:24])
    if not width or not height:
        raise LogoProblem("is geen geldige PNG-afbeelding (nul beeldpunten)")
    return width, height


def png_problem(data: bytes) -> str | None:
    """Why bytes are not a PNG a report can show, or None."""
    try:
        clean_png(data)
    except LogoProblem as problem:
        return str(problem)
    return None


def svg_problem(data: bytes) -> str | None:
    """Why bytes are not an SVG a report can show, or None."""
    try:
        clean_svg(data)
    except SvgProblem as problem:
        return str(problem)
    return None
