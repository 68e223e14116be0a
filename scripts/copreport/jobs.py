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
from typing import Any, Protocol

from .errors import format_problem
from .publish import publish
from .runner import client
from .runner.protocol import Limits, Request, Result

LIMIT_SETTINGS = {"tijdslimiet": "seconds", "geheugenlimiet": "megabytes"}
"""The `--config` settings of the hard limits of every step (Dutch name: field)."""


class StepFailed(Exception):
    """A step ended with problems; the message is what the user reads."""


class Listener(Protocol):
    """Who hears about every job (the command line's progress); else they print."""

    def step_done(self, step: str, label: str, result: Result) -> None: ...

    def published(self, label: str) -> None: ...


listener: Listener | None = None


def run_step(
    step: str,
    input: Any,
    output: Iterable[Any],
    log: Iterable[Any],
    label: str,
    config: Mapping[str, Any],
    source: Path,
    stale: Iterable[Path] = (),
    priority: int = 0,
    **options: Any,
) -> None:
    """Do `step` for one job; on failure remove the `stale` reports and raise.

    `label` names the work for the user (``reeks/sessie``), `source` is the content
    file it is about, `priority` the rule's (the fork server starts waiting steps
    highest first), `options` are paths the step needs besides its inputs.
    """
    rule = options.pop("progress_rule", step)
    request = Request(
        step=step,
        inputs={name: _strings(files) for name, files in input.items()},
        outputs=[str(path) for path in output],
        log=str(next(iter(log))),
        options={name: str(value) for name, value in options.items()},
        limits=limits(config),
        label=label,
        source=str(source),
        priority=priority,
    )
    result = client.run(request)
    if not result.ok:
        remove(stale)
    _tell(rule, label, result)
    if not result.ok:
        raise StepFailed(result.message)


def publish_reports(
    input: Iterable[Any],
    output: Iterable[Any],
    log: Iterable[Any],
    label: str,
    source: Path,
) -> None:
    """Put a session's staged reports in place, all together (see `publish`)."""
    from .runner.perform import environment_message

    targets = [Path(path) for path in output]
    try:
        publish([Path(path) for path in input], targets, Path(next(iter(log))))
    except OSError as error:
        for path in targets:
            path.unlink(missing_ok=True)
        message = environment_message(error, targets[0].parent) or (
            f"de verslagen konden niet worden geplaatst in {targets[0].parent} "
            f"(foutcode {error.errno})"
        )
        result = Result.failure(message, str(source))
        _tell("publish_session", label, result)
        raise StepFailed(result.message) from None
    if listener is not None:
        listener.published(label)


def remove(stale: Iterable[Path]) -> None:
    """Remove reports (files) and distribution packages (folders) gone stale."""
    import shutil

    for path in map(Path, stale):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _tell(step: str, label: str, result: Result) -> None:
    if listener is not None:
        listener.step_done(step, label, result)
        return
    for note in result.notes:
        print(f"LET OP ({label}): {note}", file=sys.stderr)
    for problem in result.problems:
        print(f"FOUT: {format_problem(problem)}", file=sys.stderr)


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
