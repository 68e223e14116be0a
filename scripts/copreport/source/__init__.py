"""Reading and validating content files into the report model.

`load_session` and `model_json` are imported on first use: the command line and
the Snakefile only scan front matter (`source.scan`) and need not load the
model and its parser.
"""

from __future__ import annotations

from typing import Any

__all__ = ["load_session", "model_json"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import session

        return getattr(session, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
