"""Styles by name, each looked up once per document.

Setting `paragraph.style = name` makes python-docx search the template's styles
for the name and compare the result with the default style, for every paragraph
and run: about a third of the time of a Word file. A name means the same style
throughout one document, so its id is kept (the result is the same XML).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from docx.enum.style import WD_STYLE_TYPE
from docx.text.paragraph import Paragraph
from docx.text.run import Run

_ids: WeakKeyDictionary[object, dict[tuple[str, WD_STYLE_TYPE], str | None]]
_ids = WeakKeyDictionary()
"""Per document part: the style id of each (name, type); None for the default."""


def style_paragraph(paragraph: Paragraph, name: str) -> None:
    """Give a paragraph the paragraph style `name`."""
    paragraph._p.style = _style_id(paragraph.part, name, WD_STYLE_TYPE.PARAGRAPH)


def style_run(run: Run, name: str) -> None:
    """Give a run the character style `name`."""
    run._r.style = _style_id(run.part, name, WD_STYLE_TYPE.CHARACTER)


def _style_id(part: object, name: str, kind: WD_STYLE_TYPE) -> str | None:
    known = _ids.setdefault(part, {})
    if (name, kind) not in known:
        known[name, kind] = part.get_style_id(name, kind)
    return known[name, kind]
