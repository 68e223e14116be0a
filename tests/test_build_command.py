"""The README's build command as a user runs it: fast, exact, and nothing left behind.

`./build.sh` runs Snakemake in its own process, hands every step to a fork
server and stops that server at the end. The same workflow run on a cluster
executor renders every step in a process of its own, with the same bytes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest
from copreport import settings
from copreport.runner import client
from helpers import (
    CONTENT,
    EXAMPLE_SERIES,
    EXAMPLE_SESSION,
    ROOT,
    SNAKEMAKE,
    background_build,
    build_sh,
    copy_content,
    example_copy,
    processes_with,
    wait_for_first_pdf,
    with_copies,
)

pytestmark = pytest.mark.slow

KINDS = ("pdf", "docx", "html")


def build(content: Path, out: Path, *extra: str, env: dict | None = None):
    return build_sh("--content", content, "--uitvoer", out, *extra, env=env)


def reports(out: Path) -> dict[str, bytes]:
    """Every published session report by its path below the output folder (not the
    series overview, the index or the build's hidden working folders)."""
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.glob("*/*"))
        if path.suffix.lstrip(".") in KINDS
        and not path.parent.name.startswith(".")
        and path.stem != "overzicht"
    }


def runner_processes(marker: str = "copreport.runner") -> list[psutil.Process]:
    """The project's fork servers (and their children) that still run."""
    return processes_with(marker, str(ROOT))


def step_logs(out: Path) -> str:
    return "\n".join(path.read_text() for path in (out / ".logs").rglob("*.log"))


