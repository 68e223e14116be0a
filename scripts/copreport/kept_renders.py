"""The last render of a document made from many sessions, kept with what made it.

The index reads every session and a series overview every session of its series,
so an edit anywhere makes Snakemake run them again. Most edits do not change them:
the index shows only number, date, place and title, the overview no account of
the meeting. Their render is kept beside the staged output with a digest of
everything it was made from (the outline, the format, the templates and the
code); when the digest is the same, the kept bytes are used instead of a new
render. The copy is what a new render would write, byte for byte, and a kept
render that cannot be read or written is only a render more. The participation
matrix of a series overview is kept the same way: its three formats, and the
builds after an edit of what was said, draw it once.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import write_bytes
from .paths import KEPT

if TYPE_CHECKING:
    from .overview.figure import Drawing

FOLDER = KEPT
"""Beside the staged outputs (out/.werk/.bewaard/)."""
FONT = "Carlito"
TEXT_LIBRARIES = ("pango", "harfbuzz", "fontconfig", "freetype", "fribidi", "thai")
TEXT_LIBRARIES += ("datrie", "graphite2", "glib", "gobject", "png16", "brotli", "expat")
TEXT_LIBRARIES += ("z.",)  # zlib compresses the PDF's streams (not libzstd)
"""The system libraries WeasyPrint lays out, embeds and compresses text with
(`lib<name>...`); copies that packages bring along (Pillow's FreeType) are covered
by the packages' versions instead."""
PACKAGED = re.compile(rb"/(site|dist)-packages/")
"""Where pip puts packages and the libraries they bring along."""


def _setting() -> bytes:
    """The code as this process loaded it, Python, every installed package and the
    house font's files: read once, at import (the fork server imports this module
    in its warm-up), so that a file edited during a build cannot pass for the code
    that made a render."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        _add(digest, path.name.encode(), path.read_bytes())
    _add(digest, b"packages", "\n".join(_installed()).encode())
    _add(digest, b"font", _font_files())
    return digest.digest()


def _installed() -> list[str]:
    """Every installed package with its version (the names of their `.dist-info`)."""
    found = []
    for folder in map(Path, sys.path):
        with contextlib.suppress(OSError):
            found += [p.name for p in folder.iterdir() if p.suffix == ".dist-info"]
    return sorted(found)


def _font_files() -> bytes:
    """Where fontconfig finds the house font's faces (regular, bold, italic, bold
    italic: text and figures use them all), each with its size and time."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return b""
    found = subprocess.run(
        [fc_list, "-f", "%{file}\n", FONT], capture_output=True, check=False
    ).stdout
    return b"\n".join(path + _file_status(path) for path in sorted(set(found.split())))


@functools.cache
def text_libraries() -> bytes:
    """The system's text libraries as this process loaded them, each with the size and
    time of its file (from /proc/self/maps; nothing where there is none). An upgrade
    of Pango or HarfBuzz changes a PDF without changing any package of ours; the
    same installation on another machine gives the same key."""
    from . import pdf  # noqa: F401 - loads WeasyPrint, and so them

    try:
        maps = Path("/proc/self/maps").read_bytes().splitlines()
    except OSError:
        return b""
    prefixes = tuple(f"lib{name}".encode() for name in TEXT_LIBRARIES)
    loaded = set()
    for line in maps:
        fields = line.split(maxsplit=5)
        if len(fields) < 6 or PACKAGED.search(fields[5]):
            continue
        path = fields[5]
        if os.path.basename(path).startswith(prefixes):
            loaded.add(path + _file_status(path))
    return b"\n".join(sorted(loaded))


def _file_status(path: bytes) -> bytes:
    """Size and time of a file (the font, a loaded library); one that is gone (a
    library replaced since it was loaded, mapped as "... (deleted)") matches neither
    the old nor the new one."""
    try:
        status = os.stat(path)
    except OSError:
        return b" ?"
    return f" {status.st_size} {status.st_mtime_ns}".encode()


def _add(digest, name: bytes, data: bytes) -> None:
    """One named part, with its lengths, so that no two different sets run together."""
    for part in (name, data):
        digest.update(len(part).to_bytes(8, "big") + part)


SETTING = _setting()

Render = Callable[[], tuple[bytes, list[str]]]


def render_once(
    target: Path, kind: str, outline: object, assets: Iterable[Path], render: Render
) -> tuple[bytes, list[str]]:
    """The bytes and notes of `outline` as `kind`: kept ones if nothing changed."""
    try:
        key = _digest(kind, outline, assets)
    except OSError:  # a template that cannot be read: the render will say so
        return render()
    data_path, key_path = kept_paths(target)
    try:
        kept = json.loads(key_path.read_text(encoding="utf-8"))
        if kept["digest"] == key:
            data = data_path.read_bytes()
            if hashlib.sha256(data).hexdigest() == kept["data"]:
                return data, list(kept["notes"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    data, notes = render()
    try:
        key_path.unlink(missing_ok=True)
        write_bytes(data_path, data)
        record = {"digest": key, "data": hashlib.sha256(data).hexdigest(), "notes": notes}
        write_bytes(key_path, json.dumps(record).encode("utf-8"))
    except OSError:
        pass
    return data, notes


def kept_drawing(target: Path) -> Drawing:
    """`participation_png` (see `overview.figure`), kept beside the staged outputs as
    if it were written to `target`."""
    from .overview.figure import Rows, participation_png, shown_width

    def draw(rows: Rows, columns: list[str]) -> tuple[bytes, float]:
        png, _ = render_once(
            target,
            "png",
            (rows, columns),
            [],
            lambda: (participation_png(rows, columns)[0], []),
        )
        return png, shown_width(png)

    return draw


def kept_paths(target: Path) -> tuple[Path, Path]:
    """Where the render of `target` is kept, and what it was made from."""
    folder = target.parent / FOLDER
    return folder / target.name, folder / f"{target.name}.json"


def _digest(kind: str, outline: object, assets: Iterable[Path]) -> str:
    """Everything a render depends on: outline, format, template files, and the code,
    packages, font and (for a PDF) text libraries of this process."""
    digest = hashlib.sha256(SETTING)
    _add(digest, b"kind", kind.encode())
    if kind == "pdf":
        _add(digest, b"text libraries", text_libraries())
    _add(digest, b"outline", repr(outline).encode("utf-8"))
    for path in sorted(assets):
        _add(digest, path.name.encode(), path.read_bytes())
    return digest.hexdigest()
