"""Where things are: the sessions of a content folder and the reports they become.

Shared by the Snakefile (to plan the build) and the command line (to name what
it builds), so both see the same sessions. A file whose name cannot become a
report (bytes that are not UTF-8, control characters, a name too long for the
file system, a pattern Snakemake cannot take) is reported for that file alone;
files that look like a session but are not one (`.MD`, `.txt`, `reeks.yml`)
are named in a warning, not silently skipped.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem

REPORT_KINDS = ("pdf", "docx", "html")
REGISTER_FILE = "organisaties.yaml"
SERIES_FILE = "reeks.yaml"
DISTRIBUTION_FILE = "verzendlijst.yaml"
PACKAGES = "verzending"
"""The folder of a series' distribution packages in its output folder."""
PACKAGE_FILE = re.compile(
    r"\d{2,}-.+\.eml|.+\.zip|manifest\.(json|csv)|\.snakemake_timestamp"
)
"""The files in a package: an e-mail per recipient (``01-<adres>.eml``), the ZIP and
the manifests that `distribution/package.py` writes, and Snakemake's time mark."""
FIGURE_SUFFIX = ".deelname.png"
"""A series' participation matrix, kept beside the staged outputs as ``<reeks>`` with
this ending (see `kept_renders.kept_drawing`)."""
SOURCE_SUFFIX = ".md"
DRAFT_SUFFIX = "-concept"
"""Added to the file names of a draft's reports (``status: concept``)."""
OVERVIEW = "overzicht"
"""The name of a series' overview in its output folder."""
MODELS = ".model"
"""The folder, inside the output folder, of the models the build reads sources into."""
STAGED = ".werk"
"""The folder, inside the output folder, where reports are made before they are
published together."""
KEPT = ".bewaard"
"""The folder, beside the staged reports, of the renders kept for the next build
(see `kept_renders`)."""
RESERVED = (OVERVIEW,)
MAX_SESSION_BYTES = 150
MAX_SERIES_BYTES = 100
"""Name lengths (UTF-8 bytes) that leave room for every file made from them."""
_PERIODIC = re.compile(r"(.+?)\1{19,}$")
"""A name ending in a part repeated twenty times: Snakemake refuses it as a wildcard."""
_LOOKALIKES = (".markdown", ".txt", ".docx", ".doc", ".odt", ".rtf")
NOT_A_FILE = (
    "dit is geen gewoon bestand (maar een map, een pijp of een snelkoppeling die nergens "
    "heen wijst); een sessie is een tekstbestand dat op .md eindigt"
)


@dataclass
class ContentScan:
    """What a content folder holds: sessions, names that cannot be, files skipped."""

    sessions: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """Files skipped as look-alikes (``.MD``, ``.txt``, ...), as ``(reeks, naam)``:
    probably sessions saved under the wrong name, whose reports are kept."""
    misnamed_distribution: bool = False
    """A distribution list under another name (``verzendlijst.yml``): not read."""


def scan(content: Path) -> ContentScan:
    """Every session of `content` (``(reeks, sessie)``), in a fixed order.

    Series folders and files starting with ``.`` or ``_`` are left alone on
    purpose (notes, hidden files).
    """
    found = ContentScan()
    if not content.is_dir():
        return found
    if not (content / DISTRIBUTION_FILE).exists():
        for other in sorted(content.iterdir()):
            if other.name.lower() not in ("verzendlijst.yml", DISTRIBUTION_FILE):
                continue
            found.misnamed_distribution = True
            found.warnings.append(
                f"{other} wordt niet gelezen: de verzendlijst heet {DISTRIBUTION_FILE}; "
                "hernoem het bestand (tot dan worden er geen verzendpakketten gemaakt)"
            )
    for folder in sorted(content.iterdir()):
        if not is_series_folder(folder):
            continue
        sources = sorted(folder.iterdir())
        if (folder / "reeks.yml").exists() and not (folder / SERIES_FILE).exists():
            found.warnings.append(
                f"{folder / 'reeks.yml'} wordt niet gelezen: het reeksbestand heet "
                f"{SERIES_FILE} (met 'aml'); hernoem het"
            )
        for source in sources:
            name = source.name
            if name.startswith((".", "_")):
                continue
            if not source.is_file():  # a folder, a pipe, a link to nothing
                if source.suffix == SOURCE_SUFFIX:  # not silently a session gone
                    found.problems.append((str(source), 0, NOT_A_FILE))
                continue
            if source.suffix != SOURCE_SUFFIX:
                if source.suffix.lower() in (SOURCE_SUFFIX, *_LOOKALIKES):
                    found.warnings.append(
                        f"{source} wordt overgeslagen: alleen bestanden die op '.md' "
                        "eindigen (kleine letters) zijn sessies; sla het op als .md"
                    )
                    found.skipped.append((folder.name, source.stem))
                continue
            problem = name_problem(folder.name, source.stem)
            if problem:
                found.problems.append((str(source), 0, problem))
            else:
                found.sessions.append((folder.name, source.stem))
    return found


def is_series_folder(folder: Path) -> bool:
    """A folder of the content folder that holds a series (``.`` and ``_`` folders
    are left alone on purpose: notes, hidden files)."""
    return folder.is_dir() and not folder.name.startswith((".", "_"))


