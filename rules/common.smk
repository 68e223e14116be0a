"""Paths, sessions and code fingerprints shared by the rules of the Snakefile."""

import hashlib
import json
import os
import re
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(workflow.basedir) / "scripts"))

from copreport import buildlock, jobs, paths, settings, stop_signals
from copreport.errors import ReportError, format_problem
from copreport.jobs import publish_reports, run_step
from copreport.cli import snapshot
from copreport.cli.progress import printable
from copreport.runner import client
from copreport.source import scan


def folder_setting(name, default):
    """A folder from --config; relative paths count from where the user started ./build.sh."""
    if name not in config:
        return Path(default)
    caller = Path(os.environ.get("COPREPORT_CALLER_DIR", "."))
    return caller / Path(str(config[name])).expanduser()


try:
    settings.check(config)
except ReportError as error:
    sys.exit(f"FOUT: {error}")
CONTENT = folder_setting("content", "content")
OUT = folder_setting("out", "out")
if not (CONTENT / "organisaties.yaml").is_file() and not any(CONTENT.glob("*/*.md")):
    sys.exit(
        f"FOUT: in {CONTENT} staan geen sessies en geen organisaties.yaml; klopt de "
        "contentmap? (--config content=PAD, een relatief pad telt vanaf de map waarin "
        "u ./build.sh start)"
    )
MODELS = OUT / paths.MODELS
STAGED = OUT / paths.STAGED
LOGS = OUT / ".logs"
REGISTER = CONTENT / paths.REGISTER_FILE
DISTRIBUTION = CONTENT / paths.DISTRIBUTION_FILE
REPORT_KINDS = paths.REPORT_KINDS
SESSION_FIRST = 10
"""The priority of a session's own jobs: its reports come before the index and the
overview's Word file and web page (Snakemake would otherwise start with the jobs that
read the most input); see `PDF_FIRST` for the overview's PDF."""
PDF_FIRST = 5
"""Added to the priority of a PDF, the slowest step of a session or an overview: it
starts before the quick ones, so that two cores finish together."""
OVERVIEW_FIRST = 1
"""Added once more to the priority of a series overview's PDF, the longest step of all:
after an edit it takes the first free core (it arrives at the fork server together with
the session's PDF, Word file and web page, which fill in beside it)."""
FINAL_NAME = r"(?!.*-concept$)(?!overzicht$)[^/]+"
"""A session name as its final reports carry it (a draft's end in -concept; the
series overview is called overzicht)."""

if workflow.is_main_process:
    try:
        buildlock.hold(OUT, "uitvoermap")
        buildlock.hold(Path(".snakemake"), "werkmap van Snakemake")
    except ReportError as error:
        sys.exit(f"FOUT: {error}")
    buildlock.clear_leftovers(OUT, Path("."))
    snapshot.forget(OUT)

CODE = Path(workflow.basedir) / "scripts" / "copreport"
# Relative to the working folder, so that a moved or copied project keeps its build.
TEMPLATES = Path(os.path.relpath(Path(workflow.basedir) / "templates"))
SHARED_CODE = [
    CODE / name
    for name in (
        "__init__.py",
        "model.py",
        "errors.py",
        "atomic.py",
        "steps.py",
    )
] + sorted((CODE / "dutch").glob("*.py"))
PARSE_CODE = SHARED_CODE + sorted((CODE / "source").glob("*.py"))
LAYOUT_CODE = SHARED_CODE + sorted((CODE / "outline").glob("*.py"))
PDF_CODE = (
    LAYOUT_CODE
    + sorted((CODE / "html").glob("*.py"))
    + sorted((CODE / "pdf").glob("*.py"))
)
DOCX_CODE = LAYOUT_CODE + sorted((CODE / "docx").glob("*.py"))
OVERVIEW_CODE = sorted((CODE / "overview").glob("*.py")) + [CODE / "kept_renders.py"]
DISTRIBUTION_CODE = sorted((CODE / "distribution").glob("*.py"))
PACKAGE_CODE = (
    SHARED_CODE
    + [
        CODE / "distribution" / name
        for name in ("__init__.py", "package.py", "message.py", "recipients.py")
    ]
    + [CODE / "source" / "register.py"]
)
WEB_CODE = (
    LAYOUT_CODE
    + sorted((CODE / "html").glob("*.py"))
    + sorted((CODE / "web").glob("*.py"))
)
HTML_TEMPLATES = [
    TEMPLATES / "report.html.j2",
    TEMPLATES / "blocks.html.j2",
    TEMPLATES / "report.css",
]


