"""Dutch typography for text the author typed on a plain keyboard.

Straight quotes become curly ones (‘…’, “…”), the apostrophe in ``'s avonds`` and
``auto's`` becomes ’, and non-breaking spaces keep ``€ 2,5`` and ``1 februari
2024`` together on one line. Text in code is left alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..dutch import MONTHS, NBSP

if TYPE_CHECKING:  # the model is loaded by whoever has inlines (not by a front-matter scan)
    from ..model import Inline

_OPENING_CONTEXT = set(" \t\n([{=\u2018\u201c/-\u2013\u2014" + NBSP)
# 's avonds, 't is, 'n keer, '80: an apostrophe, not an opening quote.
_ELISION = re.compile(r"^'(s|t|n|\d\d)\b", re.IGNORECASE)
_EURO = re.compile(r"€ ?(?=\d)")
_DATE = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(MONTHS)}) (\d{{4}})\b")
_ACRONYMS = re.compile(r"\b([A-Z][A-Z0-9]{1,9})(?: (/) | )(?=[A-Z][A-Z0-9]{1,9}\b)")
"""Two abbreviations in a row (``HZ KCZS``, ``HZ / KCZS``) name one thing."""


def dutch_quotes(text: str, before: str = " ") -> str:
    """Curly quotes and apostrophes; `before` is the character preceding `text`."""
    out: list[str] = []
    previous = before
    for index, char in enumerate(text):
        if char == '"':
            char = "\u201c" if previous in _OPENING_CONTEXT else "\u201d"
        elif char == "'":
            opening = previous in _OPENING_CONTEXT and not _ELISION.match(text[index:])
            char = "\u2018" if opening else "\u2019"
        out.append(char)
        previous = char
    return "".join(out)


def keep_together(text: str) -> str:
    """Non-breaking spaces after the euro sign, inside written-out dates and between
    abbreviations that belong together, so that none of them breaks over two lines."""
    text = _EURO.sub("€" + NBSP, text)
    text = _ACRONYMS.sub(
        lambda m: m.group(1) + (f"{NBSP}/{NBSP}" if m.group(2) else NBSP), text
    )
    return _DATE.sub(lambda m: NBSP.join(m.groups()), text)


def typeset(text: str, before: str = " ") -> str:
    """All of the above, for a run of text preceded by `before`."""
    return keep_together(dutch_quotes(text, before))


def typeset_inlines(inlines: list[Inline], before: str = " ") -> list[Inline]:
    """Dutch typography over a run of inlines, quotes balanced across elements."""
    from ..model import Code, Emphasis, Link, Strong, Text

    result: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            node = Text(text=typeset(node.text, before))
            before = node.text[-1:] or before
        elif isinstance(node, (Strong, Emphasis, Link)):
            children = typeset_inlines(node.children, before)
            node = node.model_copy(update={"children": children})
            before = _last_char(children) or before
        elif isinstance(node, Code):
            before = node.text[-1:] or before
        result.append(node)
    return result


def _last_char(inlines: list[Inline]) -> str:
    from ..model import Code, Emphasis, Link, Strong, Text

    for node in reversed(inlines):
        if isinstance(node, (Text, Code)) and node.text:
            return node.text[-1]
        if isinstance(node, (Strong, Emphasis, Link)):
            found = _last_char(node.children)
            if found:
                return found
    return ""
