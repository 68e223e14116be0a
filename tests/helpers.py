"""What the tests need to run the workflow and read its reports as a user would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import docx
import psutil
from docx.table import Table
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
EXAMPLE_SERIES = "gebiedsgericht-werken"
EXAMPLE_SESSION = "2024-02-01-platteland-overijssel"
SNAKEMAKE = Path(sys.executable).parent / "snakemake"

# The example report's sections (its `##` level), in order.
EXAMPLE_SECTIONS = [
    "Belangrijkste uitkomsten",
    "Over het netwerk en het thema",
    "Focus van de bijeenkomst",
    "Wat hebben we gedaan?",
    "Stelling 1 (draagvlak)",
    "Stelling 2 (instrumenten)",
    "Stelling 3 (schaal)",
    "Deelnemers",
    "Colofon",
]

# The A4 page without its running header and footer (points, from the top left).
BODY_AREA = ("-x", "0", "-y", "62", "-W", "596", "-H", "718")


def processes_with(*parts: str) -> list[psutil.Process]:
    """The running processes whose command line holds every one of `parts`."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        line = " ".join(process.info["cmdline"] or [])
        if all(part in line for part in parts):
            found.append(process)
    return found


def processes_naming(pid: int) -> list[psutil.Process]:
    """The running processes with `pid` as an argument or as the name of a file in
    their command line (a build's fork server names its build so), not merely as a
    part of a longer number."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        words = process.info["cmdline"] or []
        if any(word == str(pid) or f"/{pid}." in word for word in words):
            found.append(process)
    return found


def copy_content(target: Path) -> Path:
    """A private content folder with the example only: the register, the example
    series and its example session (whatever else a user keeps in content/)."""
    series = target / EXAMPLE_SERIES
    series.mkdir(parents=True)
    shutil.copy2(CONTENT / "organisaties.yaml", target / "organisaties.yaml")
    shutil.copy2(CONTENT / EXAMPLE_SERIES / "reeks.yaml", series / "reeks.yaml")
    example = f"{EXAMPLE_SESSION}.md"
    shutil.copy2(CONTENT / EXAMPLE_SERIES / example, series / example)
    return target


def example_copy(content: Path, name: str, number: int, text: str | None = None) -> Path:
    """Another session in the example series: the example's text (or `text`) under a
    new file name and its own number (two sessions of a series may not share one)."""
    example = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    text = example.read_text(encoding="utf-8") if text is None else text
    path = content / EXAMPLE_SERIES / f"{name}.md"
    path.write_text(
        text.replace("\nnummer: 4\n", f"\nnummer: {number}\n", 1), encoding="utf-8"
    )
    return path


def build_sh(
    *arguments: str | Path, cwd: Path = ROOT, env: dict | None = None
) -> subprocess.CompletedProcess[str]:
    """`./build.sh` with these arguments, as a user types it; its output as text."""
    return subprocess.run(
        [str(ROOT / "build.sh"), *map(str, arguments)],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def background_build(content: Path, out: Path, **output) -> subprocess.Popen:
    """`./build.sh` for `content` into `out`, in a process group of its own (so that
    a test can signal it as a terminal would); `output`: Popen's stdout/stderr/text
    (default: discarded)."""
    settings = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, **output}
    return subprocess.Popen(
        [str(ROOT / "build.sh"), "--content", str(content), "--uitvoer", str(out)],
        start_new_session=True,
        **settings,
    )


def wait_for_first_pdf(build: subprocess.Popen, out: Path, pause: float = 0.02) -> None:
    """Until the build has published a PDF of the example series (it is then midway)."""
    deadline = time.monotonic() + 120
    while not list(out.glob(f"{EXAMPLE_SERIES}/*.pdf")):
        assert build.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(pause)


def with_copies(content: Path, count: int) -> Path:
    """The example series with `count` more copies of its session (numbers 10, 11, ...)."""
    for number in range(count):
        example_copy(content, f"kopie-{number}", 10 + number)
    return content


def snakemake(
    content: Path, out: Path, *arguments: str, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the workflow as a user would, on the given content and output folders."""
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [
            str(SNAKEMAKE),
            "--snakefile",
            str(ROOT / "Snakefile"),
            "--directory",
            str(ROOT),
            "--cores",
            "2",
            *arguments,
            "--config",
            f"content={content}",
            f"out={out}",
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
        check=False,
    )


def pdf_text(path: Path, body_only: bool = True) -> str:
    """The PDF's text as poppler reads it; without header and footer by default."""
    crop = BODY_AREA if body_only else ()
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *crop, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def docx_text(path: Path) -> str:
    """The Word file's body text: paragraphs and table cells, in document order."""
    document = docx.Document(str(path))
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(element, document).text)
        elif tag == "tbl":
            for row in Table(element, document).rows:
                lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def words(text: str) -> list[str]:
    """The words of a text, whatever the line breaks, spaces and hyphens between them."""
    return re.findall(r"\w+", text.replace("\u00ad", ""))


def normalized(text: str) -> str:
    """Text with every kind of space as one ordinary space, for `in` checks."""
    return " ".join(text.replace("\u00ad", "").split())


def squashed(text: str) -> str:
    """Text without spaces and hyphens: line breaks and hyphenation cannot differ."""
    return re.sub(r"[\s\-\u2010\u2011\u00ad]", "", text)


def add_logos(content: Path) -> None:
    """Give PBL a PNG logo and EZK an SVG logo in a content folder (test images)."""
    from PIL import Image, ImageDraw

    logos = content / "logo"
    logos.mkdir(exist_ok=True)
    image = Image.new("RGB", (240, 80), "#154273")
    ImageDraw.Draw(image).rectangle([10, 10, 70, 70], fill="white")
    image.save(logos / "pbl.png")
    (logos / "ezk.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
        '<rect width="120" height="40" fill="#e17000"/></svg>',
        encoding="utf-8",
    )
    register = content / "organisaties.yaml"
    text = register.read_text(encoding="utf-8")
    text = text.replace(
        "  naam: Planbureau voor de Leefomgeving\n",
        "  naam: Planbureau voor de Leefomgeving\n  logo: logo/pbl.png\n",
    ).replace(
        "  naam: Ministerie van Economische Zaken en Klimaat\n",
        "  naam: Ministerie van Economische Zaken en Klimaat\n  logo: logo/ezk.svg\n",
    )
    register.write_text(text, encoding="utf-8")


class Canary:
    """A web server on the loopback interface that records every request it gets."""

    def __init__(self) -> None:
        import http.server
        import threading

        requests: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.requests = requests
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


REPEATED_TABLE_HEADERS: list[list[str]] = []
"""Header rows a paged report repeats on a new page (the example's reports have none)."""


def word_differences(paged: list[str], flowing: list[str]) -> list[tuple]:
    """Where two word sequences differ, apart from a table header that the paged one
    repeats at the top of a new page (page furniture)."""
    import difflib

    matcher = difflib.SequenceMatcher(a=paged, b=flowing, autojunk=False)
    return [
        (tag, paged[i1:i2], flowing[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
        and not (tag == "delete" and paged[i1:i2] in REPEATED_TABLE_HEADERS)
    ]
