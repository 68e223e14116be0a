"""The participation matrix of a series as a picture: organisations by sessions.

Drawn with Pillow in the house font and colours, as a PNG, so that the PDF, the
web page and the Word file show the same figure. The text alternative says what
it shows; the table under it gives the same data for anyone who cannot see it.
"""

from __future__ import annotations

import functools
import io
import shutil
import struct
import subprocess
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFont

BLUE = (21, 66, 115)
RULE = (182, 200, 220)
PANEL = (238, 244, 250)
TEXT = (26, 26, 26)
SCALE = 2
"""Drawn at twice the size it is shown, so that it stays sharp on paper."""

Rows = list[tuple[str, list[bool]]]
Drawing = Callable[[Rows, list[str]], tuple[bytes, float]]
"""What draws the matrix: `participation_png`, or a kept copy of what it drew."""


@functools.cache
def _font_file(family: str = "Carlito") -> str | None:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    found = subprocess.run(
        [fc_match, "-f", "%{file}", family], capture_output=True, text=True, check=False
    ).stdout.strip()
    return found or None


def _font(size: int, bold: bool = False) -> ImageFont.ImageFont:
    path = _font_file("Carlito:bold" if bold else "Carlito")
    if path:
        return ImageFont.truetype(path, size * SCALE)
    return ImageFont.load_default(size * SCALE)


def participation_png(rows: Rows, columns: list[str]) -> tuple[bytes, float]:
    """A grid with one row per organisation, one column per session, a dot for each
    session the organisation attended; with the width (points) to show it at."""
    name_font, head_font = _font(13), _font(13, bold=True)
    cell, row_height, name_width = 34 * SCALE, 24 * SCALE, 0
    draft = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    for name, _ in rows:
        name_width = max(name_width, int(draft.textlength(name, font=name_font)))
    name_width += 16 * SCALE
    header = 28 * SCALE
    width = name_width + cell * len(columns) + 8 * SCALE
    height = header + row_height * len(rows) + 4 * SCALE
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for index, label in enumerate(columns):
        x = name_width + index * cell + cell // 2
        draw.text((x, header // 2), label, font=head_font, fill=BLUE, anchor="mm")
    draw.line([(0, header - SCALE), (width, header - SCALE)], fill=BLUE, width=2 * SCALE)
    for number, (name, attended) in enumerate(rows):
        top = header + number * row_height
        if number % 2:
            draw.rectangle([0, top, width, top + row_height], fill=PANEL)
        middle = top + row_height // 2
        draw.text((4 * SCALE, middle), name, font=name_font, fill=TEXT, anchor="lm")
        for index, present in enumerate(attended):
            x = name_width + index * cell + cell // 2
            radius = 6 * SCALE if present else 2 * SCALE
            colour = BLUE if present else RULE
            draw.ellipse(
                [x - radius, middle - radius, x + radius, middle + radius], fill=colour
            )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    png = buffer.getvalue()
    return png, shown_width(png)


def shown_width(png: bytes) -> float:
    """The width (points) to show a matrix at, from its PNG header."""
    (pixels,) = struct.unpack(">I", png[16:20])  # IHDR comes first
    return pixels / SCALE * 0.75  # CSS pixels to points
