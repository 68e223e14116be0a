"""The distribution list, `content/verzendlijst.yaml`: who receives the reports.

Read and validated like every content file (Dutch messages at their line). A
recipient names an organisation from the register; `reeksen` limits the series
they receive.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from ..dutch.fields import DISTRIBUTION
from ..model import Series
from ..source.record import open_record_file, read_record
from ..source.register import Register


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
    root, context = open_record_file(
        path,
        "de verzendlijst bestaat uit velden, met in elk geval 'ontvangers:' (een "
        "lijst); zie de README",
        register,
        content,
    )
    problems = context.problems
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
