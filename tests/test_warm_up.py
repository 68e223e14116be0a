"""Each step, forked after the warm-up stage that `steps.WARM_AFTER` names for it,
finds everything it imports already in memory (else it pays that import itself, in
every build, while the fork server believes it warm)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from copreport.steps import STEPS, WARM_AFTER
from copreport.warmup import STAGES
from helpers import CONTENT, EXAMPLE_SERIES, EXAMPLE_SESSION, ROOT, add_logos

PROBE = r"""
import json, os, sys
from pathlib import Path

from copreport.runner.perform import perform
from copreport.runner.protocol import Request
from copreport.warmup import needed_stage, warm_up_in_stages

requests, prepared = json.loads(sys.argv[1])


def run(values):
    result = perform(Request(**values), "own")
    if not result.ok:
        raise SystemExit(result.message)


for values in prepared:  # in a child each: the parent stays as cold as a server
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            run(values)
            code = 0
        finally:
            os._exit(code)
    assert os.waitpid(pid, 0)[1] == 0, values["step"]
report = {}
for stage in warm_up_in_stages():
    for values in requests:
        if needed_stage(values["step"], values["options"].get("kind")) != stage:
            continue
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # as the fork server's child would
            before = set(sys.modules)
            run(values)
            new = sorted(
                name for name in set(sys.modules) - before
                if name.partition(".")[0] not in sys.stdlib_module_names
            )
            os.write(write, json.dumps(new).encode())
            os._exit(0)
        os.close(write)
        with os.fdopen(read, "rb") as answer:
            found = answer.read()
        os.waitpid(pid, 0)
        key = values["step"] + " " + values["options"].get("kind", "")
        report[key.strip()] = json.loads(found) if found else "mislukt"
print(json.dumps(report))
"""


def _requests(folder) -> tuple[list[dict], list[dict]]:
    """Requests for the example session's steps (with a PNG and an SVG logo) and its
    series' overview, and the parse steps that make their inputs."""
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    add_logos(content)
    model = folder / "model"
    templates = [str(ROOT / "templates" / "report.css")]

    def values(step, inputs, output, **options):
        return {
            "step": step,
            "inputs": {name: [str(path) for path in paths] for name, paths in inputs},
            "outputs": [str(folder / output)],
            "log": str(folder / "logs" / f"{output.replace('/', '-')}.log"),
            "options": {"content": str(content), **options},
            "label": f"{EXAMPLE_SERIES}/{EXAMPLE_SESSION}",
            "source": str(content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"),
        }

    register = [("register", [model / "organisaties.json"])]
    series = [("series", [model / "reeks.json"])]
    session = [("model", [model / "sessie.json"])]
    overview = [*series, ("sessions", [model / "sessie.json"])]
    prepared = [
        values(
            "parse_register",
            [("register", [content / "organisaties.yaml"])],
            "model/organisaties.json",
        ),
        values(
            "parse_series",
            register,
            "model/reeks.json",
            series_folder=str(content / EXAMPLE_SERIES),
        ),
    ]
    parse = values(
        "parse_session",
        [
            ("source", [content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"]),
            *series,
            *register,
        ],
        "model/sessie.json",
    )
    word = [("template", [ROOT / "templates" / "stijl.docx"])]
    requests = [
        parse,
        values("render_pdf", [*session, ("templates", templates)], "uit/verslag.pdf"),
        values("render_web", [*session, ("templates", templates)], "uit/verslag.html"),
        values("render_docx", [*session, *word], "uit/verslag.docx"),
        values(
            "render_overview",
            [*overview, ("templates", templates)],
            "uit/o.pdf",
            kind="pdf",
        ),
        values(
            "render_overview",
            [*overview, ("templates", templates)],
            "uit/o.html",
            kind="html",
        ),
        values("render_overview", [*overview, *word], "uit/o.docx", kind="docx"),
    ]
    return requests, [*prepared, parse]


def test_every_step_names_a_warm_up_stage():
    assert set(WARM_AFTER) == set(STEPS)
    for stage in WARM_AFTER.values():
        for name in stage.values() if isinstance(stage, dict) else [stage]:
            assert name in STAGES


@pytest.mark.slow
def test_a_step_forked_after_its_stage_imports_nothing_more(tmp_path):
    """The stage `WARM_AFTER` names has loaded the libraries and the project's code
    that the step needs (only the standard library may still come in)."""
    requests, prepared = _requests(tmp_path)
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps([requests, prepared])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    report = json.loads(probe.stdout.splitlines()[-1])
    assert len(report) == len(requests)
    assert report == {name: [] for name in report}
