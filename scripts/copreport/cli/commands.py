"""What each command of `./build.sh` does."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import buildlock, jobs, output_record, output_stamp, paths, settings
from ..errors import ReportError, display_path
from ..runner import client
from ..source import scan
from . import ahead, snapshot
from .engine import ROOT, append_to_log, run_workflow
from .progress import Progress, printable


def run(arguments: argparse.Namespace) -> int:
    """Carry out the parsed command line; the exit code is 0 only when all went well."""
    if arguments.command == "nieuw":
        return _new(arguments)
    if arguments.command == "voorbeeld":
        from .preview import preview

        caller = Path(os.environ.get("COPREPORT_CALLER_DIR") or os.getcwd())
        content = _folder(caller, arguments.content, ROOT / "content")
        return preview(caller / arguments.bestand, content, arguments.poort)
    if arguments.command == "verzend":
        from .distribute import distribute

        return distribute(arguments)
    return build(arguments)[0]


def _new(arguments: argparse.Namespace) -> int:
    import datetime as dt

    from .skeleton import new_session

    caller = Path(os.environ.get("COPREPORT_CALLER_DIR") or os.getcwd())
    content = _folder(caller, arguments.content, ROOT / "content")
    date = arguments.datum or dt.date.today()
    try:
        created = new_session(
            content, arguments.reeks, date, arguments.titel, arguments.nieuwe_reeks
        )
    except ReportError as error:
        print(printable(f"FOUT: {error}"), file=sys.stderr)
        return 1
    shown = display_path(created)
    print(
        printable(
            f"Nieuwe bijeenkomst: {shown}\n"
            "Vul de regels met VUL IN in (en haal weg wat u niet nodig hebt). Terwijl u "
            f"schrijft, toont\n  ./build.sh voorbeeld {shown}\n"
            "het verslag in de browser. Het staat op 'status: concept' tot u die regel "
            "weghaalt."
        )
    )
    return 0


def folders(arguments: argparse.Namespace) -> tuple[Path, Path]:
    """The content and output folders the command line names (or the defaults)."""
    caller = Path(os.environ.get("COPREPORT_CALLER_DIR") or os.getcwd())
    given = arguments.config
    content = _folder(
        caller, arguments.content or given.pop("content", None), ROOT / "content"
    )
    out = _folder(caller, arguments.uitvoer or given.pop("out", None), ROOT / "out")
    return content, out


def build(arguments: argparse.Namespace) -> tuple[int, Path, Path]:
    """Build what the command asks for; the exit code and the folders it used."""
    content, out = folders(arguments)
    given = arguments.config
    try:
        settings.check(given)
        if out == content or content in out.parents:
            same = out == content
            where = (
                "en de contentmap zijn dezelfde map" if same else "ligt in de contentmap"
            )
            raise ReportError(
                f"de uitvoermap {where} ({display_path(out)}): de verslagen zouden "
                "tussen de bronnen komen. Kies met --uitvoer een andere map, "
                "bijvoorbeeld out"
            )
        buildlock.hold(out, "uitvoermap")
        buildlock.hold(ROOT / ".snakemake", "werkmap van Snakemake")
        buildlock.writable(out / ".logs", "map met logboeken")
        targets, named = _targets(arguments, content, out)
    except ReportError as error:
        print(printable(f"FOUT: {error}"), file=sys.stderr)
        return 1, content, out
    found = paths.scan(content)
    # The summary counts the sessions asked for: a named one, or all of them.
    asked = found.sessions if named is None else [(r, s) for r, s, _ in named]
    labels = [f"{reeks}/{sessie}" for reeks, sessie in asked]
    progress = Progress(labels, whole=named is None and arguments.command == "bouw")
    progress.content_problems(found.problems, found.warnings)
    config = {**arguments.config, "content": str(content), "out": str(out)}
    log = out / ".logs" / "snakemake.log"
    building = arguments.command == "bouw"
    before: snapshot.State | None = None
    edited: set[str] = set()
    replaced = output_stamp.replaced(ROOT, out)
    if replaced:
        progress.note(
            f"de uitvoermap {display_path(out)} is niet meer zoals de vorige bouw haar "
            "achterliet (een teruggezette kopie?); daarom wordt alles opnieuw gemaakt"
        )
    if building:
        before = snapshot.state(ROOT, content, out, config, targets, found.sessions)
    if before is not None and not found.problems and not replaced:
        if snapshot.unchanged(out, before):
            print(progress.nothing_to_do())
            return 0, content, out
        if targets == ["all"]:
            sources = snapshot.edited_sources(out, before)
            edited = snapshot.series_of(sources)
            work_ahead = ahead.overview_request(
                content, out, found.sessions, sources, config
            )
            if work_ahead is not None:
                client.ask_ahead(work_ahead)
    limited = {**config, **settings.limited_to(edited)} if edited else config
    started = output_record.build_started()
    jobs.listener = progress  # the fork server was started by `main`
    try:
        # Twice as many jobs in flight as steps at work: the next step waits in the
        # fork server, so a free core never waits for Snakemake to hand out work.
        cores = getattr(arguments, "kernen", 2)
        ok = run_workflow(targets, limited, 2 * cores, log, progress, force=replaced)
        if edited:
            append_to_log(log, _planned_only(edited))
        strays = progress.steps_outside(edited) if edited else []
        if strays and not progress.interrupted:
            # Snakemake saw a change the record did not (it ran steps elsewhere): what
            # depends on them is not in this plan, so plan the whole build after all.
            progress.plan_again(
                "Ook buiten de gewijzigde reeks(en) bleek werk te doen; nu wordt de hele "
                "bouw gepland."
            )
            client.enable_server(workers=cores)  # the first run stopped it at its end
            client.start_server()
            ok = run_workflow(targets, config, 2 * cores, log, progress, append=True) and ok
            append_to_log(log, _planned_again(strays))
    finally:
        client.stop_server()
        jobs.listener = None
        # A replaced folder counts as mended only once everything in it was made again.
        remade = targets == ["all"] and not (progress.interrupted or progress.engine_errors)
        if not replaced or remade:
            output_stamp.renew(ROOT, out)
    good = ok and not progress.failures and not progress.engine_errors
    # Without any session, removing would more likely be a mistake than a clean-up.
    may_tidy = arguments.command in ("bouw", "verzend") and bool(found.sessions)
    full = good and building and targets == ["all"]
    if may_tidy and not _record_and_tidy(content, out, found, started, full, progress, log):
        before = None  # not all was tidied: the next build must not be skipped
    print(progress.summary(log, checked_only=arguments.command == "controleer"))
    if good and before is not None:
        snapshot.record(out, snapshot.finished(before, out))
    return (0 if good else 130 if progress.interrupted else 1), content, out


def _record_and_tidy(
    content: Path,
    out: Path,
    found: paths.ContentScan,
    started: float,
    full: bool,
    progress: Progress,
    log: Path,
) -> bool:
    """Record the outputs of the current sessions; after a `full` build (every
    session, no errors) first remove the reports, overviews and packages of sessions
    and series that no longer exist (with their intermediate files), and say which.
    False when something could not be removed or recorded."""
    distribution = (content / paths.DISTRIBUTION_FILE).is_file()
    sessions = found.sessions + found.skipped
    accounted = paths.every_output(
        out, sessions, distribution or found.misnamed_distribution
    )
    done = output_record.tidy(out, content, accounted, started, full)
    if lines := _removed_lines(done.removed, out):
        progress.removed(lines)
        append_to_log(log, "\n".join(lines))
    if done.waiting:
        verb = "blijft" if len(done.waiting) == 1 else "blijven"
        progress.note(
            f"{_of_gone_sessions(done.waiting)} {verb} staan tot een bouw van alle sessies "
            "zonder fouten"
        )
    if failed := done.failed + done.intermediates_failed:
        verb = "kon" if len(failed) == 1 else "konden"
        progress.note(
            f"{_of_gone_sessions(failed)} {verb} niet worden verwijderd; kijk of u "
            "in die map mag schrijven. De volgende bouw probeert het opnieuw."
        )
    if done.unrecorded:
        record = out / output_record.RECORD
        progress.note(
            f"de lijst van wat de bouw maakte ({display_path(record)}) kon niet worden "
            f"bijgewerkt; kijk of u in {display_path(record.parent)} mag schrijven. Tot "
            "dan blijven bestanden van verwijderde sessies staan."
        )
    if done.other_content:
        where = (
            "een andere contentmap"
            if Path(done.other_content).exists()
            else "een contentmap die er niet meer is (verplaatst of niet aangesloten?)"
        )
        progress.note(
            f"er is niets opgeruimd: de vorige bouw in {display_path(out)} kwam uit "
            f"{where}: {done.other_content}. Verslagen van sessies die alleen daar "
            "staan, blijven staan; verwijder ze zelf als u ze niet meer nodig hebt."
        )
    return not (failed or done.unrecorded)


def _of_gone_sessions(files: list[Path]) -> str:
    """'1 bestand van een verwijderde of hernoemde sessie (x)', or the plural."""
    first = display_path(files[0])
    if len(files) == 1:
        return f"1 bestand van een verwijderde of hernoemde sessie ({first})"
    return f"{len(files)} bestanden van verwijderde of hernoemde sessies (zoals {first})"


def _removed_lines(removed: list[Path], out: Path) -> list[str]:
    """One line per session, overview or package whose outputs were removed."""
    order = {f".{kind}": number for number, kind in enumerate(paths.REPORT_KINDS)}
    reports: dict[Path, list[str]] = {}
    packages = []
    for path in removed:
        relative = path.relative_to(out)
        if len(relative.parts) == 3 and relative.parts[1] == paths.PACKAGES:
            packages.append(relative)
        else:
            reports.setdefault(relative.with_suffix(""), []).append(path.suffix)
    lines = []
    for stem, suffixes in sorted(reports.items()):
        suffixes.sort(key=lambda suffix: order.get(suffix, len(order)))
        names = ", ".join([f"{stem}{suffixes[0]}", *suffixes[1:]])
        gone = "de reeks" if stem.name == paths.OVERVIEW else "de sessie"
        lines.append(f"verwijderd ({gone} bestaat niet meer): {names}")
    for package in sorted(packages):
        lines.append(f"verwijderd (geen sessie of verzendlijst meer): {package}")
    return lines


def _folder(caller: Path, given: Path | str | None, default: Path) -> Path:
    return (caller / Path(given).expanduser()).resolve() if given else default


def _targets(
    arguments: argparse.Namespace, content: Path, out: Path
) -> tuple[list[str], list[tuple[str, str, bool]] | None]:
    """What Snakemake is to make, and the sessions named on the command line (None:
    all)."""
    if arguments.command == "controleer":
        return ["controle"], None
    named = chosen_sessions(arguments, content, out)
    if arguments.command == "verzend":
        if not (content / paths.DISTRIBUTION_FILE).is_file():
            raise ReportError(
                f"er is geen verzendlijst: maak {display_path(content)}/"
                f"{paths.DISTRIBUTION_FILE} (zie de README, 'Verslagen versturen')"
            )
        # The list itself too: it is read even when no session is final yet.
        listed = [str(out / ".model" / "verzendlijst.json")]
        if named is None:
            return ["verzending", *listed], None
        packages = [str(paths.package(out, reeks, sessie)) for reeks, sessie, _ in named]
        return packages + listed, named
    if named is None:
        return ["all"], None
    reports = [
        str(path)
        for reeks, sessie, draft in named
        for path in paths.reports(out, reeks, sessie, draft)
    ]
    return reports, named


def _planned_only(series: set[str]) -> str:
    """The log's note on a build that planned only the series of edited sessions."""
    return (
        f"Alleen gepland: {', '.join(sorted(series))}. Sinds de vorige geslaagde bouw "
        "veranderde alleen de tekst van sessies daarvan; de rest was al bijgewerkt."
    )


