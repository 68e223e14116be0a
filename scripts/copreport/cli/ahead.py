"""Work the fork server can start before Snakemake asks for it.

After an edit in the text of sessions of one series, the longest step of the
build is the PDF of that series' overview, and Snakemake asks for it only once it
has loaded, planned and had the sessions read again (about 0.6 s). The build
command knows at once which sources changed (`snapshot`), so it asks the server
to make that PDF ahead (`steps.head_start_overview`, sent by `client.ask_ahead`);
the build's own step then takes the kept result when its outline is the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .. import jobs, paths
from ..runner.protocol import Request
from . import snapshot
from .engine import ROOT


def overview_request(
    content: Path,
    out: Path,
    sessions: Iterable[tuple[str, str]],
    edited: Iterable[str],
    config: Mapping[str, Any],
) -> Request | None:
    """The request for the overview PDF of the series whose sessions' text changed
    (`edited`: sources inside the content folder), with the inputs Snakemake's own
    step will have; None unless they are all of one series whose overview an earlier
    build made."""
    edited = sorted(edited)
    series = snapshot.series_of(edited)
    if len(series) != 1:
        return None  # several overviews to make: the cores are busy anyway
    (reeks,) = series
    models = out / paths.MODELS
    target = out / paths.STAGED / f"{reeks}.{paths.OVERVIEW}.pdf"
    if not target.exists():
        return None
    return Request(
        step="head_start_overview",
        inputs={
            "series": [str(models / f"{reeks}.reeks.json")],
            "register": [str(models / "organisaties.json")],
            "sessions": [str(models / r / f"{s}.json") for r, s in sessions if r == reeks],
            "sources": [str(content / source) for source in edited],
            "templates": [str(ROOT / "templates" / "report.css")],
        },
        outputs=[str(target)],
        log=str(target.parent / paths.KEPT / f"{reeks}.{paths.OVERVIEW}.vooraf.log"),
        options={"content": str(content)},
        limits=jobs.limits(config),
        label=f"{reeks}/{paths.OVERVIEW}",
        source=str(content / reeks / paths.SERIES_FILE),
    )
