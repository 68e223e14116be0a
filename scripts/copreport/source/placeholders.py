"""Parts of a skeleton the author has not written yet (``VUL IN``), each at its line."""

from __future__ import annotations

import re

from ..errors import Problems

PLACEHOLDER = "VUL IN"
_HINT = re.compile(r"VUL IN\s*:?\s*([^*\n#]*)")


def check_placeholders(text: str, problems: Problems, first_line: int = 1) -> None:
    """Record a problem for every line that still says ``VUL IN`` (the README says
    once what to do: replace the words, or remove an optional line)."""
    for number, line in enumerate(text.split("\n"), start=first_line):
        comment = line.lstrip().startswith("#") and not line.lstrip().startswith("##")
        if PLACEHOLDER not in line or comment:
            continue
        hint = _HINT.search(line).group(1).strip(" .")
        if hint.count(")") > hint.count("("):
            hint = hint[: hint.rindex(")")].rstrip(" .")
        field = re.match(r"^\s*-?\s*([a-z_-]+):\s*VUL IN", line)
        what = hint or (f"'{field.group(1)}'" if field else "deze regel")
        problems.add(number, f"nog in te vullen: {what}")
