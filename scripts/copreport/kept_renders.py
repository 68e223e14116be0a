"""The last render of a document made from many sessions, kept with what made it.

The index reads every session and a series overview every session of its series,
so an edit anywhere makes Snakemake run them again. Most edits do not change them:
the index shows only number, date, place and title, the overview no account of
the meeting. Their render is kept beside the staged output with a digest of
everything it was made from (the outline, the format, the templates and the
code); when the digest is the same, the kept bytes are used instead of a new
render. The copy is what a new render would write, byte for byte, and a kept
render that cannot be read or written is only a render more.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from .atomic import write_bytes

FOLDER = ".bewaard"
"""Beside the staged outputs (out/.werk/.bewaard/)."""
CODE = Path(__file__).resolve().parent
LIBRARIES = ("weasyprint", "pydyf", "python-docx", "pillow")

Render = Callable[[], tuple[bytes, list[str]]]


def render_once(
    target: Path, kind: str, outline: object, assets: Iterable[Path], render: Render
) -> tuple[bytes, list[str]]:
    """The bytes and notes of `outline` as `kind`: kept ones if nothing changed."""
    key = _digest(kind, outline, assets)
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


def kept_paths(target: Path) -> tuple[Path, Path]:
    """Where the render of `target` is kept, and what it was made from."""
    folder = target.parent / FOLDER
    return folder / target.name, folder / f"{target.name}.json"


def _digest(kind: str, outline: object, assets: Iterable[Path]) -> str:
    """Everything a render depends on: outline, format, template files, code, libraries."""
    digest = hashlib.sha256(kind.encode())
    digest.update(repr(outline).encode("utf-8"))
    for path in sorted(assets):
        digest.update(path.name.encode() + path.read_bytes())
    for path in sorted(CODE.rglob("*.py")):
        digest.update(path.read_bytes())
    for library in LIBRARIES:
        digest.update(metadata.version(library).encode())
    return digest.hexdigest()
