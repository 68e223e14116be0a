"""Benchmark of the build, as a user runs it (not a test: nothing asserts on time).

It writes N realistic sessions (default 100; see `sample_content.py`) into a
temporary copy of the project, over as many series as it takes to hold at most
eight sessions each (a CoP series meets four to eight times; `--reeksen` sets
another number), with a conclusion under every stelling when asked
(`--conclusies`: a series overview then shows conclusions instead of every point,
and is much shorter), and measures, as the median of several repetitions:

  (a) the floor: parse and render every session in one warm Python process,
      one after the other (a fresh process, imports included), and then the
      same for the series overviews and the index, which a build also makes;
      the time until the sessions were done is kept apart, as the issue that
      asked for this benchmark defined the floor before overviews existed;
  (b) a full build through `./build.sh` with 2 cores;
  (c) the same command when nothing changed;
  (d) the same command after one session's text was edited where its series
      overview shows it too (after the last stelling's points, or with
      `--conclusies` in its conclusion); separately, the time until that
      session's three reports were written and until the last report was
      written (the overview of its series and the index are made in the same
      command);
  (e) the same command after the stylesheet changed (all PDFs and web pages);
  (f) the peak memory of the largest single process and of all processes of the
      build together (sampled every 20 ms during one more full build, which is
      not timed: sampling costs processor time).

It prints the figures and the ratio (b)/(a) and writes them as JSON. Run from the
project folder:

    .venv/bin/python tests/benchmark.py [--sessies 100] [--reeksen R] [--herhalingen 3]
        [--conclusies] [--json PAD]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "scripts")]

from copreport.scratch import scratch  # noqa: E402
from sample_content import write_content  # noqa: E402

SESSIONS_PER_SERIES = 8
"""At most this many sessions per series by default (a series meets four to eight times)."""
PROJECT_PARTS = ("Snakefile", "rules", "scripts", "templates", "profiles", "build.sh")
PROJECT_PARTS += ("requirements.txt", "requirements-dev.txt")

FLOOR = """
import sys, time
from pathlib import Path
sys.path.insert(0, {scripts!r})
from copreport.source.session import parse_session, register_of, series_of
from copreport.pdf import render_pdf
from copreport.pdf.writer import outline_pdf
from copreport.docx import render_docx
from copreport.docx.writer import outline_docx
from copreport.web import render_web
from copreport.web.page import outline_page
from copreport.overview import build_overview
from copreport.overview.index import build_index
content, out = Path({content!r}), Path({out!r})
register = register_of(content)
series = {{}}
for source in sorted(content.glob("*/*.md")):
    folder = source.parent
    if folder not in series:
        series[folder] = (series_of(folder, register, content), [])
    session = parse_session(source, series[folder][0], register)
    series[folder][1].append(session)
    target = out / folder.name / source.stem
    render_pdf(session, target.with_suffix(".pdf"))
    render_docx(session, target.with_suffix(".docx"))
    render_web(session, target.with_suffix(".html"))
print(time.time() - {started!r})
for folder, (record, sessions) in series.items():
    outline = build_overview(record, sessions)
    target = out / folder.name / "overzicht"
    target.with_suffix(".pdf").write_bytes(outline_pdf(outline))
    target.with_suffix(".docx").write_bytes(outline_docx(outline)[0])
    target.with_suffix(".html").write_text(outline_page(outline), encoding="utf-8")
printed, _ = build_index(list(series.values()), links=False)
(out / "index.pdf").write_bytes(outline_pdf(printed))
linked, _ = build_index(list(series.values()), links=True)
(out / "index.html").write_text(outline_page(linked), encoding="utf-8")
"""


class MemoryPeak:
    """Samples the resident memory of a process and all its descendants."""

    def __init__(self, process: psutil.Popen) -> None:
        self.process = process
        self.largest = 0
        self.total = 0
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while self.process.poll() is None:
            try:
                members = [self.process, *self.process.children(recursive=True)]
                sizes = []
                for member in members:
                    with contextlib.suppress(psutil.Error):
                        sizes.append(member.memory_info().rss)
                self.largest = max(self.largest, *sizes, 0)
                self.total = max(self.total, sum(sizes))
            except psutil.Error:
                pass
            time.sleep(0.02)

    def wait(self) -> None:
        self._thread.join()


def floor(python: str, project: Path, content: Path, out: Path) -> tuple[float, float]:
    """Seconds for everything, and until the sessions were done, in one process."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    for folder in content.iterdir():
        if folder.is_dir():
            (out / folder.name).mkdir()
    started = time.time()
    code = FLOOR.format(
        scripts=str(project / "scripts"),
        content=str(content),
        out=str(out),
        started=started,
    )
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    seconds = time.time() - started
    if done.returncode != 0:
        sys.exit(f"mislukt: de ondergrens\n{done.stdout}{done.stderr}")
    return seconds, float(done.stdout.split()[-1])


def timed(
    command: list[str], cwd: Path, memory: bool = False
) -> tuple[float, MemoryPeak | None]:
    started = time.perf_counter()
    process = psutil.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    peak = MemoryPeak(process) if memory else None
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    if peak:
        peak.wait()
    if process.returncode != 0:
        sys.exit(f"mislukt: {' '.join(command)}\n{output.decode(errors='replace')}")
    return seconds, peak


def every_report(out: Path) -> list[Path]:
    """The published reports, overviews and index (not the build's own files)."""
    kinds = {".pdf", ".docx", ".html"}
    return [
        path
        for path in out.rglob("*")
        if path.suffix in kinds
        and not any(part.startswith(".") for part in path.relative_to(out).parts)
    ]


