"""A series (one CoP theme): its `reeks.yaml` with the text that opens every report."""

from __future__ import annotations

from pathlib import Path

from ..dutch import lines_sentence
from ..errors import Problems, SourceError
from ..model import Series
from . import fields
from .mdblocks import MarkdownReader
from .register import Register
from .text import read_source
from .typography import typeset
from .yamlnodes import Mapping, load_yaml

SERIES_FILE = "reeks.yaml"
_REQUIRED = ("titel", "netwerk", "inleiding", "centrale_vraag")
_OPTIONAL = ("thema", "motto", "lijnen", "organisator")


def load_series(path: Path, register: Register) -> Series:
    """Read and validate a series file; every problem in it is reported at once."""
    root = load_yaml(path, read_source(path))
    if not isinstance(root, Mapping):
        raise SourceError(
            path,
            1,
            "een reeksbestand bevat velden als 'titel: ...', 'netwerk: ...', "
            "'inleiding: |' en 'centrale_vraag: ...'; zie de README",
        )
    problems = Problems(path)
    fields.check_fields(root, _REQUIRED, _OPTIONAL, problems)
    get = root.entries.get
    reader = MarkdownReader(path, problems)

    title = fields.text(get("titel"), "titel", problems)
    theme = fields.text(get("thema"), "thema", problems) if get("thema") else title
    network = fields.text(get("netwerk"), "netwerk", problems)
    motto = fields.text(get("motto"), "motto", problems) if get("motto") else None
    introduction = fields.block_text(get("inleiding"), "inleiding", problems)
    question = fields.block_text(get("centrale_vraag"), "centrale_vraag", problems)
    lines: list[str] = []
    for item in fields.sequence(get("lijnen"), "lijnen", problems) or []:
        line_text = fields.text(item, "lijnen", problems)
        if line_text:
            lines.append(typeset(line_text))
    organiser = None
    if organiser_key := fields.text(get("organisator"), "organisator", problems):
        organiser = register.lookup(
            organiser_key, get("organisator").line, problems, "organisator"
        )

    introduction_blocks = (
        reader.blocks(introduction, get("inleiding").line) if introduction else []
    )
    question_inlines = (
        reader.inlines(question, get("centrale_vraag").line) if question else []
    )
    problems.raise_if_any()
    return Series(
        slug=path.parent.name,
        title=typeset(title),
        theme=typeset(theme),
        network=typeset(network),
        motto=typeset(motto) if motto else None,
        introduction=introduction_blocks,
        central_question=question_inlines,
        lines=lines,
        lines_sentence=lines_sentence(lines),
        organiser=organiser,
    )
