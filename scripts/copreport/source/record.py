"""Reading the fields of a content file by their declarations (`dutch.fields`).

`read_record` checks a YAML mapping against a tuple of `FieldSpec`s (unknown
fields with a suggestion, required fields present) and reads every field with
the reader for its kind. Problems are recorded, with their line, and reading
goes on, so that one pass reports every mistake in a file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..dutch.fields import SPEAKER, FieldSpec
from ..errors import Problems, SourceError, display_path
from ..model import ORGANISATION_KINDS, Organisation, Speaker
from ..paths import series_folders
from . import fields
from .mdblocks import MarkdownReader
from .placeholders import check_placeholders
from .text import read_source
from .typography import typeset
from .yamlnodes import Mapping, Node, load_yaml

_EMAIL = re.compile(
    r"^(?!\.)(?!.*\.\.)[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+(?<!\.)"
    r"@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
"""An address any mail server accepts: ASCII, no dots at the ends or twice in a row."""
_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\s<>\"]*)?$")


@dataclass
class Context:
    """What readers need besides the node: the file, its problems, its neighbours."""

    path: Path
    problems: Problems
    markdown: MarkdownReader
    register: Any = None
    """The `Register` that organisation keys are looked up in (None: not yet)."""
    content: Path | None = None
    """The content folder that images are read from."""
    date: Any = None
    """The session's date, once read: organisations are named as on that day."""


Reader = Callable[[Node, FieldSpec, Context], Any]


def open_record_file(
    path: Path, shape: str, register: Any = None, content: Path | None = None
) -> tuple[Mapping, Context]:
    """A YAML file of fields (a series, the distribution list): its top mapping and
    the context to read it with. `shape` says in Dutch what the file should hold,
    for a file that is not a mapping of fields."""
    text = read_source(path)
    problems = Problems(path)
    check_placeholders(text, problems)
    root = load_yaml(path, text)
    if not isinstance(root, Mapping):
        problems.raise_if_any()
        raise SourceError(path, 1, shape)
    markdown = MarkdownReader(path, problems)
    return root, Context(path, problems, markdown, register=register, content=content)


def read_record(
    mapping: Mapping, specs: tuple[FieldSpec, ...], context: Context, where: str = ""
) -> dict[str, Any]:
    """Every declared field of `mapping` that is present and valid, by model attribute."""
    fields.check_fields(
        mapping,
        tuple(spec.name for spec in specs if spec.required),
        tuple(spec.name for spec in specs if not spec.required),
        context.problems,
        where=where,
    )
    values: dict[str, Any] = {}
    for spec in specs:
        node = mapping.entries.get(spec.name)
        if node is None:
            continue
        reader = READERS.get(spec.kind) or _nested(spec.kind)
        value = reader(node, spec, context)
        if value is not None:
            values[spec.attribute] = value
            if spec.attribute == "date":
                context.date = value
    return values


def _text(node: Node, spec: FieldSpec, context: Context) -> str | None:
    value = fields.text(node, spec.name, context.problems)
    return typeset(value) if value else None


def _person(node: Node, spec: FieldSpec, context: Context) -> str | None:
    """A person's name as it goes into an e-mail header: letters, not address syntax."""
    value = _text(node, spec, context)
    if value is None:
        return None
    if len(value) > 200 or any(part in value for part in ("=?", "<", ">", "@", '"')):
        context.problems.add(
            node.line,
            f"'{spec.name}' is een naam van hoogstens 200 tekens, zonder < > @ \" of =? "
            f"(nu: '{fields.shown(value[:60])}')",
        )
        return None
    return value


def _plain(node: Node, spec: FieldSpec, context: Context) -> str | None:
    """A technical value (a server name, a user name): as written, ASCII, no spaces."""
    value = fields.text(node, spec.name, context.problems)
    if value is None:
        return None
    if not value.isascii() or not value.isprintable() or " " in value:
        context.problems.add(
            node.line,
            f"'{spec.name}' mag alleen gewone letters, cijfers en leestekens zonder "
            f"spaties bevatten (nu: '{fields.shown(value)}')",
        )
        return None
    return value


def _number(node: Node, spec: FieldSpec, context: Context) -> int | None:
    return fields.positive_number(node, spec.name, context.problems)


def _port(node: Node, spec: FieldSpec, context: Context) -> int | None:
    value = fields.text(node, spec.name, context.problems)
    if value is None:
        return None
    if not value.isascii() or not value.isdigit() or not 0 < int(value) < 65536:
        context.problems.add(
            node.line,
            f"'{spec.name}' is een poortnummer van 1 tot 65535, meestal 587 "
            f"(nu: '{fields.shown(value)}')",
        )
        return None
    return int(value)


