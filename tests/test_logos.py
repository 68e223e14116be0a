"""Logos from the register: only self-contained images from inside the content folder."""

from __future__ import annotations

import io

import pytest
from copreport.errors import Problems
from copreport.limits import TimeLimitExceeded
from copreport.runner import activity
from copreport.source import assets
from copreport.source.assets import png_problem, read_logo, svg_problem
from PIL import Image

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "#154273").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_plain_svg_and_a_real_png_are_accepted():
    assert (
        svg_problem(SVG.format('<rect width="5" height="5" fill="url(#g)"/>').encode())
        is None
    )
    assert png_problem(png_bytes()) is None


@pytest.mark.parametrize(
    "inner",
    [
        '<image href="https://example.org/x.png"/>',
        '<use xlink:href="file:///etc/passwd#x"/>',
        '<a href="https://example.org">x</a>',
        '<rect fill="url(http://127.0.0.1/x)"/>',
        "<rect style=\"fill: url( 'file:///etc/passwd' )\"/>",
        '<style>@import "https://example.org/x.css";</style>',
        "<style>rect { fill: u\\72 l(http://example.org/x) }</style>",
        "<script>alert(1)</script>",
        "<foreignObject><p>x</p></foreignObject>",
        '<g id="a"/>' + '<use href="#a"/>' * 11,
    ],
)
def test_svg_that_reaches_outside_or_runs_code_is_refused(inner):
    assert svg_problem(SVG.format(inner).encode()) is not None


@pytest.mark.parametrize(
    "data",
    [
        b"<x:nosvg xmlns:x='urn:x'/>",
        b"niet eens xml",
        b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><svg>&b;</svg>',
    ],
)
def test_what_is_not_an_svg_is_refused(data):
    assert svg_problem(data) is not None


def test_a_png_with_a_broken_body_is_refused():
    data = png_bytes()
    assert png_problem(data[:40] + b"\x00" * 200) is not None
    assert png_problem(b"\x89PNG\r\n\x1a\n" + b"rommel" * 10) is not None


def test_logo_paths_must_stay_inside_the_content_folder(tmp_path):
    content = tmp_path / "content"
    (content / "logo").mkdir(parents=True)
    (content / "logo" / "goed.png").write_bytes(png_bytes())
    (tmp_path / "buiten.png").write_bytes(png_bytes())
    (content / "logo" / "link.png").symlink_to(tmp_path / "buiten.png")
    problems = Problems(content / "organisaties.yaml")
    assert read_logo(content, 3, "logo/goed.png", problems).data == png_bytes()
    for value in (
        "../buiten.png",
        "/etc/passwd.png",
        "logo/link.png",
        "C:/x.png",
        "logo/x.gif",
    ):
        assert read_logo(content, 3, value, problems) is None
    assert len(problems.errors) == 5


def test_a_stopped_step_names_the_logo_it_was_reading_and_only_then(tmp_path, monkeypatch):
    content = tmp_path / "content"
    (content / "logo").mkdir(parents=True)
    (content / "logo" / "goed.png").write_bytes(png_bytes())
    problems = Problems(content / "organisaties.yaml")
    log = tmp_path / "stap.log"
    activity.begin(log)
    try:
        assert read_logo(content, 3, "logo/goed.png", problems) is not None
        assert activity.last(log) is None  # a limit hit later names no logo

        def stuck(data: bytes) -> bytes:
            raise TimeLimitExceeded

        monkeypatch.setattr(assets, "clean_png", stuck)
        with pytest.raises(TimeLimitExceeded):
            read_logo(content, 3, "logo/goed.png", problems)
        assert activity.last(log) == "logo 'logo/goed.png'"
    finally:
        activity.end()
