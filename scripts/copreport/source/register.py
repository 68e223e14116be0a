"""The register of organisations, `organisaties.yaml`, shared by every series."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .. import dutch
from ..dutch.fields import ORGANISATION
from ..errors import Problems, SourceError, display_path
from ..model import Organisation, OrganisationRegister, RegisteredOrganisation
from . import fields
from .mdblocks import MarkdownReader
from .record import Context, read_record
from .text import read_source
from .yamlnodes import Mapping, load_yaml

REGISTER_FILE = "organisaties.yaml"
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


class Register:
    """The organisations by key, with their history, and the file they came from."""

    def __init__(
        self, path: Path, organisations: dict[str, RegisteredOrganisation]
    ) -> None:
        self.path = path
        self.organisations = organisations

    def keys(self) -> list[str]:
        return list(self.organisations)

    def name_of(self, key: str, day=None) -> str:
        return self.on(key, day).name

    def on(self, key: str, day=None) -> Organisation:
        """The organisation as named on `day` (today's name without a day)."""
        organisation = self.organisations[key]
        return organisation.on(day) if day else organisation.on(dt.date.max)

    def lookup(
        self, key: str, line: int, problems: Problems, field: str, day=None
    ) -> Organisation | None:
        """The organisation for a key as named on `day`, or None with a message
        suggesting the nearest key (or, for one that no longer existed, its successors)."""
        if key in self.organisations:
            organisation = self.organisations[key]
            if day and organisation.ended and day >= organisation.ended:
                successors = [
                    f"{s} ({self.name_of(s, day)})" if s in self.organisations else s
                    for s in organisation.successors
                ]
                hint = f"; gebruik {_alternatives(successors)}" if successors else ""
                problems.add(
                    line,
                    f"'{key}' ({organisation.name}) bestond op "
                    f"{dutch.long_date(day)} niet meer (opgeheven op "
                    f"{dutch.long_date(organisation.ended)}){hint}",
                )
                return None
            return self.on(key, day)
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
    organisations: dict[str, RegisteredOrganisation] = {}
    successor_lines: dict[str, list[tuple[str, int]]] = {}
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
        values["former_names"] = _history(key, values, entry, problems)
        successor_lines[key] = values.pop("successors", [])
        values["successors"] = [name for name, _ in successor_lines[key]]
        if successor_lines[key] and "ended" not in values:
            problems.add(
                entry.key_lines["opvolgers"],
                f"'{key}' heeft opvolgers maar geen 'opgeheven'-datum; zet erbij vanaf "
                "wanneer de organisatie niet meer bestond",
            )
        if "name" in values and "kind" in values:
            organisations[key] = RegisteredOrganisation(key=key, **values)
    for key, successors in successor_lines.items():
        for successor, line in successors:
            if successor not in root.entries:
                problems.add(
                    line,
                    f"opvolger '{successor}' van '{key}' staat niet in het register"
                    f"{fields.suggestion(successor, list(root.entries))}",
                )
    problems.raise_if_any()
    return Register(path, organisations)


def _alternatives(words: list[str]) -> str:
    """``A``, ``A of B``, ``A, B of C``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " of " + words[-1]


def _history(key: str, values: dict, entry: Mapping, problems: Problems) -> list:
    """Earlier names in order, each before the next, all before `opgeheven`."""
    names = values.get("former_names") or []
    previous = None
    for former, line in names:
        if previous is not None and former.until <= previous:
            problems.add(
                line,
                f"de eerdere namen van '{key}' staan niet op volgorde of overlappen: "
                f"'tot' {former.until.isoformat()} ligt niet na {previous.isoformat()}; "
                "zet de oudste naam eerst",
            )
        ended = values.get("ended")
        if ended and former.until > ended:
            problems.add(
                line,
                f"de naam '{former.name}' van '{key}' gold tot {former.until.isoformat()}, "
                f"na de opheffing op {ended.isoformat()}",
            )
        previous = former.until
    return [former for former, _ in names]