def _date(node: Node, spec: FieldSpec, context: Context):
    return fields.date(node, spec.name, context.problems)


def _status(node: Node, spec: FieldSpec, context: Context) -> bool | None:
    value = fields.text(node, spec.name, context.problems)
    if value in ("concept", "definitief"):
        return value == "concept"
    if value is not None:
        context.problems.add(
            node.line,
            f"'{spec.name}' is 'concept' of 'definitief' (nu: '{fields.shown(value)}')"
            f"{fields.suggestion(value, ['concept', 'definitief'])}",
        )
    return None


def _inline(node: Node, spec: FieldSpec, context: Context):
    text = fields.block_text(node, spec.name, context.problems)
    return context.markdown.inlines(text, node.line) if text else None


def _blocks(node: Node, spec: FieldSpec, context: Context):
    text = fields.block_text(node, spec.name, context.problems)
    return context.markdown.blocks(text, node.line) if text else None


def _texts(node: Node, spec: FieldSpec, context: Context) -> list[str] | None:
    items = fields.sequence(node, spec.name, context.problems)
    if items is None:
        return None
    texts = [fields.text(item, spec.name, context.problems) for item in items]
    return [typeset(text) for text in texts if text]


def _organisation(node: Node, spec: FieldSpec, context: Context) -> Organisation | None:
    key = fields.text(node, spec.name, context.problems)
    if key is None or context.register is None:
        return None
    return context.register.lookup(
        key, node.line, context.problems, spec.name, context.date
    )


def _organisations(node: Node, spec: FieldSpec, context: Context) -> list[Organisation]:
    found: list[Organisation] = []
    lines: dict[str, int] = {}
    for item in fields.sequence(node, spec.name, context.problems) or []:
        key = fields.text(item, spec.name, context.problems)
        if key is None:
            continue
        if key in lines:
            context.problems.add(
                item.line,
                f"'{key}' staat twee keer in {spec.name} (ook op regel {lines[key]})",
            )
            continue
        lines[key] = item.line
        organisation = context.register.lookup(
            key, item.line, context.problems, spec.name, context.date
        )
        if organisation:
            found.append(organisation)
    return found


def _organisation_name(node: Node, spec: FieldSpec, context: Context) -> str | None:
    """A register key becomes the full name; other text is kept as written.

    A single word that is nearly a key (``Overijsel``) is taken for a typing error.
    """
    value = fields.text(node, spec.name, context.problems)
    if value is None:
        return None
    keys = context.register.keys()
    by_key = {key.casefold(): key for key in keys}
    if value.casefold() in by_key:
        return context.register.name_of(by_key[value.casefold()], context.date)
    if " " not in value:
        near = difflib.get_close_matches(value, keys, n=1, cutoff=0.8)
        if near:
            context.problems.add(
                node.line,
                f"organisatie '{fields.shown(value)}' van een spreker — bedoelt u "
                f"'{near[0]}'? Schrijf de sleutel uit het register precies, of de "
                "volledige naam",
            )
    return typeset(value)


def _speakers(node: Node, spec: FieldSpec, context: Context) -> list[Speaker] | None:
    speakers = []
    for item in fields.sequence(node, spec.name, context.problems) or []:
        entry = fields.mapping(item, spec.name, context.problems)
        if entry is None:
            continue
        values = read_record(entry, SPEAKER, context, where=" bij een spreker")
        if "name" in values:
            speakers.append(Speaker(**values))
    return speakers


def _keys(node: Node, spec: FieldSpec, context: Context) -> list[tuple[str, int]] | None:
    """Register keys with their lines (checked against the register once it is read)."""
    items = fields.sequence(node, spec.name, context.problems)
    if items is None:
        return None
    keys = [(fields.text(item, spec.name, context.problems), item.line) for item in items]
    return [(key, line) for key, line in keys if key]


def _former_names(node: Node, spec: FieldSpec, context: Context):
    from ..dutch.fields import FORMER_NAME
    from ..model import FormerName

    names = []
    for item in fields.sequence(node, spec.name, context.problems) or []:
        entry = fields.mapping(item, spec.name, context.problems)
        if entry is None:
            continue
        values = read_record(entry, FORMER_NAME, context, where=" bij een eerdere naam")
        if "name" in values and "until" in values:
            names.append((FormerName(**values), item.line))
    return names


