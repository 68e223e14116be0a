"""A series (one CoP theme): its `reeks.yaml` with the text that opens every report."""

from __future__ import annotations

from pathlib import Path

from ..dutch.fields import SERIES
from ..errors import Problems, SourceError
from ..model import Series
from .mdblocks import MarkdownReader
from .placeholders import check_placeholders
from .record import Context, read_record
from .register import Register
from .text import read_source
from .yamlnodes import Mapping, load_yaml

SERIES_FILE = "reeks.yaml"


def load_series(path: Path, register: Register, content: Path | None = None) -> Series:
    """Read and validate a series file; every problem in it is reported at once."""
    text = read_source(path)
    problems = Problems(path)
    check_placeholders(text, problems)
    root = load_yaml(path, text)
    if not isinstance(root, Mapping):
        problems.raise_if_any()
        raise SourceError(
            path,
            1,
            "een reeksbestand bevat velden als 'titel: ...', 'netwerk: ...', "
            "'inleiding: |' en 'centrale_vraag: ...'; zie de README",
        )
    context = Context(
        path,
        problems,
        MarkdownReader(path, problems),
        register=register,
        content=content if content is not None else path.parent.parent,
    )
    values = read_record(root, SERIES, context)
    problems.raise_if_any()
    values.setdefault("theme", values["title"])
    return Series(slug=path.parent.name, **values)
