"""Lists as authors type them, rewritten into the form Python-Markdown expects.

Python-Markdown nests a list item only when it is indented by four spaces, and
starts a list only after a blank line. Authors (and CommonMark) indent sub-points
by two or three spaces and put a list straight under its introducing sentence.
This rewrite gives every deeper indentation of a list marker the next level of
four spaces and puts a blank line before a list that follows a paragraph, so the
author's structure survives. Fenced code is left alone.
"""

from __future__ import annotations

import re

_ITEM = re.compile(r"^( *)([-+*]|[0-9]{1,9}[.)])( +|$)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_INDENT = 4


def normalize_lists(text: str) -> str:
    """The text with list indentation in steps of four spaces."""
    out: list[str] = []
    levels: list[int] = []  # the author's indentation of each open list level
    in_fence = False
    previous = ""
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence or _FENCE.match(line):
            out.append(line)
            previous = line
            continue
        item = _ITEM.match(line)
        if item and _starts_list(item, previous, levels):
            indent = len(item.group(1))
            while levels and indent < levels[-1]:
                levels.pop()
            if not levels or indent > levels[-1]:
                levels.append(indent)
            if previous.strip() and not _ITEM.match(previous) and len(levels) == 1:
                out.append("")  # a list directly under a sentence
            out.append(" " * (_INDENT * (len(levels) - 1)) + line[indent:])
        elif not line.strip():
            out.append(line)
        elif levels and line.startswith(" "):
            out.append(" " * (_INDENT * len(levels)) + line.lstrip(" "))
        else:
            if not previous.strip():
                levels = []  # a paragraph after a blank line ends the list
            out.append(line)
        previous = line
    return "\n".join(out)


def _starts_list(item: re.Match[str], previous: str, levels: list[int]) -> bool:
    """A marker after a sentence starts a list only as CommonMark allows it."""
    if levels or not previous.strip() or _ITEM.match(previous):
        return True
    marker = item.group(2)
    return not marker[0].isdigit() or marker[:-1] == "1"