def series_folders(content: Path) -> list[str]:
    """The names of the series folders of `content`, with or without sessions."""
    if not content.is_dir():
        return []
    return sorted(folder.name for folder in content.iterdir() if is_series_folder(folder))


def name_problem(reeks: str, sessie: str) -> str | None:
    """Why a series folder and session name cannot become reports, in Dutch; or None."""
    for name, what, limit in (
        (reeks, "de mapnaam", MAX_SERIES_BYTES),
        (sessie, "de bestandsnaam", MAX_SESSION_BYTES),
    ):
        if any("\udc80" <= char <= "\udcff" for char in name):
            return (
                f"{what} bevat tekens die geen UTF-8 zijn (meestal van een ander systeem "
                "gekopieerd); hernoem het bestand of de map"
            )
        if any(not char.isprintable() for char in name):
            return f"{what} bevat een stuurteken; hernoem het bestand of de map"
        if "{" in name or "}" in name:
            return f"{what} bevat accolades {{ }}; die kunnen niet in een naam; hernoem"
        if len(name.encode("utf-8")) > limit:
            return (
                f"{what} is te lang ({len(name)} tekens); hoogstens {limit} bytes, "
                "want de verslagen krijgen dezelfde naam met een extensie"
            )
        if name is sessie and name in RESERVED:
            return (
                f"{what} '{name}' is gereserveerd voor het overzicht van de reeks; "
                "hernoem het bestand"
            )
        if name is sessie and name.endswith(DRAFT_SUFFIX):
            return (
                f"{what} eindigt op '{DRAFT_SUFFIX}'; die naam is voor de verslagen van "
                "een concept (zet 'status: concept' in de kopgegevens): hernoem het bestand"
            )
        if _PERIODIC.search(name):
            return (
                f"{what} eindigt op een herhaling van twintig keer hetzelfde; "
                "Snakemake kan zo'n naam niet verwerken: hernoem het bestand"
            )
    return None


def find_sessions(content: Path) -> list[tuple[str, str]]:
    """(reeks, sessie) for every usable session source (see `scan`)."""
    return scan(content).sessions


def reports(out: Path, reeks: str, sessie: str, draft: bool = False) -> list[Path]:
    """Every report file of one session; a draft's names end in ``-concept``."""
    stem = f"{sessie}{DRAFT_SUFFIX}" if draft else sessie
    return [out / reeks / f"{stem}.{kind}" for kind in REPORT_KINDS]


def every_variant(out: Path, reeks: str, sessie: str) -> list[Path]:
    """The reports of a session as final and as draft (one of them is stale)."""
    return reports(out, reeks, sessie) + reports(out, reeks, sessie, draft=True)


def other_variant(report: Path) -> Path:
    """``x-concept.pdf`` for ``x.pdf`` and the reverse."""
    stem = report.stem
    if stem.endswith(DRAFT_SUFFIX):
        return report.with_name(stem.removesuffix(DRAFT_SUFFIX) + report.suffix)
    return report.with_name(stem + DRAFT_SUFFIX + report.suffix)


def package(out: Path, reeks: str, sessie: str) -> Path:
    """The distribution package (a folder) of one session."""
    return out / reeks / PACKAGES / sessie


def overview(out: Path, reeks: str) -> list[Path]:
    """The overview files of a series."""
    return [out / reeks / f"{OVERVIEW}.{kind}" for kind in REPORT_KINDS]


def index(out: Path) -> list[Path]:
    """The index of the whole output folder."""
    return [out / "index.html", out / "index.pdf"]


def every_output(
    out: Path, sessions: Iterable[tuple[str, str]], packages: bool = True
) -> list[Path]:
    """Every output these sessions can have: both names of each report (final and
    draft), the overviews of their series, the index and, with `packages`, a
    distribution package per session (a draft has none; naming it does no harm)."""
    sessions = sorted(sessions)
    if not sessions:
        return []
    made = [p for reeks, sessie in sessions for p in every_variant(out, reeks, sessie)]
    made += _shared(out, sessions)
    if packages:
        made += [package(out, reeks, sessie) for reeks, sessie in sessions]
    return made


def made_by_a_build(
    out: Path,
    sessions: list[tuple[str, str]],
    drafts: Collection[tuple[str, str]],
    distribution: bool,
    series: Collection[str] | None = None,
) -> list[Path]:
    """What a build makes for `series` (default: every series): the reports of each
    session (``drafts`` by their draft names), the overviews, the index, and the
    distribution package of each final session once there is a distribution list."""
    chosen = [(r, s) for r, s in sessions if series is None or r in series]
    if not chosen:
        return []
    made = [p for r, s in chosen for p in reports(out, r, s, (r, s) in drafts)]
    made += _shared(out, chosen)
    return made + (packages(out, chosen, drafts) if distribution else [])


def _shared(out: Path, sessions: Iterable[tuple[str, str]]) -> list[Path]:
    """What these sessions feed together: their series' overviews and the index."""
    series = sorted({reeks for reeks, _ in sessions})
    return [p for reeks in series for p in overview(out, reeks)] + index(out)


def packages(
    out: Path, sessions: list[tuple[str, str]], drafts: Collection[tuple[str, str]]
) -> list[Path]:
    """The distribution package of every session that is not a draft."""
    return [package(out, r, s) for r, s in sessions if (r, s) not in drafts]
