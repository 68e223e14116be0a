"""House-style rules a reviewer would check by eye: colour contrast and the font."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT

CSS = (ROOT / "templates" / "report.css").read_text(encoding="utf-8")
WHITE = "#ffffff"


def colour(name: str) -> str:
    return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", CSS).group(1)


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(
    ("foreground", "background"),
    [
        ("text", WHITE),
        ("blue", WHITE),
        ("muted", WHITE),
        ("text", "panel"),
        ("blue", "panel"),
        (WHITE, "blue"),
    ],
)
def test_every_text_colour_meets_wcag_aa_contrast(foreground, background):
    def resolve(name: str) -> str:
        return name if name.startswith("#") else colour(name)

    assert contrast(resolve(foreground), resolve(background)) >= 4.5


def test_the_stylesheet_names_only_the_house_font_and_installed_fallbacks():
    families = set(re.findall(r"font(?:-family)?:[^;]*?([A-Z][\w ]+|\"[^\"]+\")", CSS))
    named = {f.strip('"') for f in families}
    assert named <= {"Carlito", "Calibri", "DejaVu Sans Mono"}, named
