"""The web version in a real browser (Chromium, driven by Playwright): it reads well on a
phone and on a desktop, and an automated accessibility check (axe-core) finds nothing.

Screenshots are kept in the test's folder for a person to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from copreport.source import load_session
from copreport.web.page import web_page
from helpers import CONTENT, EXAMPLE_SERIES, EXAMPLE_SESSION
from sample_content import write_content, write_long_session

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENS = {"telefoon": (375, 800), "bureaublad": (1280, 900)}


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def series_build(tmp_path_factory) -> Path:
    """The fictional series of tests/fixtures/overzicht, built (overview and index)."""
    import subprocess

    from helpers import ROOT

    folder = tmp_path_factory.mktemp("web-reeks")
    shutil.copytree(ROOT / "tests" / "fixtures" / "overzicht", folder / "content")
    subprocess.run(
        [
            str(ROOT / "build.sh"),
            "--content",
            str(folder / "content"),
            "--uitvoer",
            str(folder / "out"),
        ],
        check=True,
        capture_output=True,
    )
    return folder / "out"


@pytest.fixture(scope="module", params=["voorbeeld", "lang", "overzicht", "index"])
def page_file(request, tmp_path_factory) -> Path:
    if request.param in ("overzicht", "index"):
        out = request.getfixturevalue("series_build")
        return (
            out / "fictieve-reeks" / "overzicht.html"
            if request.param == "overzicht"
            else out / "index.html"
        )
    folder = tmp_path_factory.mktemp(f"web-{request.param}")
    if request.param == "voorbeeld":
        session = load_session(CONTENT / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md")
    else:
        write_content(folder / "content", sessions=2, series=1)
        session = load_session(write_long_session(folder / "content"))
    path = folder / "verslag.html"
    path.write_text(web_page(session), encoding="utf-8")
    return path


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_page_fits_the_screen_without_squeezed_columns(browser, page_file, screen):
    width, height = SCREENS[screen]
    page = browser.new_page(viewport={"width": width, "height": height})
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())
    page.screenshot(path=str(page_file.with_name(f"{screen}.png")), full_page=True)
    document_width = page.evaluate("document.documentElement.scrollWidth")
    assert document_width <= width, "the page scrolls sideways as a whole"
    narrowest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('td, th, dd')]
                .map(cell => cell.getBoundingClientRect().width), 9999)"""
    )
    assert narrowest >= 30, f"a column is squeezed to {narrowest:.0f} px"
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('td, th, dd')]
                .filter(cell => cell.scrollWidth > cell.clientWidth + 1).length"""
    )
    assert overflowing == 0, "words stick out of their table cells"
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('p, li, dd, td')]
                .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )
    assert smallest >= 14
    assert [url for url in requests if not url.startswith("file:")] == []
    page.close()


def test_axe_finds_no_accessibility_violations(browser, page_file):
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(page_file.as_uri())
    results = Axe().run(page)
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}×)"
        for v in results.response["violations"]
    ]
    page.close()
    assert not violations


def test_links_to_a_stelling_land_on_it(browser, page_file):
    if page_file.stem in ("overzicht", "index"):
        pytest.skip("only a session report links to its stellingen")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(page_file.as_uri())
    link = page.locator("a[href^='#stelling-']").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    top = page.evaluate(f"document.querySelector('{target}').getBoundingClientRect().top")
    assert -2 <= top < 200
    page.close()
