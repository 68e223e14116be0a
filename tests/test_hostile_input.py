"""Hostile and unlucky input: every case ends in a Dutch message within bounds.

Each case puts one bad thing beside the example session (the witness) and runs
the README's build command. The build must fail for that file alone, with the
expected Dutch message and no traceback, leave no report (old or partial) of the
bad session, build the witness, and stay within time and memory bounds. All bad
files are generated here; none is kept in the repository.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import struct
import subprocess
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from helpers import EXAMPLE_SERIES, EXAMPLE_SESSION, ROOT, copy_content
from PIL import Image

pytestmark = pytest.mark.slow

SECONDS = 60
LARGEST_PROCESS_MB = 1500
WHOLE_BUILD_MB = 3000
KINDS = ("pdf", "docx", "html")


@dataclass
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    largest_mb: float
    total_mb: float


def measured_build(content: Path, out: Path, *extra: str) -> Outcome:
    """./build.sh with its time and the peak memory of its processes."""
    started = time.monotonic()
    process = psutil.Popen(
        [str(ROOT / "build.sh"), "--content", str(content), "--uitvoer", str(out), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peaks = {"largest": 0, "total": 0}

    def sample() -> None:
        while process.poll() is None:
            try:
                sizes = []
                for member in [process, *process.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        sizes.append(member.memory_info().rss)
                peaks["largest"] = max(peaks["largest"], *sizes, 0)
                peaks["total"] = max(peaks["total"], sum(sizes))
            except psutil.Error:
                pass
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate(timeout=SECONDS * 3)
    sampler.join()
    return Outcome(
        process.returncode,
        stdout,
        stderr,
        time.monotonic() - started,
        peaks["largest"] / 2**20,
        peaks["total"] / 2**20,
    )


def session_text(content: Path) -> str:
    return (content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md").read_text(encoding="utf-8")


def add_session(content: Path, name: str, text: str) -> None:
    """A session beside the example, with a number of its own (kept when rewritten)."""
    path = content / EXAMPLE_SERIES / f"{name}.md"
    if path.exists():
        number = re.search(r"\nnummer: (\d+)\n", path.read_text(encoding="utf-8")).group(1)
    else:
        number = str(10 + len(list(path.parent.glob("*.md"))))
    path.write_text(
        text.replace("\nnummer: 4\n", f"\nnummer: {number}\n", 1), encoding="utf-8"
    )


def with_logo(content: Path, file_name: str, data: bytes) -> None:
    """Give PBL (a participant of the example) the logo `file_name`."""
    (content / "logo").mkdir(exist_ok=True)
    (content / "logo" / file_name).write_bytes(data)
    register = content / "organisaties.yaml"
    text = register.read_text(encoding="utf-8").replace(
        "  naam: Planbureau voor de Leefomgeving\n",
        f"  naam: Planbureau voor de Leefomgeving\n  logo: logo/{file_name}\n",
    )
    register.write_text(text, encoding="utf-8")


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size (the pixels would never decode)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 16))
        + png_chunk(b"IEND", b"")
    )


def png_with_one_pixel_per_metre() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (240, 80), "#154273").save(buffer, format="PNG")
    data = buffer.getvalue()
    physical = png_chunk(b"pHYs", struct.pack(">IIB", 1, 1, 1))
    return data[:33] + physical + data[33:]  # right after IHDR


SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'


def long_session(content: Path) -> str:
    """A valid session far longer than any report (about 60 pages of stellingen)."""
    text = session_text(content)
    front, _body = text.split("\n## Wat hebben we gedaan?", 1)
    parts = [front, "\n## Wat hebben we gedaan?\n\nEen lange bijeenkomst.\n"]
    point = (
        "Een punt met een redelijk lange zin over brede welvaart, draagvlak en de "
        "keuzes die een gebied moet maken, met nog een bijzin erachter."
    )
    for number in range(1, 41):
        parts.append(f"\n## Stelling {number}\n\n**Stelling nummer {number}.**\n\n")
        parts.extend(f"- {point}\n" for _ in range(14))
    return "".join(parts)


CASES = {
    "honderdduizend-lijstpunten": (
        lambda c: add_session(
            c, "lijst", session_text(c) + "\n" + "\n".join("- x" for _ in range(100_000))
        ),
        "lijst",
        "te veel lijstpunten (meer dan 2000)",
    ),
    "tabel-van-tienduizend-cellen": (
        lambda c: add_session(
            c,
            "tabel",
            session_text(c)
            + "\n\n| a | b |\n|---|---|\n"
            + "\n".join("| 1 | 2 |" for _ in range(5_000)),
        ),
        "tabel",
        "tabellen in het bestand zijn te groot",
    ),
    "svg-utf16-met-entiteiten": (
        lambda c: with_logo(
            c,
            "bom.svg",
            (
                '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE svg [<!ENTITY a '
                '"aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                + SVG_OPEN
                + "<text>&b;&b;&b;</text></svg>"
            ).encode("utf-16"),
        ),
        None,
        "bevat een DOCTYPE-definitie",
    ),
    "svg-met-lange-tekst": (
        lambda c: with_logo(
            c, "tekst.svg", (SVG_OPEN + "<text>" + "x" * 900_000 + "</text></svg>").encode()
        ),
        None,
        "bevat te veel tekst",
    ),
    "svg-onload": (
        lambda c: with_logo(
            c, "onload.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
        ),
        None,
        "code die bij een gebeurtenis wordt uitgevoerd",
    ),
    "svg-animatie-van-een-koppeling": (
        lambda c: with_logo(
            c,
            "animatie.svg",
            (
                SVG_OPEN + '<animate attributeName="href" to="javascript:alert(1)"/></svg>'
            ).encode(),
        ),
        None,
        "bevat een <animate>-element",
    ),
    "svg-stijlblad-van-elders": (
        lambda c: with_logo(
            c,
            "stijl.svg",
            b'<?xml-stylesheet href="http://127.0.0.1:9/x.css"?>'
            + SVG_OPEN.encode()
            + b"</svg>",
        ),
        None,
        "verwerkingsinstructie",
    ),
    "svg-xml-base": (
        lambda c: with_logo(
            c,
            "basis.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" xml:base="http://127.0.0.1:9/"/>',
        ),
        None,
        "bevat xml:base",
    ),
    "png-van-90-megapixel": (
        lambda c: with_logo(c, "groot.png", png_header_only(10_000, 9_000)),
        None,
        "is te groot (10000 × 9000 beeldpunten",
    ),
    "png-van-25-miljoen-bij-1": (
        lambda c: with_logo(c, "draad.png", png_header_only(25_000_000, 1)),
        None,
        "is te groot (25000000 × 1 beeldpunten",
    ),
    "register-600-niveaus-diep": (
        lambda c: (c / "organisaties.yaml").write_text(
            "DIEP:\n  naam: x\n  soort: overig\n  extra: " + "[" * 600 + "]" * 600 + "\n",
            encoding="utf-8",
        ),
        None,
        "dieper genest dan 10 niveaus",
    ),
    "register-van-50-mb": (
        lambda c: (c / "organisaties.yaml").write_text(
            "# " + "x" * 50_000_000 + "\n", encoding="utf-8"
        ),
        None,
        "het bestand is te groot",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input_ends_in_dutch_within_bounds(tmp_path, case):
    prepare, bad_session, expected = CASES[case]
    content = copy_content(tmp_path / "content")
    out = tmp_path / "out"
    if bad_session:  # an earlier, good version of the bad session had reports
        add_session(content, bad_session, session_text(content))
        assert measured_build(content, out).returncode == 0
    prepare(content)
    outcome = measured_build(content, out)

    assert outcome.returncode == 1, outcome.stdout
    assert expected in outcome.stdout
    assert "Traceback" not in outcome.stdout + outcome.stderr
    assert "interne fout" not in outcome.stdout
    assert outcome.seconds < SECONDS
    assert outcome.largest_mb < LARGEST_PROCESS_MB
    assert outcome.total_mb < WHOLE_BUILD_MB
    assert not list(out.rglob(".*.part"))
    if bad_session:
        assert not list((out / EXAMPLE_SERIES).glob(f"{bad_session}.*"))
        for kind in KINDS:
            assert (out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.{kind}").is_file()
    else:  # a broken register or logo: no session can be built, and none is stale
        assert not list((out / EXAMPLE_SERIES).glob("*.*"))


def test_a_logo_with_one_pixel_per_metre_works_in_every_format(tmp_path):
    import docx

    content = copy_content(tmp_path / "content")
    with_logo(content, "pbl.png", png_with_one_pixel_per_metre())
    out = tmp_path / "out"
    outcome = measured_build(content, out)
    assert outcome.returncode == 0, outcome.stdout
    document = docx.Document(str(out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.docx"))
    assert document.inline_shapes, "the logo is in the Word file"
    assert document.inline_shapes[0].width < docx.shared.Cm(10)


def test_a_step_over_its_time_limit_costs_its_session_all_reports(tmp_path):
    """The PDF of a very long session is stopped; its Word file and web page were
    made, but a session is published whole or not at all."""
    content = copy_content(tmp_path / "content")
    out = tmp_path / "out"
    add_session(content, "lang", session_text(content))
    assert measured_build(content, out).returncode == 0
    add_session(content, "lang", long_session(content))
    outcome = measured_build(content, out, "--config", "tijdslimiet=1")
    assert outcome.returncode == 1
    assert (
        "het maken van de PDF van gebiedsgericht-werken/lang was na 1 seconde niet klaar"
        in outcome.stdout
    )
    assert not list((out / EXAMPLE_SERIES).glob("lang.*"))
    assert (out / ".werk" / EXAMPLE_SERIES / "lang.docx").is_file()  # made, not published
    for kind in KINDS:
        assert (out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.{kind}").is_file()
    assert outcome.seconds < SECONDS


@pytest.mark.parametrize("repeat", range(3))
def test_two_builds_at_once_both_finish_with_every_report(tmp_path, repeat):
    content = copy_content(tmp_path / "content")
    for number in range(3):
        add_session(content, f"kopie-{number}", session_text(content))
    clean = tmp_path / "schoon"
    assert measured_build(content, clean).returncode == 0
    out = tmp_path / "out"
    command = [str(ROOT / "build.sh"), "--content", str(content), "--uitvoer", str(out)]
    first = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    second = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    results = [process.communicate(timeout=300) for process in (first, second)]
    assert first.returncode == 0, results[0]
    assert second.returncode == 0, results[1]
    assert any("wacht tot die klaar is" in stderr for _, stderr in results)
    made = sorted(p.relative_to(out) for p in out.glob("*/*") if p.suffix[1:] in KINDS)
    expected = sorted(
        p.relative_to(clean) for p in clean.glob("*/*") if p.suffix[1:] in KINDS
    )
    assert made == expected
    for path in made:
        assert (out / path).read_bytes() == (clean / path).read_bytes()


def test_two_project_copies_share_an_output_folder_safely(tmp_path):
    import shutil

    copy = tmp_path / "kopie"
    copy.mkdir()
    for part in (
        "Snakefile",
        "rules",
        "scripts",
        "templates",
        "profiles",
        "build.sh",
        "requirements.txt",
        "requirements-dev.txt",
    ):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(
                source, copy / part, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, copy / part)
    os.symlink(ROOT / ".venv", copy / ".venv")
    content = copy_content(tmp_path / "content")
    for number in range(3):
        add_session(content, f"kopie-{number}", session_text(content))
    out = tmp_path / "out"
    processes = [
        subprocess.Popen(
            [str(project / "build.sh"), "--content", str(content), "--uitvoer", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for project in (ROOT, copy)
    ]
    results = [process.communicate(timeout=300) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], results
    sessions = [
        path
        for path in out.glob("*/*")
        if path.suffix[1:] in KINDS
        and not path.parent.name.startswith(".")
        and path.stem != "overzicht"
    ]
    assert len(sessions) == 3 * 4


def test_file_names_that_cannot_be_reports_are_named_safely_one_by_one(tmp_path):
    content = copy_content(tmp_path / "content")
    text = session_text(content)
    series = os.fsencode(content / EXAMPLE_SERIES)
    names = {
        b"kapot\xff.md": "geen UTF-8",
        b"kleur\x1b[31m.md": "stuurteken",
        b"verslag-concept" + b"_" * 20 + b".md": "herhaling van twintig keer",
        b"a" * 246 + b".md": "te lang",
    }
    for name in names:
        with open(os.path.join(series, name), "w", encoding="utf-8") as source:
            source.write(text)
    add_session(content, "NOG", text)
    (content / EXAMPLE_SERIES / "NOG.md").rename(content / EXAMPLE_SERIES / "NOG.MD")
    out = tmp_path / "out"
    outcome = measured_build(content, out)
    assert outcome.returncode == 1
    for words in names.values():
        assert words in outcome.stdout
    assert "\x1b" not in outcome.stdout + outcome.stderr
    assert "kapot\\xff.md" in outcome.stdout and "kleur\\x1b[31m.md" in outcome.stdout
    assert "NOG.MD wordt overgeslagen" in outcome.stdout
    for kind in KINDS:
        assert (out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.{kind}").is_file()


@contextlib.contextmanager
def tmpfs(mount: Path, options: str) -> Iterator[Path]:
    """A small file system mounted at `mount` for the block (needs root; the test is
    skipped otherwise)."""
    mount.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"mounting a file system ({options}) needs root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def small_disk(tmp_path):
    """A 400 kB file system for the output folder."""
    with tmpfs(tmp_path / "klein", "size=400k") as mount:
        yield mount


def test_a_full_disk_is_named_in_dutch_and_leaves_no_half_file(tmp_path, small_disk):
    content = copy_content(tmp_path / "content")
    for number in range(4):
        add_session(content, f"kopie-{number}", session_text(content))
    outcome = measured_build(content, small_disk / "out")
    assert outcome.returncode == 1
    assert "de schijf is vol" in outcome.stdout
    assert "interne fout" not in outcome.stdout
    assert "Traceback" not in outcome.stdout + outcome.stderr
    assert not list(small_disk.rglob(".*.part"))


def test_a_read_only_output_folder_gets_one_dutch_line(tmp_path):
    with tmpfs(tmp_path / "alleen-lezen", "ro,size=100k") as mount:
        outcome = measured_build(copy_content(tmp_path / "content"), mount / "out")
    assert outcome.returncode == 1
    lines = (outcome.stdout + outcome.stderr).strip().splitlines()
    assert lines == [
        f"FOUT: in de uitvoermap {mount / 'out'} mag niet worden geschreven; kies een andere map"
    ]


def test_a_log_folder_that_is_a_file_gets_one_dutch_line(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".logs").write_text("geen map", encoding="utf-8")
    outcome = measured_build(copy_content(tmp_path / "content"), out)
    assert outcome.returncode == 1
    lines = (outcome.stdout + outcome.stderr).strip().splitlines()
    assert lines == [
        f"FOUT: de map met logboeken {out / '.logs'} is een bestand, geen map; "
        "verplaats dat bestand"
    ]


def test_a_missing_parent_of_the_output_folder_is_named(tmp_path):
    out = tmp_path / "bestaat-niet" / "dieper" / "out"
    outcome = measured_build(copy_content(tmp_path / "content"), out)
    assert outcome.returncode == 0  # the folders are made
    assert (out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.pdf").is_file()
