"""Putting a session's reports in place together, once all of them are made.

The render steps write into a hidden staging folder; only when every report of a
session is there does this step copy them into the output folder. A session
whose step failed therefore never gets some reports back from a sibling step
that finished later. (Copies, not hard links: Snakemake touches each output after
a job, and a link would make its staged twin look newer than its siblings.)
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from .atomic import partial_path
from .paths import DRAFT_SUFFIX, PACKAGES, other_variant
from .runner.perform import write_log


def publish(staged: Iterable[Path], targets: Iterable[Path], log: Path) -> None:
    """Replace each target by a copy of its staged report, atomically per file; the
    other variant (the draft of a final report, or the reverse) is removed, and so
    is the distribution package of a report that became a draft again."""
    placed = []
    for source, target in zip(staged, targets, strict=True):
        other_variant(target).unlink(missing_ok=True)
        if target.stem.endswith(DRAFT_SUFFIX):
            stale = target.parent / PACKAGES / target.stem.removesuffix(DRAFT_SUFFIX)
            shutil.rmtree(stale, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = partial_path(target)
        try:
            shutil.copyfile(source, temporary)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
        placed.append(f"geplaatst: {target}\n")
    write_log(log, "".join(placed))
