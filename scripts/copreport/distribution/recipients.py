"""The distribution list, `content/verzendlijst.yaml`: who receives the reports.

Read and validated like every content file (Dutch messages at their line). A
recipient names an organisation from the register; `reeksen` limits the series
they receive.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..dutch.fields import DISTRIBUTION
from ..errors import Problems, SourceError
from ..model import Series
from ..source.mdblocks import MarkdownReader
from ..source.placeholders import check_placeholders
from ..source.record import Context, read_record
from ..source.register import Register
from ..source.text import read_source
from ..source.yamlnodes import Mapping, load_yaml


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class Sender(_Frozen):
    name: str
    email: str


class Recipient(_Frozen):
    name: str
    email: str
    organisation: str
    """A register key."""
    series: list[str] | None = None
    line: int = 0

    def receives(self, series: str) -> bool:
        return self.series is None or series in self.series


class SmtpSettings(_Frozen):
    host: str
    port: int = 587
    starttls: bool = True
    user: str | None = None


class DistributionList(_Frozen):
    recipients: list[Recipient]
    sender: Sender | None = None
    """Who sends; without one, a draft gets the series' e-mail address (or none)."""
    smtp: SmtpSettings | None = None

    def sender_for(self, series: Series) -> Sender | None:
        """The sender of a series' reports: `afzender`, else the series' address."""
        if self.sender is not None:
            return self.sender
        if series.email:
            return Sender(name=series.network, email=series.email)
        return None


def load_distribution(path: Path, register: Register, content: Path) -> DistributionList:
    """Read and validate the distribution list; every problem in it is reported at once."""
    text = read_source(path)
    problems = Problems(path)
    check_placeholders(text, problems)
    root = load_yaml(path, text)
    if not isinstance(root, Mapping):
        problems.raise_if_any()
        raise SourceError(
            path,
            1,
            "de verzendlijst bestaat uit velden, met in elk geval 'ontvangers:' (een "
            "lijst); zie de README",
        )
    context = Context(
        path,
        problems,
        MarkdownReader(path, problems),
        register=register,
        content=content,
    )
    values = read_record(root, DISTRIBUTION, context)
    seen: dict[str, int] = {}
    for recipient in values.get("recipients", []):
        email = recipient.get("email", "").lower()
        if email and email in seen:
            problems.add(
                recipient["line"],
                f"'{recipient['email']}' staat twee keer in de verzendlijst (ook op regel "
                f"{seen[email]})",
            )
        seen.setdefault(email, recipient["line"])
    problems.raise_if_any()
    return DistributionList(
        recipients=[Recipient(**recipient) for recipient in values["recipients"]],
        sender=Sender(**values["sender"]) if "sender" in values else None,
        smtp=SmtpSettings(**values["smtp"]) if "smtp" in values else None,
    )