def _planned_again(strays: list[str]) -> str:
    """The log's note on a limited build that found steps to do elsewhere."""
    return (
        f"Daarna toch alles gepland: Snakemake vond ook werk buiten die reeksen "
        f"({', '.join(sorted(set(strays)))}), dus iets was veranderd dat de vorige bouw "
        "niet kon zien."
    )


def chosen_sessions(
    arguments: argparse.Namespace, content: Path, out: Path
) -> list[tuple[str, str, bool]] | None:
    """The sessions named on the command line (series, name, draft); None: all.
    A draft named for sending is refused: drafts are never sent."""
    if not getattr(arguments, "bestanden", None):
        return None
    caller = Path(os.environ.get("COPREPORT_CALLER_DIR") or os.getcwd())
    named = []
    for given in arguments.bestanden:
        reeks, sessie = _session_of(caller / given, content, out)
        facts = scan.scan(content / reeks / f"{sessie}.md")
        draft = bool(facts and facts.draft)
        if draft and arguments.command == "verzend":
            raise ReportError(
                f"{reeks}/{sessie} staat op 'status: concept' en wordt niet verzonden; "
                "haal die regel weg als het verslag is vastgesteld"
            )
        named.append((reeks, sessie, draft))
    return named


def _session_of(path: Path, content: Path, out: Path) -> tuple[str, str]:
    """The session a source file or one of its reports belongs to."""
    path = path.resolve()
    for folder, kinds in (
        (content, (".md",)),
        (out, tuple(f".{k}" for k in paths.REPORT_KINDS)),
    ):
        try:
            relative = path.relative_to(folder)
        except ValueError:
            continue
        if len(relative.parts) == 2 and path.suffix in kinds:
            stem = path.stem
            if path.suffix != ".md":
                stem = stem.removesuffix(paths.DRAFT_SUFFIX)
            source = content / relative.parent / f"{stem}.md"
            if not source.is_file():
                raise ReportError(f"{display_path(source)} bestaat niet")
            return relative.parts[0], stem
    raise ReportError(
        f"{display_path(path)} is geen sessiebestand: geef een bestand "
        f"{display_path(content)}/<reeks>/<sessie>.md (of een verslag in "
        f"{display_path(out)}/<reeks>/)"
    )
