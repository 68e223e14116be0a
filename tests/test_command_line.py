"""The writer's loop through `./build.sh`, as a researcher uses it, all in Dutch.

Start a session from a skeleton, write it with the preview open, make the usual
mistakes, mark it as a draft, then final, and build: every step answers in
Dutch, with nothing of Snakemake's English and no traceback on the screen.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from helpers import (
    EXAMPLE_SERIES,
    EXAMPLE_SESSION,
    ROOT,
    build_sh,
    copy_content,
    example_copy,
    pdf_text,
    processes_naming,
)

pytestmark = pytest.mark.slow

ENGLISH = re.compile(
    r"Traceback|Error|Exception|error:|usage:|options:|\bJob\b|\brule\b|Finished|"
    r"Select jobs|Building DAG|Nothing to be done|Complete log|WorkflowError",
)


build = build_sh


def screen(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


def test_ctrl_c_inside_snakemake_s_input_functions_counts_as_stopped():
    """Snakemake wraps a Ctrl-C that lands in an input function in its own error; the
    build must say it was stopped, not that it failed outside the sources."""
    from copreport.cli.engine import _from_ctrl_c
    from snakemake.exceptions import InputFunctionException

    assert _from_ctrl_c(
        InputFunctionException(KeyboardInterrupt(), wildcards={"sessie": "x"})
    )
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as stop:
            raise RuntimeError("plannen") from stop
    except RuntimeError as error:
        assert _from_ctrl_c(error)
    assert not _from_ctrl_c(RuntimeError("Missing input files for rule parse_session"))


def test_help_and_mistyped_arguments_are_dutch():
    helped = build("--help")
    assert helped.returncode == 0
    assert "gebruik: ./build.sh" in helped.stdout and "opdrachten:" in helped.stdout
    assert not ENGLISH.search(helped.stdout)
    for wrong, words in (
        (["bouww"], "onbekende opdracht 'bouww' — bedoelt u 'bouw'?"),
        (["--kernen", "twee"], "bij --kernen: 'twee' is geen aantal van 1 of meer"),
        (["--kernen", "0"], "bij --kernen: '0' is geen aantal van 1 of meer"),
        (["nieuw"], "dit ontbreekt nog: REEKS"),
        (["--config", "contnt=x"], "onbekende instelling 'contnt' — bedoelt u 'content'?"),
    ):
        result = build(*wrong)
        assert result.returncode != 0
        assert words in screen(result)
        assert not ENGLISH.search(screen(result)), screen(result)


def test_a_failing_build_shows_every_problem_once_in_dutch(tmp_path):
    content = copy_content(tmp_path / "content")
    text = (
        (content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md")
        .read_text(encoding="utf-8")
        .replace("datum: 2024-02-01", "datum: 2024-02-30")
        .replace("  - EZK", "  - EZKK")
        .replace("## Stelling 3 (schaal)", "## Stelling 4 (schaal)")
    )
    broken = example_copy(content, "2024-03-01-kapot", 5, text)
    out = tmp_path / "out"
    result = build("--content", content, "--uitvoer", out)
    assert result.returncode == 1
    shown = screen(result)
    assert not ENGLISH.search(shown), shown
    assert f"Problemen in {broken}:" in shown
    for problem in (
        "regel 4: 'datum' 2024-02-30 bestaat niet (februari 2024 heeft 29 dagen)",
        "regel 13: onbekende organisatie 'EZKK' in deelnemers — bedoelt u 'EZK'?",
        "Stelling 3 ontbreekt",
    ):
        assert shown.count(problem) == 1, problem
    assert "1 sessie bijgewerkt, 0 ongewijzigd, 1 met fouten" in shown
    assert f"Het volledige logboek staat in {out / '.logs' / 'snakemake.log'}" in shown
    assert "Building DAG" in (out / ".logs" / "snakemake.log").read_text()


def test_one_session_is_built_by_its_source_or_its_report(tmp_path):
    content = copy_content(tmp_path / "content")
    other = example_copy(content, "2024-03-01-andere", 5)
    out = tmp_path / "out"
    made = build(other, "--content", content, "--uitvoer", out)
    assert made.returncode == 0, screen(made)
    assert sorted(p.name for p in (out / EXAMPLE_SERIES).iterdir()) == [
        "2024-03-01-andere.docx",
        "2024-03-01-andere.html",
        "2024-03-01-andere.pdf",
    ]
    # The other session was not asked for: it is not "ongewijzigd" (it has no reports).
    assert "1 sessie bijgewerkt, 0 ongewijzigd, 0 met fouten" in made.stdout
    report = out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.pdf"
    again = build(report, "--content", content, "--uitvoer", out)
    assert again.returncode == 0, screen(again)
    assert report.is_file()
    assert "1 sessie bijgewerkt, 0 ongewijzigd, 0 met fouten" in again.stdout
    unchanged = build(report, "--content", content, "--uitvoer", out)
    assert "de verslagen van de sessie zijn bijgewerkt" in unchanged.stdout
    # A named session with an error: the overview and index were not asked for.
    other.write_text(other.read_text().replace("datum: ", "datum: 30-", 1))
    failed = build(other, "--content", content, "--uitvoer", out)
    assert failed.returncode == 1
    assert "0 sessies bijgewerkt, 0 ongewijzigd, 1 met fouten" in failed.stdout
    assert "ontbreken ook" not in failed.stdout


def test_check_reports_without_making_reports(tmp_path):
    content = copy_content(tmp_path / "content")
    out = tmp_path / "out"
    good = build("controleer", "--content", content, "--uitvoer", out)
    assert good.returncode == 0
    assert "In orde: 1 sessie gecontroleerd, geen fouten." in good.stdout
    assert not list(out.glob("*/*.pdf"))
    example_copy(content, "2024-03-01-dubbel", 4)
    double = build("controleer", "--content", content, "--uitvoer", out)
    assert double.returncode == 1
    assert "nummer 4 wordt in deze reeks ook gebruikt door" in double.stdout
    assert not ENGLISH.search(screen(double))


def test_nothing_is_ignored_silently(tmp_path):
    content = copy_content(tmp_path / "content")
    series = content / EXAMPLE_SERIES
    (series / "notities.txt").write_text("geen sessie", encoding="utf-8")
    example_copy(content, "2024-03-08-verkeerde-datum", 6)
    other = content / "andere-reeks"
    other.mkdir()
    (other / "reeks.yml").write_text("titel: x\n", encoding="utf-8")
    example_copy(content, "x", 1).rename(other / "2024-02-01-sessie.md")
    (content / "verzendlijst.yml").write_text("afzender: x\n", encoding="utf-8")
    result = build("--content", content, "--uitvoer", tmp_path / "out")
    shown = screen(result)
    assert (
        "verzendlijst.yml wordt niet gelezen: de verzendlijst heet verzendlijst.yaml"
        in shown
    )
    assert "notities.txt wordt overgeslagen" in shown
    assert "reeks.yml wordt niet gelezen: het reeksbestand heet reeks.yaml" in shown
    assert "de bestandsnaam begint met 2024-03-08, maar 'datum' is 2024-02-01" in shown
    assert f"Problemen in {other / 'reeks.yaml'}:\n  het bestand bestaat niet" in shown


def test_a_new_session_starts_from_a_skeleton_that_fails_until_filled(tmp_path):
    content = copy_content(tmp_path / "content")
    new = ["nieuw", EXAMPLE_SERIES, "--datum", "2024-05-14", "--titel", "In Zeeland"]
    made = build(*new, "--content", content)
    assert made.returncode == 0, screen(made)
    source = content / EXAMPLE_SERIES / "2024-05-14-in-zeeland.md"
    text = source.read_text(encoding="utf-8")
    assert "nummer: 5\n" in text and "status: concept\n" in text
    assert "locatie: Den Haag\n" in text and "  - LNV\n" in text  # from the last session
    again = build(*new, "--content", content)
    assert again.returncode == 1
    assert "bestaat al; er wordt niets overschreven" in screen(again)
    assert source.read_text(encoding="utf-8") == text

    unfilled = build("controleer", "--content", content, "--uitvoer", tmp_path / "out")
    assert unfilled.returncode == 1
    assert re.search(r"regel \d+: nog in te vullen: 'focus'", unfilled.stdout)
    assert "nog in te vullen: de stelling zelf, in één zin" in unfilled.stdout

    filled = re.sub(r"\n[^\n]*VUL IN[^\n]*", "", text)
    filled = filled.replace("sprekers:\n", "")
    filled = re.sub(
        r"## Stelling (\d) \(.*\n",
        lambda m: f"## Stelling {m.group(1)} (proef)\n\n**Een stelling.**\n\n- Een punt.\n",
        filled,
    )
    source.write_text(filled, encoding="utf-8")
    checked = build("controleer", "--content", content, "--uitvoer", tmp_path / "out")
    assert checked.returncode == 0, checked.stdout

    # After 2 July 2024 EZK no longer exists: the next skeleton names its successors.
    later = build("nieuw", EXAMPLE_SERIES, "--datum", "2024-09-10", "--content", content)
    assert later.returncode == 0, screen(later)
    text = (content / EXAMPLE_SERIES / "2024-09-10-bijeenkomst-6.md").read_text()
    assert (
        "  # EZK is opgeheven op 2 juli 2024; opgevolgd door EZ, KGG\n  - EZ\n  - KGG\n"
        in text
    )


def test_a_new_series_gets_a_commented_series_file(tmp_path):
    content = copy_content(tmp_path / "content")
    refused = build("nieuw", "nog-geen-reeks", "--content", content)
    assert refused.returncode == 1 and "--nieuwe-reeks" in screen(refused)
    made = build(
        "nieuw", "zorg", "--nieuwe-reeks", "--titel", "Eerste", "--content", content
    )
    assert made.returncode == 0, screen(made)
    series = (content / "zorg" / "reeks.yaml").read_text(encoding="utf-8")
    assert "titel: VUL IN" in series and "# e-mailadres voor vragen" in series
    assert (content / "zorg").glob("*-eerste.md")


def test_a_draft_is_marked_everywhere_and_removing_the_mark_makes_the_final_reports(
    tmp_path,
):
    import docx

    content = copy_content(tmp_path / "content")
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    final = source.read_text(encoding="utf-8")
    source.write_text(final.replace("nummer: 4\n", "nummer: 4\nstatus: concept\n"))
    out = tmp_path / "out"
    assert build("--content", content, "--uitvoer", out).returncode == 0
    overview = [f"overzicht.{kind}" for kind in ("docx", "html", "pdf")]
    drafts = sorted(p.name for p in (out / EXAMPLE_SERIES).iterdir())
    assert (
        drafts
        == [f"{EXAMPLE_SESSION}-concept.{kind}" for kind in ("docx", "html", "pdf")]
        + overview
    )
    pdf = out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}-concept.pdf"
    pages = pdf_text(pdf, body_only=False).split("\f")[:-1]
    assert all("CONCEPT" in page for page in pages)
    document = docx.Document(str(pdf.with_suffix(".docx")))
    section = document.sections[0]
    assert "CONCEPT" in section.header.paragraphs[0].text
    assert "CONCEPT" in section.first_page_header.paragraphs[0].text
    assert document.core_properties.title.endswith("(concept)")
    assert 'class="draft-banner"' in pdf.with_suffix(".html").read_text()
    source.write_text(final, encoding="utf-8")
    assert build("--content", content, "--uitvoer", out).returncode == 0
    assert (
        sorted(p.name for p in (out / EXAMPLE_SERIES).iterdir())
        == [f"{EXAMPLE_SESSION}.{kind}" for kind in ("docx", "html", "pdf")] + overview
    )


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _until(url: str, text: str, seconds: float = 2.0) -> float:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if text in _fetch(url):
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"{text!r} did not appear within {seconds} s")


def test_the_preview_follows_every_save_and_leaves_nothing_behind(tmp_path):
    content = copy_content(tmp_path / "content")
    source = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    out = ROOT / "out"
    before = sorted(out.rglob("*")) if out.exists() else []
    process = subprocess.Popen(
        [str(ROOT / "build.sh"), "voorbeeld", str(source), "--content", str(content)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        assert "Brede welvaart op het platteland" in _fetch(url)
        text = source.read_text(encoding="utf-8")
        source.write_text(text.replace("op het platteland", "in het voorbeeld"))
        _until(url, "Brede welvaart in het voorbeeld")
        source.write_text(text.replace("  - EZK", "  - EZKK"))
        _until(url, "regel 13</strong>: onbekende organisatie")
        source.write_text(text)
        _until(url, "Brede welvaart op het platteland")
        templates = ROOT / "templates"
        assert templates.is_dir()
    finally:
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=15)
    assert process.returncode == 0
    assert "Voorbeeld gestopt." in stdout and not ENGLISH.search(stdout + stderr)
    assert not processes_naming(process.pid)
    assert (sorted(out.rglob("*")) if out.exists() else []) == before
    assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob("copreport-voorbeeld-*"))


def test_sending_is_listed_first_then_done_once_and_never_for_a_draft(tmp_path):
    from smtp import MailServer

    content = copy_content(tmp_path / "content")
    example = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    draft = example_copy(
        content,
        "2024-03-01-nog-niet-af",
        5,
        example.read_text(encoding="utf-8").replace("---\n", "---\nstatus: concept\n", 1),
    )
    out = tmp_path / "out"
    with MailServer() as server:
        (content / "verzendlijst.yaml").write_text(
            "afzender:\n  naam: Secretariaat\n  email: secretariaat@netwerk.example\n"
            "ontvangers:\n"
            "  - naam: Anna de Vries\n    email: a.devries@minbzk.example\n"
            "    organisatie: BZK\n"
            "  - naam: Chris Bakker\n    email: c.bakker@pbl.example\n"
            "    organisatie: PBL\n"
            f"smtp:\n  server: 127.0.0.1\n  poort: {server.port}\n  starttls: nee\n",
            encoding="utf-8",
        )
        listed = build("verzend", "--content", content, "--uitvoer", out)
        assert listed.returncode == 0, screen(listed)
        assert "versturen:    Anna de Vries <a.devries@minbzk.example>" in listed.stdout
        assert (
            f"Proef: 2 berichten zouden worden verstuurd via 127.0.0.1:{server.port} "
            "(zonder versleuteling). Er is niets verstuurd." in listed.stdout
        )
        assert not server.received
        packages = out / EXAMPLE_SERIES / "verzending"
        assert sorted(p.name for p in packages.iterdir()) == [EXAMPLE_SESSION]

        sent = build("verzend", "--echt", "--content", content, "--uitvoer", out)
        assert sent.returncode == 0, screen(sent)
        assert "2 van 2 berichten verstuurd." in sent.stdout
        pdf = (out / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.pdf").read_bytes()
        assert sorted(d.recipients[0] for d in server.received) == [
            "a.devries@minbzk.example",
            "c.bakker@pbl.example",
        ]
        for delivery in server.received:
            (attachment,) = list(delivery.message.iter_attachments())
            assert attachment.get_content() == pdf

        again = build("verzend", "--echt", "--content", content, "--uitvoer", out)
        assert again.returncode == 0 and "Er is niets te versturen." in again.stdout
        assert "al verstuurd: Anna de Vries" in again.stdout
        assert len(server.received) == 2

        log = out / "verzendlog.jsonl"
        intact = log.read_text()
        lines = intact.splitlines()
        log.write_text("\n".join([lines[0], "kapot", *lines[1:]]) + "\n")
        damaged = build("verzend", "--echt", "--content", content, "--uitvoer", out)
        assert damaged.returncode == 1 and "is beschadigd (regel 2)" in damaged.stderr
        assert len(server.received) == 2
        log.write_text(intact)

        refused = build("verzend", "--echt", draft, "--content", content, "--uitvoer", out)
        assert refused.returncode == 1
        assert "staat op 'status: concept' en wordt niet verzonden" in refused.stderr
        assert len(server.received) == 2
    for result in (listed, sent, again, damaged, refused):
        assert not ENGLISH.search(screen(result)), screen(result)
    log = [json.loads(line) for line in (out / "verzendlog.jsonl").read_text().splitlines()]
    assert [entry["status"] for entry in log].count("verstuurd") == 2


def test_the_check_reads_the_distribution_list_too(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "verzendlijst.yaml").write_text(
        "ontvangers:\n  - naam: Anna de Vries\n    email: a.devries@minbzk\n"
        "    organisatie: BZK\n",
        encoding="utf-8",
    )
    result = build("controleer", "--content", content, "--uitvoer", tmp_path / "out")
    assert result.returncode == 1
    assert "verzendlijst.yaml:" in result.stdout
    assert "regel 3: 'email' is geen e-mailadres (nu: 'a.devries@minbzk')" in result.stdout
    assert not ENGLISH.search(screen(result)), screen(result)


def test_sending_with_only_drafts_or_a_typo_sends_nothing_and_says_why(tmp_path):
    content = copy_content(tmp_path / "content")
    example = content / EXAMPLE_SERIES / f"{EXAMPLE_SESSION}.md"
    example.write_text(
        example.read_text(encoding="utf-8").replace("---\n", "---\nstatus: concept\n", 1),
        encoding="utf-8",
    )
    (content / "verzendlijst.yaml").write_text(
        "ontvangers:\n  - naam: Anna de Vries\n    email: a.devries@minbzk.example\n"
        "    organisatie: BZK\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    listed = build("verzend", "--content", content, "--uitvoer", out)
    assert listed.returncode == 0, screen(listed)
    assert "Proef: er is niets te versturen." in listed.stdout
    assert not (out / EXAMPLE_SERIES / "verzending").exists()
    typo = build("verzend", "--ech", "--content", content, "--uitvoer", out)
    assert typo.returncode == 2 and "onbekende argumenten: --ech" in typo.stderr
    unnamed = build("verzend", "--correctie", "--content", content, "--uitvoer", out)
    assert unnamed.returncode == 1
    assert "noem bij --correctie de sessie(s) die u opnieuw wilt versturen" in (
        unnamed.stderr
    )
    for result in (listed, typo, unnamed):
        assert not ENGLISH.search(screen(result)), screen(result)
