"""The workflow's settings (`--config NAAM=WAARDE`): known names, checked values."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .errors import ReportError

SETTINGS = {
    "content": "de contentmap (standaard: content)",
    "out": "de uitvoermap (standaard: out)",
    "tijdslimiet": "seconden die één stap mag duren (standaard: 120)",
    "geheugenlimiet": "megabytes geheugen voor één stap (standaard: 1500)",
}
RANGES = {"tijdslimiet": (1, 3600), "geheugenlimiet": (500, 64000)}
"""The lowest and highest value of each number setting. A step forked from the warm
fork server starts with its address space (some 300 MB), so less memory than 500 MB
would stop even the example."""
LIMITED = "_alleen_reeksen"
"""Set by ./build.sh only, after an edit of session texts alone: the series to plan
(their names joined by '/', which no folder name holds); empty or absent: all."""


def limited_to(series: Iterable[str]) -> dict[str, str]:
    """The setting that limits a build to `series`."""
    return {LIMITED: "/".join(sorted(series))}


def limited_series(config: Mapping[str, Any]) -> set[str]:
    """The series a build is limited to; empty: every series."""
    return set(filter(None, str(config.get(LIMITED) or "").split("/")))


def check(config: Mapping[str, Any]) -> None:
    """Refuse unknown names (with a suggestion) and limits that are no sensible number."""
    from .source.fields import suggestion

    for name, value in config.items():
        if name == LIMITED:
            continue
        if name not in SETTINGS:
            known = ", ".join(SETTINGS)
            raise ReportError(
                f"onbekende instelling '{name}'{suggestion(str(name), list(SETTINGS))} "
                f"(bekend: {known})"
            )
        if name in RANGES:
            low, high = RANGES[name]
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = None
            if number is None or not low <= number <= high:
                raise ReportError(
                    f"instelling '{name}' moet een getal van {low} tot en met {high} "
                    f"zijn (nu: '{value}'): {SETTINGS[name]}"
                )
