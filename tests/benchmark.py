"""Benchmark of the workflow (not a test: timings are noisy, so nothing asserts on them).

Builds N copies of the example session in a temporary folder and prints wall-clock
times for a full build, a build with nothing changed, one edited session, and a
changed stylesheet. Run from the project folder:

    .venv/bin/python tests/benchmark.py [--sessions 20] [--cores 2]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAKEMAKE = Path(sys.executable).parent / "snakemake"
PARTS = ("Snakefile", "rules", "scripts", "templates", "envs")
SERIES = "gebiedsgericht-werken"
EXAMPLE = "2024-02-01-platteland-overijssel.md"


def timed(project: Path, cores: int) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(SNAKEMAKE), "--cores", str(cores), "--quiet", "all"],
        cwd=project,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--cores", type=int, default=2)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        project.mkdir()
        for part in PARTS:
            source = ROOT / part
            if source.is_dir():
                shutil.copytree(source, project / part)
            else:
                shutil.copy2(source, project / part)
        series = project / "content" / SERIES
        series.mkdir(parents=True)
        shutil.copy2(ROOT / "content" / "organisaties.yaml", project / "content")
        shutil.copy2(ROOT / "content" / SERIES / "reeks.yaml", series)
        shutil.copy2(ROOT / "content" / SERIES / EXAMPLE, series)
        text = (series / EXAMPLE).read_text(encoding="utf-8")
        for number in range(1, options.sessions):
            (series / f"kopie-{number:03d}.md").write_text(text, encoding="utf-8")

        results = [("volledige bouw", timed(project, options.cores))]
        results.append(("niets veranderd", timed(project, options.cores)))
        with (series / EXAMPLE).open("a", encoding="utf-8") as source:
            source.write("\nEen extra zin.\n")
        results.append(("één sessie gewijzigd", timed(project, options.cores)))
        with (project / "templates" / "report.css").open("a", encoding="utf-8") as css:
            css.write("\n/* wijziging */\n")
        results.append(("stijlblad gewijzigd (PDF + web)", timed(project, options.cores)))

    print(f"{options.sessions} sessies, {options.cores} kernen")
    for label, seconds in results:
        per_session = (
            f"  ({seconds / options.sessions:.2f} s per sessie)" if "bouw" in label else ""
        )
        print(f"  {label:34} {seconds:7.1f} s{per_session}")


if __name__ == "__main__":
    main()
