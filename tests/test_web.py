"""The web version: one self-contained, accessible page with the same text as the PDF."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from helpers import EXAMPLE_SERIES, EXAMPLE_SESSION, add_logos, pdf_text, snakemake, words

pytestmark = pytest.mark.slow


class _Page(HTMLParser):
    """The elements and text of a page, as a browser or screen reader meets them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("style", "title", "head"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title", "head"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def read_page(path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_page_needs_no_other_file_and_fetches_nothing(example_build):
    page = read_page(example_build.report("html"))
    for tag, attributes in page.elements:
        assert tag not in ("link", "script", "iframe", "object", "embed"), tag
        for name in ("src", "href", "data", "srcset"):
            value = attributes.get(name, "")
            assert not value or value.startswith(("https://", "mailto:", "data:", "#")), (
                value
            )
    source = example_build.report("html").read_text(encoding="utf-8")
    assert "@import" not in source
    assert not re.search(r"url\((?!#)", source)


def test_page_is_dutch_titled_and_structured(example_build):
    page = read_page(example_build.report("html"))
    html = dict(page.elements)["html"]
    assert html["lang"] == "nl"
    tags = [tag for tag, _ in page.elements]
    assert tags.count("h1") == 1 and tags.count("main") == 1 and tags.count("header") == 1
    assert all(
        attributes.get("scope") == "col" for tag, attributes in page.elements if tag == "th"
    )
    source = example_build.report("html").read_text(encoding="utf-8")
    assert (
        "<title>Basis voor gebiedsgericht werken: Brede welvaart op het platteland"
        in source
    )


def test_page_has_the_same_words_as_the_pdf(example_build):
    page = words(" ".join(read_page(example_build.report("html")).text))
    pdf = words(pdf_text(example_build.report("pdf")))
    assert pdf == page


def test_logos_are_inlined_with_their_names_as_alt_text(tmp_path, content):
    add_logos(content)
    out = tmp_path / "out"
    assert snakemake(content, out).returncode == 0
    page = read_page(out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.html")
    images = [attributes for tag, attributes in page.elements if tag == "img"]
    assert sorted(image["alt"] for image in images) == [
        "Ministerie van Economische Zaken en Klimaat",
        "Planbureau voor de Leefomgeving",
    ]
    assert sorted(image["src"].split(";")[0] for image in images) == [
        "data:image/png",
        "data:image/svg+xml",
    ]
