"""A series (one CoP theme): its `reeks.yaml` with the text that opens every report."""

from __future__ import annotations

from pathlib import Path

from ..dutch.fields import SERIES
from ..model import Series
from .record import open_record_file, read_record
from .register import Register

SERIES_FILE = "reeks.yaml"


def load_series(path: Path, register: Register, content: Path | None = None) -> Series:
    """Read and validate a series file; every problem in it is reported at once."""
    root, context = open_record_file(
        path,
        "een reeksbestand bevat velden als 'titel: ...', 'netwerk: ...', "
        "'inleiding: |' en 'centrale_vraag: ...'; zie de README",
        register,
        content if content is not None else path.parent.parent,
    )
    values = read_record(root, SERIES, context)
    context.problems.raise_if_any()
    values.setdefault("theme", values["title"])
    return Series(slug=path.parent.name, **values)