def _organisation_kind(node: Node, spec: FieldSpec, context: Context) -> str | None:
    kind = fields.text(node, spec.name, context.problems)
    if kind is not None and kind not in ORGANISATION_KINDS:
        context.problems.add(
            node.line,
            f"onbekende soort '{kind}'{fields.suggestion(kind, list(ORGANISATION_KINDS))} "
            f"(kies uit: {', '.join(ORGANISATION_KINDS)})",
        )
        return None
    return kind


def _image(node: Node, spec: FieldSpec, context: Context):
    from .assets import read_logo

    value = fields.text(node, spec.name, context.problems)
    if value is None or context.content is None:
        return None
    return read_logo(context.content, node.line, value, context.problems)


def _email(node: Node, spec: FieldSpec, context: Context) -> str | None:
    value = fields.text(node, spec.name, context.problems)
    too_long = value is not None and (len(value) > 254 or len(value.split("@")[0]) > 64)
    if value is not None and (too_long or not _EMAIL.match(value)):
        context.problems.add(
            node.line,
            f"'{spec.name}' is geen e-mailadres (nu: '{fields.shown(value)}'); schrijf "
            "bijvoorbeeld 'cop@example.nl'",
        )
        return None
    return value


def _url(node: Node, spec: FieldSpec, context: Context) -> str | None:
    value = fields.text(node, spec.name, context.problems)
    if value is not None and not _URL.match(value):
        context.problems.add(
            node.line,
            f"'{spec.name}' is geen volledig webadres (nu: '{fields.shown(value)}'); "
            "schrijf het met https://, bijvoorbeeld 'https://www.example.nl/cop'",
        )
        return None
    return value


def _register_key(node: Node, spec: FieldSpec, context: Context) -> str | None:
    key = fields.text(node, spec.name, context.problems)
    if key is None or context.register is None:
        return None
    if context.register.lookup(key, node.line, context.problems, spec.name) is None:
        return None
    return key


def _series_folders(node: Node, spec: FieldSpec, context: Context) -> list[str] | None:
    """Folder names of series in the content folder (a typo gets a suggestion)."""
    items = fields.sequence(node, spec.name, context.problems)
    if items is None:
        return None
    known = series_folders(context.content) if context.content else []
    found = []
    for item in items:
        name = fields.text(item, spec.name, context.problems)
        if name is None:
            continue
        if context.content is not None and name not in known:
            hint = fields.suggestion(name, known)
            context.problems.add(
                item.line,
                f"'{fields.shown(name)}' in '{spec.name}' is geen reeks in "
                f"{display_path(context.content)}{hint or '.'}",
            )
            continue
        found.append(name)
    return found


def _yes_no(node: Node, spec: FieldSpec, context: Context) -> bool | None:
    value = fields.text(node, spec.name, context.problems)
    if value in ("ja", "nee"):
        return value == "ja"
    if value is not None:
        context.problems.add(node.line, f"'{spec.name}' is 'ja' of 'nee' (nu: '{value}')")
    return None


def _nested(kind: str) -> Reader:
    """``record:name`` reads fields with the specs `dutch.fields.NESTED[name]`,
    ``records:name`` a list of such records."""
    from ..dutch.fields import NESTED

    many, _, name = kind.partition(":")
    specs = NESTED[name]

    def one(node: Node, spec: FieldSpec, context: Context) -> dict | None:
        entry = fields.mapping(node, spec.name, context.problems)
        if entry is None:
            return None
        values = read_record(entry, specs, context, where=f" bij een {name}")
        values["line"] = node.line
        return values

    def every(node: Node, spec: FieldSpec, context: Context) -> list[dict] | None:
        items = fields.sequence(node, spec.name, context.problems)
        if items is None:
            return None
        found = [one(item, spec, context) for item in items]
        return [values for values in found if values is not None]

    return every if many == "records" else one


READERS: dict[str, Reader] = {
    "text": _text,
    "number": _number,
    "date": _date,
    "status": _status,
    "inline": _inline,
    "blocks": _blocks,
    "texts": _texts,
    "organisation": _organisation,
    "organisations": _organisations,
    "organisation_name": _organisation_name,
    "speakers": _speakers,
    "organisation_kind": _organisation_kind,
    "keys": _keys,
    "register_key": _register_key,
    "yes_no": _yes_no,
    "person": _person,
    "plain": _plain,
    "port": _port,
    "series_folders": _series_folders,
    "former_names": _former_names,
    "image": _image,
    "email": _email,
    "url": _url,
}
