"""What a rule's `run:` block calls: the job as a `Request`, the answer in Dutch.

This runs inside Snakemake (in one of its threads), so it imports nothing heavy:
the step itself runs in the build's fork server or in a process of its own
(`runner.client`). A failed step removes the reports it makes stale and fails the
job with the step's Dutch message; notes are shown after ``LET OP``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .runner import client
from .runner.protocol import Limits, Request

LIMIT_SETTINGS = {"tijdslimiet": "seconds", "geheugenlimiet": "megabytes"}
"""The `--config` settings of the hard limits of every step (Dutch name: field)."""


class StepFailed(Exception):
    """A step ended with problems; the message is what the user reads."""


def run_step(
    step: str,
    input: Any,
    output: Iterable[Any],
    log: Iterable[Any],
    label: str,
    config: Mapping[str, Any],
    stale: Iterable[Path] = (),
    **options: Any,
) -> None:
    """Do `step` for one job; on failure remove the `stale` reports and raise."""
    request = Request(
        step=step,
        inputs={name: _strings(files) for name, files in input.items()},
        outputs=[str(path) for path in output],
        log=str(next(iter(log))),
        options={name: str(value) for name, value in options.items()},
        limits=limits(config),
        label=label,
    )
    result = client.run(request)
    for note in result.notes:
        print(f"LET OP ({label}): {note}", file=sys.stderr)
    if result.ok:
        return
    for path in stale:
        Path(path).unlink(missing_ok=True)
    for problem in result.problems:
        print(f"FOUT: {problem}", file=sys.stderr)
    raise StepFailed(result.message)


def limits(config: Mapping[str, Any]) -> Limits:
    """The step limits from the workflow's configuration (defaults otherwise)."""
    values = {
        field: float(config[name]) if field == "seconds" else int(config[name])
        for name, field in LIMIT_SETTINGS.items()
        if name in config
    }
    return Limits(**values)


def _strings(files: Any) -> list[str]:
    return [str(files)] if isinstance(files, (str, Path)) else [str(f) for f in files]
