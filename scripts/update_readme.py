"""Developer tool (not a workflow rule): write the README's field tables.

The tables between ``<!-- velden:sessie -->`` and ``<!-- /velden:sessie -->`` (and
``reeks``, ``register``) are made from the field declarations in
`copreport.dutch.fields`; a test checks that they match. After changing a field:

    .venv/bin/python scripts/update_readme.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from copreport.dutch.fields import TABLES, table

README = Path(__file__).resolve().parents[1] / "README.md"


def update(text: str) -> str:
    for marker, specs in TABLES.items():
        pattern = re.compile(
            rf"(<!-- velden:{marker} -->\n).*?(\n<!-- /velden:{marker} -->)", re.S
        )
        text, count = pattern.subn(
            lambda m, s=specs: m.group(1) + table(s) + m.group(2), text
        )
        if count != 1:
            raise SystemExit(f"README.md: marker velden:{marker} not found once")
    return text


if __name__ == "__main__":
    README.write_text(update(README.read_text(encoding="utf-8")), encoding="utf-8")