def leftover_processes(folder: Path) -> list[str]:
    """Processes still running from the benchmark's project copy (there should be none)."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        line = " ".join(process.info["cmdline"] or [])
        if "copreport.runner" in line and str(folder) in line:
            found.append(line)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessies", type=int, default=100)
    parser.add_argument("--reeksen", type=int, default=None)
    parser.add_argument("--herhalingen", type=int, default=3)
    parser.add_argument("--conclusies", action="store_true")
    parser.add_argument("--json", type=Path, default=Path("benchmark.json"))
    options = parser.parse_args()
    repeat = options.herhalingen
    series = options.reeksen or max(1, -(-options.sessies // SESSIONS_PER_SERIES))

    # A run stopped with kill -9 leaves its folder; the next run removes it.
    with scratch("meting") as base:
        project = base / "project"
        project.mkdir()
        for part in PROJECT_PARTS:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(
                    source, project / part, ignore=shutil.ignore_patterns("__pycache__")
                )
            else:
                shutil.copy2(source, project / part)
        os.symlink(ROOT / ".venv", project / ".venv")
        content, out = base / "content", base / "out"
        sources = write_content(content, options.sessies, series, options.conclusies)
        build = [
            str(project / "build.sh"),
            "--content",
            str(content),
            "--uitvoer",
            str(out),
        ]
        python = str(ROOT / ".venv" / "bin" / "python")

        floors = [floor(python, project, content, base / "floor") for _ in range(repeat)]
        whole_floor = [everything for everything, _ in floors]
        session_floor = [sessions for _, sessions in floors]

        full = []
        for number in range(repeat + 1):
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(project / ".snakemake", ignore_errors=True)
            seconds, peak = timed(build, base, memory=number == repeat)
            if peak is None:
                full.append(seconds)
            else:
                largest, total = peak.largest, peak.total

        unchanged = [timed(build, base)[0] for _ in range(repeat)]

        edited, reported, last = [], [], []
        reports = [
            out / sources[0].parent.name / f"{sources[0].stem}.{kind}"
            for kind in ("pdf", "docx", "html")
        ]
        for number in range(repeat):
            with sources[0].open("a", encoding="utf-8") as source:
                # a new paragraph after the points, or a sentence more in the conclusion
                paragraph = "" if options.conclusies else "\n"
                source.write(f"{paragraph}Een extra zin nummer {number}.\n")
            started = time.time()
            edited.append(timed(build, base)[0])
            reported.append(max(path.stat().st_mtime for path in reports) - started)
            last.append(max(p.stat().st_mtime for p in every_report(out)) - started)

        restyled = []
        for number in range(repeat):
            with (project / "templates" / "report.css").open("a", encoding="utf-8") as css:
                css.write(f"\n/* wijziging {number} */\n")
            restyled.append(timed(build, base)[0])

        leftovers = leftover_processes(project)

    results = {
        "sessies": options.sessies,
        "reeksen": series,
        "herhalingen": repeat,
        "conclusies": options.conclusies,
        "kernen": 2,
        "a_vloer_s": statistics.median(whole_floor),
        "a_vloer_alleen_sessies_s": statistics.median(session_floor),
        "b_volledige_bouw_s": statistics.median(full),
        "c_niets_veranderd_s": statistics.median(unchanged),
        "d_een_sessie_gewijzigd_s": statistics.median(edited),
        "d_verslagen_van_de_sessie_s": statistics.median(reported),
        "d_laatste_verslag_s": statistics.median(last),
        "e_stijlblad_gewijzigd_s": statistics.median(restyled),
        "f_grootste_proces_mb": round(largest / 2**20),
        "f_hele_bouw_mb": round(total / 2**20),
        "verhouding_b_a": statistics.median(full) / statistics.median(whole_floor),
        "verhouding_b_a_alleen_sessies": statistics.median(full)
        / statistics.median(session_floor),
        "achtergebleven_processen": leftovers,
        "metingen": {
            "a": whole_floor,
            "a_alleen_sessies": session_floor,
            "b": full,
            "c": unchanged,
            "d": edited,
            "d_verslagen": reported,
            "d_laatste": last,
            "e": restyled,
        },
    }
    options.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(
        f"{options.sessies} sessies in {series} reeks{'en' if series != 1 else ''}, 2 kernen, "
        f"mediaan van {repeat} herhalingen"
        + (", met een conclusie onder elke stelling" if options.conclusies else "")
    )
    for label, key in [
        ("(a) vloer: één warm proces", "a_vloer_s"),
        ("    waarvan alleen de sessies", "a_vloer_alleen_sessies_s"),
        ("(b) volledige bouw", "b_volledige_bouw_s"),
        ("(c) niets veranderd", "c_niets_veranderd_s"),
        ("(d) één sessie gewijzigd", "d_een_sessie_gewijzigd_s"),
        ("    tot haar eigen verslagen", "d_verslagen_van_de_sessie_s"),
        ("    tot het laatste verslag", "d_laatste_verslag_s"),
        ("(e) stijlblad gewijzigd", "e_stijlblad_gewijzigd_s"),
    ]:
        print(f"  {label:32} {results[key]:7.2f} s")
    print(f"  {'(f) grootste proces':32} {results['f_grootste_proces_mb']:7d} MB")
    print(f"  {'(f) hele bouw':32} {results['f_hele_bouw_mb']:7d} MB")
    print(f"  {'(b)/(a)':32} {results['verhouding_b_a']:7.2f}")
    ratio = results["verhouding_b_a_alleen_sessies"]
    print(f"  {'(b)/(a alleen sessies)':32} {ratio:7.2f}")
    if leftovers:
        print(f"  LET OP: {len(leftovers)} proces(sen) liepen na de bouw nog door")
    print(f"Cijfers als JSON: {options.json}")


if __name__ == "__main__":
    main()
