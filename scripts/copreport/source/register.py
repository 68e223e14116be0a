"""The register of organisations, `organisaties.yaml`, shared by every series."""

from __future__ import annotations

import re
from pathlib import Path

from ..dutch.fields import ORGANISATION
from ..errors import Problems, SourceError, display_path
from ..model import Organisation, OrganisationRegister
from . import fields
from .mdblocks import MarkdownReader
from .record import Context, read_record
from .text import read_source
from .yamlnodes import Mapping, load_yaml

REGISTER_FILE = "organisaties.yaml"
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


class Register:
    """The organisations by key, and the file they came from (for messages)."""

    def __init__(self, path: Path, organisations: dict[str, Organisation]) -> None:
        self.path = path
        self.organisations = organisations

    def keys(self) -> list[str]:
        return list(self.organisations)

    def name_of(self, key: str) -> str:
        return self.organisations[key].name

    def lookup(
        self, key: str, line: int, problems: Problems, field: str
    ) -> Organisation | None:
        """The organisation for a key, or None with a message suggesting the nearest key."""
        if key in self.organisations:
            return self.organisations[key]
        hint = fields.suggestion(key, list(self.organisations))
        problems.add(
            line,
            f"onbekende organisatie '{fields.shown(key)}' in {field}{hint or '.'} "
            f"Voeg nieuwe organisaties toe aan {display_path(self.path)}",
        )
        return None

    def to_json(self) -> bytes:
        """The validated register as the build keeps it between steps."""
        model = OrganisationRegister(organisations=self.organisations)
        return model.model_dump_json(indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, path: Path, data: bytes) -> Register:
        """A register written by `to_json`; `path` is the source, named in messages."""
        return cls(path, OrganisationRegister.model_validate_json(data).organisations)


def load_register(path: Path, content: Path | None = None) -> Register:
    """Read and validate the register; every problem in it is reported at once.

    Logos are looked up in the `content` folder (by default the register's folder).
    """
    content = content if content is not None else path.parent
    root = load_yaml(path, read_source(path))
    problems = Problems(path)
    if not isinstance(root, Mapping) or not root.entries:
        raise SourceError(
            path,
            1,
            "het register moet per organisatie een sleutel met velden bevatten, "
            "bijvoorbeeld 'PBL: {naam: Planbureau voor de Leefomgeving, soort: "
            "planbureau}'",
        )
    context = Context(path, problems, MarkdownReader(path, problems), content=content)
    organisations: dict[str, Organisation] = {}
    for key, node in root.entries.items():
        line = root.key_lines[key]
        if not _KEY.match(key):
            problems.add(
                line,
                f"sleutel '{key}' mag alleen letters, cijfers, '-' en '_' bevatten "
                "(bijvoorbeeld 'EZK' of 'provincie-overijssel')",
            )
            continue
        entry = fields.mapping(node, key, problems)
        if entry is None:
            continue
        values = read_record(entry, ORGANISATION, context, where=f" bij '{key}'")
        if "name" in values and "kind" in values:
            organisations[key] = Organisation(key=key, **values)
    problems.raise_if_any()
    return Register(path, organisations)