def fingerprint(files):
    """A hash of the files' contents: a changed module reruns the rules that use it."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def existing(path):
    """The path as an input if it exists; a missing file is reported by the job in Dutch."""
    return [path] if path.exists() else []


def logo_files(register):
    """The logo files the register names: a changed logo re-reads the register.

    Read before any check, so read cheaply and safely: no YAML, only the lines
    ``logo: <path>`` of a register of sane size; the parse step checks the rest.
    """
    try:
        if register.stat().st_size > 1_000_000:
            return []
        text = register.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    root = register.parent.resolve()
    found = set()
    for match in LOGO_LINE.finditer(text):
        path = (register.parent / match.group(1).strip()).resolve()
        if path.is_relative_to(root) and path.is_file():
            found.add(register.parent / path.relative_to(root))
    return sorted(found)


LOGO_LINE = re.compile(
    r"^[ \t]*logo:[ \t]*['\"]?([^'\"#\n]+?)['\"]?[ \t]*(?:#.*)?$", re.M
)

SCAN = paths.scan(CONTENT)
SESSIONS = SCAN.sessions
if workflow.is_main_process and jobs.listener is None:
    for problem in SCAN.problems:
        print(printable(f"FOUT: {format_problem(problem)}"), file=sys.stderr)
    for warning in SCAN.warnings:
        print(printable(f"LET OP: {warning}"), file=sys.stderr)
SERIES = sorted({reeks for reeks, _ in SESSIONS})
SERIES_FOLDERS = paths.series_folders(CONTENT)
"""The folders `reeksen` in the distribution list may name (a change re-reads it)."""


FACTS = {
    reeks: scan.series_facts(CONTENT / reeks, [s for r, s in SESSIONS if r == reeks])
    for reeks in SERIES
}
"""Number, title, date and status of every session, read before the build."""


def is_draft(reeks, sessie):
    facts = FACTS[reeks].get(sessie)
    return bool(facts and facts.draft)


def reports(reeks, sessie):
    """The report files of one session (named ``-concept`` for a draft)."""
    return paths.reports(OUT, reeks, sessie, is_draft(reeks, sessie))


def stale_reports(reeks, sessie):
    """What a failed step of a session removes: its reports, final or draft, its
    package, and the overview and index that would otherwise stay behind unchanged."""
    return paths.every_output(OUT, [(reeks, sessie)])


def all_stale_reports(series=None):
    """What a failed shared step removes: everything of every session (of `series`)."""
    return paths.every_output(OUT, [s for s in SESSIONS if series in (None, s[0])])


def overview(reeks):
    """The overview files of a series."""
    return paths.overview(OUT, reeks)


INDEX = paths.index(OUT)


def session_models(reeks):
    """The models of every session of a series (the overview's input)."""
    return [MODELS / reeks / f"{sessie}.json" for r, sessie in SESSIONS if r == reeks]


LIMITED = settings.limited_series(config)
"""The series a limited build plans (./build.sh sets it); empty: every series."""


def every_report():
    """Everything a build makes (for the limited series only, when ./build.sh limits
    it): reports, overviews and the index, and the distribution packages once there
    is a distribution list."""
    return paths.made_by_a_build(
        OUT, SESSIONS, drafts(), DISTRIBUTION.exists(), LIMITED or None
    )


def every_package():
    """The distribution package of every session that is not a draft."""
    return paths.packages(OUT, SESSIONS, drafts())


def drafts():
    """Every session whose status is concept."""
    return {(reeks, sessie) for reeks, sessie in SESSIONS if is_draft(reeks, sessie)}


def all_packages():
    """What an unreadable distribution list makes stale: every package."""
    return [paths.package(OUT, reeks, sessie) for reeks, sessie in SESSIONS]


def numbers(wildcards):
    """The numbers of the other sessions of the series, as JSON (number: file name)."""
    return scan.numbers(FACTS[wildcards.reeks], wildcards.sessie)


def neighbours(wildcards):
    """The sessions before and after this one (for its colophon), as JSON."""
    return scan.neighbours(FACTS[wildcards.reeks], wildcards.sessie)


def session_label(wildcards):
    """A session as the user reads it in messages: ``reeks/sessie``."""
    return f"{wildcards.reeks}/{wildcards.sessie}"


def session_source(wildcards):
    """A session's source file."""
    return CONTENT / wildcards.reeks / f"{wildcards.sessie}.md"


def rule_priority(name):
    """A rule's priority, which its jobs also hand to the fork server."""
    return workflow.get_rule(name).priority


def session_step(step, wildcards, input, output, log, **options):
    """The job of one step of a session, whose rule has the step's name; a failure
    removes the session's reports."""
    run_step(
        step,
        input,
        output,
        log,
        session_label(wildcards),
        config,
        source=session_source(wildcards),
        stale=stale_reports(wildcards.reeks, wildcards.sessie),
        priority=rule_priority(step),
        **options,
    )


def run_overview(wildcards, input, output, log, kind):
    """The job of one format of a series overview."""
    name = f"render_overview_{'web' if kind == 'html' else kind}"
    run_step(
        "render_overview",
        input,
        output,
        log,
        f"{wildcards.reeks}/overzicht",
        config,
        source=CONTENT / wildcards.reeks / "reeks.yaml",
        stale=overview(wildcards.reeks),
        priority=rule_priority(name),
        kind=kind,
        progress_rule=name,
    )


# --- the build's start and end ------------------------------------------------------


def start_build():
    """Local builds run their steps in a fork server; other executors cannot reach it.

    A stop signal (SIGTERM) stops the build as Ctrl-C does, once: Snakemake's own
    handler for it takes the scheduler's lock, which the main thread may hold (the
    build then hangs for ever).
    """
    if threading.current_thread() is threading.main_thread():
        stop_signals.stop_on_signals()
    if workflow.local_exec:
        if client.SERVER_ENV not in os.environ:
            client.enable_server(workers=workflow.cores)
    else:
        client.disable_server()


def end_build(success):
    """Stop the fork server this build started, and do not wait for Snakemake's timers.

    Run through `snakemake` itself, say how it ended (./build.sh gives a summary).
    """
    if client.owns_server():
        client.stop_server()
    for thread in threading.enumerate():
        if isinstance(thread, threading.Timer):
            thread.cancel()
    if jobs.listener is not None:
        return
    if success:
        print(f"\nKlaar: de verslagen staan in {OUT.resolve()}.")
    elif stop_signals.stopped:
        print(
            "\nAfgebroken (Ctrl-C of een stopsignaal). Wat al klaar was, blijft staan "
            f"in {OUT.resolve()}; start de bouw opnieuw voor de rest.",
            file=sys.stderr,
        )
    else:
        print(
            "\nNiet alle verslagen zijn gemaakt: zie de meldingen die met FOUT "
            f"beginnen. Wat wel lukte, staat in {OUT.resolve()}.",
            file=sys.stderr,
        )