@pytest.fixture(scope="module")
def server_build(tmp_path_factory):
    """The example built by ./build.sh (fork server) once."""
    folder = tmp_path_factory.mktemp("bouw")
    content = copy_content(folder / "content")
    out = folder / "out"
    result = build(content, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return content, out, result


def test_build_says_what_it_made_in_dutch_and_leaves_no_process(server_build):
    _, out, result = server_build
    lines = result.stdout.splitlines()
    made = [line.split("] ", 1)[1] for line in lines if line.startswith("[")]
    counters = [line.split("]", 1)[0] for line in lines if line.startswith("[")]
    # Three reports, the series overview in three formats, the index in two.
    assert counters == [f"[{n}/8" for n in range(1, 9)]
    for kind in ("PDF", "Word-bestand", "webversie"):
        assert f"{kind} gemaakt: {EXAMPLE_SERIES}/{EXAMPLE_SESSION}" in made
    assert "inhoudsopgave gemaakt: index.html" in made
    assert any(
        line.startswith("Klaar in ") and "1 sessie bijgewerkt" in line for line in lines
    )
    assert "werkserver" in step_logs(out)
    assert not runner_processes()
    assert not result.stderr


def test_nothing_changed_answers_without_building(server_build, tmp_path):
    content, out, _ = server_build
    sockets = client._socket_folder()
    before = set(sockets.iterdir())
    again = build(content, out)
    assert again.returncode == 0
    assert "niets veranderd sinds de vorige bouw" in again.stdout
    # The fork server starts before the command knows; it must not outlive it.
    assert not runner_processes()
    assert set(sockets.iterdir()) <= before


def test_an_edit_or_a_deleted_report_is_never_hidden_by_the_quick_check(tmp_path):
    content = copy_content(tmp_path / "content")
    out = tmp_path / "out"
    assert build(content, out).returncode == 0
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    source.write_text(
        source.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8"
    )
    edited = build(content, out)
    assert "1 sessie bijgewerkt" in edited.stdout
    (out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.docx").unlink()
    restored = build(content, out)
    assert "1 sessie bijgewerkt" in restored.stdout
    assert (out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.docx").exists()


def two_series_built(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Two series of two sessions (the example and its neighbour), built once; the
    content and output folders and Snakemake's log."""
    content = copy_content(tmp_path / "content")
    example_copy(content, "volgende", 5)  # the example's neighbour in its series
    shutil.copytree(content / EXAMPLE_SERIES, content / "tweede-reeks")
    out = tmp_path / "out"
    assert build(content, out).returncode == 0
    return content, out, out / ".logs" / "snakemake.log"


def test_an_edited_session_plans_only_its_series_and_leaves_nothing_stale(tmp_path):
    content, out, log = two_series_built(tmp_path)
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(
        text.replace("titel: Brede welvaart op het platteland", "titel: Anders")
    )

    edited = build(content, out)
    assert edited.returncode == 0, edited.stdout + edited.stderr
    assert f"Alleen gepland: {EXAMPLE_SERIES}." in log.read_text(encoding="utf-8")
    # The neighbour's colophon, the series overview and the index name the new title.
    for made in (f"{EXAMPLE_SERIES}/volgende.html", f"{EXAMPLE_SERIES}/overzicht.html"):
        assert "Anders" in (out / made).read_text(encoding="utf-8")
    assert "Anders" in (out / "index.html").read_text(encoding="utf-8")
    # Snakemake planning the whole build afterwards finds nothing left to do.
    (out / ".logs" / "bouwstaat").unlink()
    whole = build(content, out)
    assert "0 sessies bijgewerkt" in whole.stdout
    assert "Nothing to be done" in log.read_text(encoding="utf-8")

    # Anything else touched as well (here a report of the other series): the whole
    # build is planned, and the report is back.
    (out / "tweede-reeks" / f"{EXAMPLE_SESSION}.pdf").unlink()
    source.write_text(text)
    again = build(content, out)
    assert again.returncode == 0
    assert "Alleen gepland" not in log.read_text(encoding="utf-8")
    assert (out / "tweede-reeks" / f"{EXAMPLE_SESSION}.pdf").exists()


def test_after_an_edit_the_overview_pdf_is_made_ahead_with_the_same_bytes(tmp_path):
    """After an edit in one session's text, the build command has its server make the
    series overview's PDF before Snakemake asks for it; the build's own step takes
    that PDF (it does not make it again), and it is the PDF a build without a server
    makes."""
    content, out, _ = two_series_built(tmp_path)
    before = (out / EXAMPLE_SERIES / "overzicht.pdf").read_bytes()
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    with source.open("a", encoding="utf-8") as text:
        text.write("Een zin die er later bij kwam.\n")

    edited = build(content, out)
    assert edited.returncode == 0, edited.stdout + edited.stderr
    kept = out / ".werk" / ".bewaard"
    log = kept / f"{EXAMPLE_SERIES}.overzicht.vooraf.log"
    assert log.read_text(encoding="utf-8").startswith("in orde")
    # The kept PDF is the one made ahead: the build's step did not write it again.
    assert (kept / f"{EXAMPLE_SERIES}.overzicht.pdf.json").stat().st_mtime <= (
        log.stat().st_mtime
    )
    made = (out / EXAMPLE_SERIES / "overzicht.pdf").read_bytes()
    assert made != before
    alone = tmp_path / "alleen"
    result = build(content, alone, env={"COPREPORT_NO_SERVER": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (alone / EXAMPLE_SERIES / "overzicht.pdf").read_bytes() == made
    assert not runner_processes()


def test_a_change_the_record_cannot_see_still_rebuilds_what_depends_on_it(tmp_path):
    content, out, log = two_series_built(tmp_path)
    # The other series' second session gets a title of the same length, and its old
    # time back: the record cannot see that, Snakemake can (its neighbour's colophon).
    hidden = content / "tweede-reeks" / "volgende.md"
    status = hidden.stat()
    hidden.write_text(
        hidden.read_text(encoding="utf-8").replace("platteland", "plattelanx")
    )
    os.utime(hidden, ns=(status.st_atime_ns, status.st_mtime_ns))
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nNog een zin.\n")

    edited = build(content, out)
    assert edited.returncode == 0, edited.stdout + edited.stderr
    assert "nu wordt de hele bouw gepland" in edited.stdout
    noted = log.read_text(encoding="utf-8")
    assert f"Alleen gepland: {EXAMPLE_SERIES}." in noted
    assert "Daarna toch alles gepland" in noted
    neighbour = out / "tweede-reeks" / f"{EXAMPLE_SESSION}.html"
    assert "plattelanx" in neighbour.read_text(encoding="utf-8")
    redone = (out / ".logs" / "tweede-reeks" / f"{EXAMPLE_SESSION}.html.log").read_text()
    assert "werkserver" in redone  # the second plan has a fork server again
    (out / ".logs" / "bouwstaat").unlink()
    assert "0 sessies bijgewerkt" in build(content, out).stdout
    assert "Nothing to be done" in log.read_text(encoding="utf-8")


def test_a_renamed_or_deleted_session_leaves_no_reports_behind(tmp_path):
    """What the output folder holds matches the sources, down to the intermediate
    files; but a build with errors removes nothing, and a user's own file stays."""
    content, out = copy_content(tmp_path / "content"), tmp_path / "out"
    second = example_copy(content, "tweede", 5)
    assert build(content, out).returncode == 0
    (out / EXAMPLE_SERIES / "notities.txt").write_text("van mij")
    renamed = second.rename(second.with_name("hernoemd.md"))

    result = build(content, out)

    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        f"verwijderd (de sessie bestaat niet meer): {EXAMPLE_SERIES}/tweede.pdf, .docx, "
        ".html" in result.stdout.splitlines()
    )
    stems = (EXAMPLE_SESSION, "hernoemd", "overzicht")
    expected = [f"{stem}.{kind}" for stem in stems for kind in KINDS]
    assert sorted(p.name for p in (out / EXAMPLE_SERIES).iterdir()) == sorted(
        [*expected, "notities.txt"]
    )
    assert "tweede" not in (out / "index.html").read_text()
    assert not list(out.rglob("*tweede*"))  # nor its model, staged copies or logs

    # Saved under a look-alike name, it is skipped with a warning, but still a source.
    misnamed = renamed.rename(renamed.with_suffix(".MD"))
    result = build(content, out)
    assert "LET OP" in result.stdout and "verwijderd" not in result.stdout
    assert (out / EXAMPLE_SERIES / "hernoemd.pdf").exists()
    renamed = misnamed.rename(renamed)

    # A new session built on its own under a name that is then corrected: the next
    # full build removes the old name's reports, but not while there are errors.
    typo = example_copy(content, "typo", 7)
    assert build(content, out, typo).returncode == 0
    assert (out / EXAMPLE_SERIES / "typo.pdf").exists()
    corrected = typo.rename(typo.with_name("goed.md"))
    example = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    text = example.read_text()
    example.write_text(text.replace("deelnemers:", "deelnemers: [", 1))
    failed = build(content, out)
    assert failed.returncode == 1
    assert "LET OP: 3 bestanden van verwijderde of hernoemde sessies (zoals " in (
        failed.stdout
    )
    assert "blijven staan tot een bouw van alle sessies zonder fouten" in failed.stdout
    assert (out / EXAMPLE_SERIES / "typo.pdf").exists()
    example.write_text(text)
    result = build(content, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (out / EXAMPLE_SERIES / "typo.pdf").exists()
    assert (out / EXAMPLE_SERIES / "goed.pdf").exists()
    assert (out / EXAMPLE_SERIES / "hernoemd.pdf").exists()
    assert (out / EXAMPLE_SERIES / "notities.txt").read_text() == "van mij"

    # goed.md was first made by the build with errors, and is up to date since:
    # its reports go all the same once it is deleted.
    corrected.unlink()
    result = build(content, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (out / EXAMPLE_SERIES / "goed.pdf").exists()
    assert not list(out.rglob("*goed*")) and not list(out.rglob("*typo*"))


def test_without_any_session_nothing_is_removed(tmp_path):
    """No session (all moved away for a moment, a look-alike left) is more likely a
    mistake than the end of every series; and the content folder cannot be the output."""
    content, out = copy_content(tmp_path / "content"), tmp_path / "out"
    assert build(content, out).returncode == 0
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    source.rename(tmp_path / "weg.md")
    (content / EXAMPLE_SERIES / "notities.txt").write_text("geen sessie")
    result = build(content, out)
    assert "verwijderd" not in result.stdout
    assert (out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.pdf").exists()
    assert (out / "index.pdf").exists()

    refused = build(content, content)
    assert refused.returncode == 1
    assert "FOUT: de uitvoermap en de contentmap zijn dezelfde map" in refused.stderr
    inside = build(content, content / "uitvoer")
    assert "FOUT: de uitvoermap ligt in de contentmap" in inside.stderr


def test_a_misnamed_distribution_list_keeps_the_packages(tmp_path):
    content, out = copy_content(tmp_path / "content"), tmp_path / "out"
    shutil.copy2(CONTENT / "verzendlijst.yaml", content / "verzendlijst.yaml")
    assert build(content, out).returncode == 0
    package = out / EXAMPLE_SERIES / "verzending" / EXAMPLE_SESSION
    assert (package / "manifest.json").exists()
    (content / "verzendlijst.yaml").rename(content / "verzendlijst.yml")
    result = build(content, out)
    assert "verzendlijst.yml wordt niet gelezen" in result.stdout
    assert (package / "manifest.json").exists()
    (content / "verzendlijst.yml").unlink()
    result = build(content, out)
    assert (
        f"verwijderd (geen sessie of verzendlijst meer): {EXAMPLE_SERIES}/verzending/"
        f"{EXAMPLE_SESSION}" in result.stdout.splitlines()
    )
    assert not package.exists()


def test_a_build_without_the_server_writes_the_same_bytes(server_build, tmp_path):
    content, out, _ = server_build
    alone = tmp_path / "out"
    result = build(content, alone, env={"COPREPORT_NO_SERVER": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert reports(alone) == reports(out)
    assert "werkserver" not in step_logs(alone)


def test_a_cluster_build_renders_in_own_processes_with_the_same_bytes(
    server_build, tmp_path
):
    """snakemake-executor-plugin-cluster-generic, each job submitted as its own process."""
    content, out, _ = server_build
    cluster = tmp_path / "out"
    result = subprocess.run(
        [
            str(SNAKEMAKE),
            "--executor",
            "cluster-generic",
            "--cluster-generic-submit-cmd",
            str(ROOT / "tests" / "cluster" / "submit.sh"),
            "--jobs",
            "4",
            "--seconds-between-status-checks",
            "0",
            "--config",
            f"content={content}",
            f"out={cluster}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert reports(cluster) == reports(out)
    logs = step_logs(cluster)
    assert "eigen proces" in logs and "werkserver" not in logs
    assert not runner_processes()


def test_the_lowest_memory_limit_allowed_still_builds_the_example(tmp_path):
    lowest, _ = settings.RANGES["geheugenlimiet"]
    content = copy_content(tmp_path / "content")
    result = build(content, tmp_path / "out", "--config", f"geheugenlimiet={lowest}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(reports(tmp_path / "out")) == 3


def test_a_killed_build_leaves_whole_reports_no_process_and_recovers(tmp_path):
    content = with_copies(copy_content(tmp_path / "content"), 8)
    out = tmp_path / "out"
    running = background_build(content, out)
    wait_for_first_pdf(running, out)
    os.killpg(running.pid, signal.SIGKILL)  # the command and its threads; not the server
    running.wait()
    time.sleep(1.5)  # the server notices that its build is gone
    assert not runner_processes()
    partial = reports(out)
    assert len(partial) < 3 * 9, "the build was not interrupted"
    for name, data in partial.items():
        assert data.startswith((b"%PDF", b"PK", b"<!DOCTYPE html>")), name
    assert not list(out.rglob(".*.part"))

    again = build(content, out)
    assert again.returncode == 0, again.stdout + again.stderr
    assert len(reports(out)) == 3 * 9


@pytest.mark.parametrize("moment", ["while it starts", "while it builds"])
@pytest.mark.parametrize("how", ["Ctrl-C", "kill", "Ctrl-C twice"])
def test_ctrl_c_or_kill_stops_the_build_in_dutch_and_leaves_nothing_half(
    tmp_path, moment, how
):
    content = with_copies(copy_content(tmp_path / "content"), 8)
    out = tmp_path / "out"
    running = background_build(
        content, out, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    if moment == "while it starts":
        time.sleep(0.2)
    else:
        wait_for_first_pdf(running, out)
    if how == "kill":
        os.kill(running.pid, signal.SIGTERM)  # `kill`, a shutdown: the command only
    else:
        os.killpg(running.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
    if how == "Ctrl-C twice":  # an impatient user: the second may not cut the first
        time.sleep(0.03)
        os.killpg(running.pid, signal.SIGINT)
    screen, _ = running.communicate(timeout=60)
    assert running.returncode == 130  # as a shell reports a command stopped by Ctrl-C
    assert "de bouw is afgebroken (Ctrl-C of een stopsignaal)" in screen
    assert "Traceback" not in screen and "KeyboardInterrupt" not in screen
    assert "Exception" not in screen and "Error in rule" not in screen  # Snakemake's
    assert "buiten de bronbestanden" not in screen
    time.sleep(0.5)
    assert not runner_processes()
    assert not list(out.rglob(".*.part"))
    for name, data in reports(out).items():
        assert data.startswith((b"%PDF", b"PK", b"<!DOCTYPE html>")), name


def test_a_killed_server_does_not_stop_the_build(tmp_path):
    content = with_copies(copy_content(tmp_path / "content"), 6)
    out = tmp_path / "out"
    running = subprocess.Popen(
        [str(ROOT / "build.sh"), "--content", str(content), "--uitvoer", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not (servers := runner_processes("copreport.runner.server")):
        assert time.monotonic() < deadline and running.poll() is None
        time.sleep(0.02)
    while not list(out.glob(f"{EXAMPLE_SERIES}/*.pdf")) and running.poll() is None:
        time.sleep(0.02)
    for process in servers:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.kill()
    stdout, stderr = running.communicate(timeout=300)
    assert running.returncode == 0, stdout + stderr
    assert len(reports(out)) == 3 * 7
    assert not runner_processes()


def test_the_benchmark_runs_and_writes_its_figures(tmp_path):
    import json

    figures = tmp_path / "meting.json"
    result = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            str(ROOT / "tests" / "benchmark.py"),
            "--sessies",
            "2",
            "--herhalingen",
            "1",
            "--json",
            str(figures),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(figures.read_text())
    for key in (
        "a_vloer_s",
        "a_vloer_alleen_sessies_s",
        "b_volledige_bouw_s",
        "c_niets_veranderd_s",
        "d_een_sessie_gewijzigd_s",
        "d_verslagen_van_de_sessie_s",
        "d_laatste_verslag_s",
        "e_stijlblad_gewijzigd_s",
        "f_grootste_proces_mb",
        "f_hele_bouw_mb",
        "verhouding_b_a",
    ):
        assert data[key] > 0, key
    assert data["achtergebleven_processen"] == []
    assert data["reeksen"] == 1  # two sessions fit in one series
    assert data["a_vloer_alleen_sessies_s"] < data["a_vloer_s"]
