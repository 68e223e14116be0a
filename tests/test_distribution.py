"""Distribution: the list, the package per session and sending it exactly once.

The sending tests talk to a real SMTP server on 127.0.0.1 (aiosmtpd, `smtp.py`).
The fictitious series of tests/fixtures/overzicht spans the renamings of 2 July
2024, so a recipient at a ministry that was dissolved by then can be checked.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import shutil
import ssl
import zipfile
from email import message_from_bytes
from email.policy import SMTP as SMTP_POLICY
from pathlib import Path

import pytest
from copreport import dutch
from copreport.distribution.package import write_package
from copreport.distribution.plan import (
    CHANGED,
    CORRECT,
    DONE,
    INTERRUPTED,
    SEND,
    package_folders,
    plan,
    read_message,
)
from copreport.distribution.recipients import SmtpSettings, load_distribution
from copreport.distribution.send import send_all
from copreport.distribution.sendlog import BUSY, FAILED, SENT, SendLog
from copreport.errors import ReportError, SourceError, SourceErrors
from copreport.source.session import load_session, register_of
from helpers import ROOT
from smtp import MailServer, ScriptedServer, free_port

FIXTURE = ROOT / "tests" / "fixtures" / "overzicht"
SERIES = "fictieve-reeks"
FIRST = "2024-03-12-eerste"
THIRD = "2025-02-11-derde"

LIST = """\
afzender:
  naam: Secretariaat Netwerk Brede Welvaart
  email: secretariaat@brede-welvaart.example
ontvangers:
  - naam: Anna de Vries
    email: a.devries@minbzk.example
    organisatie: BZK
  - naam: Bram Jansen
    email: b.jansen@minezk.example
    organisatie: EZK
  - naam: Chris Bakker
    email: c.bakker@pbl.example
    organisatie: PBL
    reeksen: [fictieve-reeks]
  - naam: Dewi Smit
    email: d.smit@elders.example
    organisatie: Overijssel
    reeksen: [een-andere-reeks]
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The fictitious series with a distribution list (and a second, empty series)."""
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE, folder)
    (folder / "een-andere-reeks").mkdir()
    (folder / "verzendlijst.yaml").write_text(LIST, encoding="utf-8")
    return folder


def distribution_of(content: Path):
    return load_distribution(content / "verzendlijst.yaml", register_of(content), content)


def package(content: Path, out: Path, session: str) -> tuple[Path, list[str]]:
    """The package of a session, with a made-up PDF and Word file beside it."""
    model = load_session(content / SERIES / f"{session}.md", content)
    reports = out / SERIES
    reports.mkdir(parents=True, exist_ok=True)
    pdf = reports / f"{session}.pdf"
    if not pdf.exists():
        pdf.write_bytes(b"%PDF-1.7\n" + hashlib.sha256(session.encode()).digest() * 50)
    docx = reports / f"{session}.docx"
    docx.write_bytes(b"PK\x03\x04 woord")
    folder = out / SERIES / "verzending" / session
    notes = write_package(
        model, distribution_of(content), register_of(content), pdf, docx, folder
    )
    return folder, notes


def messages(text: str) -> list[str]:
    return [line.split(": ", 1)[1] for line in text.splitlines()]


# --- the list ----------------------------------------------------------------------


def test_the_list_names_sender_recipients_and_their_series(content):
    distribution = distribution_of(content)
    assert distribution.sender.email == "secretariaat@brede-welvaart.example"
    assert [r.email for r in distribution.recipients if r.receives(SERIES)] == [
        "a.devries@minbzk.example",
        "b.jansen@minezk.example",
        "c.bakker@pbl.example",
    ]
    assert distribution.smtp is None


def test_every_mistake_in_the_list_is_reported_at_its_line(content):
    path = content / "verzendlijst.yaml"
    path.write_text(
        LIST.replace("a.devries@minbzk.example", "a.devries@minbzk")
        .replace("organisatie: PBL", "organisatie: PBLL")
        .replace("[een-andere-reeks]", "[een-andre-reeks]")
        .replace("d.smit@elders.example", "B.Jansen@minezk.example")
        .replace("naam: Chris Bakker", 'naam: "=?utf-8?q?Evil_=3Cevil=40x=2Eexample=3E?="')
        + "smtp:\n  server: smtp.example.nl\n  starttls: misschien\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceErrors) as caught:
        distribution_of(content)
    found = {error.line: error.message for error in caught.value.errors}
    assert "'email' is geen e-mailadres (nu: 'a.devries@minbzk')" in found[6]
    assert "onbekende organisatie 'PBLL'" in found[13] and "'PBL'" in found[13]
    assert "'een-andre-reeks'" in found[18] and "bedoelt u 'een-andere-reeks'" in found[18]
    assert "staat twee keer in de verzendlijst (ook op regel 8)" in found[15]
    assert "'starttls' is 'ja' of 'nee' (nu: 'misschien')" in found[21]
    assert "'naam' is een naam van hoogstens 200 tekens, zonder < > @" in found[11]
    assert all(str(error.path) == str(path) for error in caught.value.errors)


def test_a_list_without_recipients_or_with_a_misspelt_field_is_refused(content):
    path = content / "verzendlijst.yaml"
    path.write_text("ontvanger:\n  - naam: X\n", encoding="utf-8")
    with pytest.raises((SourceError, SourceErrors)) as caught:
        distribution_of(content)
    text = str(caught.value)
    assert "verzendlijst.yaml:1:" in text and "'ontvangers'" in text


# --- the package --------------------------------------------------------------------


def test_the_package_holds_a_draft_per_recipient_a_manifest_and_a_zip(content, tmp_path):
    out = tmp_path / "out"
    folder, notes = package(content, out, FIRST)
    pdf = (out / SERIES / f"{FIRST}.pdf").read_bytes()
    digest = hashlib.sha256(pdf).hexdigest()
    emls = sorted(folder.glob("*.eml"))
    assert [p.name for p in emls] == [
        "01-a-devries-minbzk-example.eml",
        "02-b-jansen-minezk-example.eml",
        "03-c-bakker-pbl-example.eml",
    ]
    first = message_from_bytes(emls[0].read_bytes(), policy=SMTP_POLICY)
    assert first["X-Unsent"] == "1"
    assert first["To"] == "Anna de Vries <a.devries@minbzk.example>"
    assert first["From"].addresses[0].addr_spec == "secretariaat@brede-welvaart.example"
    subject = str(first["Subject"])
    assert subject.startswith("Verslag CoP ") and "bijeenkomst 1 (12 maart 2024)" in subject
    text = first.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert text.startswith("Beste Anna de Vries,\n")
    assert "eerste bijeenkomst" in text and "12 maart 2024" in text
    assert "Besproken stellingen:" in text and "Conclusie:" in text
    (attachment,) = list(first.iter_attachments())
    assert attachment.get_filename() == f"{FIRST}.pdf"
    assert attachment.get_content() == pdf
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reeks"] == SERIES and manifest["sessie"] == FIRST
    rows = list(csv.DictReader(io.StringIO((folder / "manifest.csv").read_text())))
    assert rows == manifest["ontvangers"]
    assert {row["sha256"] for row in rows} == {digest}
    assert rows[1]["organisatie"] == "Ministerie van Economische Zaken en Klimaat"
    with zipfile.ZipFile(folder / f"{FIRST}.zip") as archive:
        assert sorted(archive.namelist()) == sorted(
            [f"{FIRST}.pdf", f"{FIRST}.docx", "manifest.json", "manifest.csv"]
        )
        assert archive.read(f"{FIRST}.pdf") == pdf
    assert notes == []


def test_the_same_sources_give_the_same_package(content, tmp_path):
    folder, _ = package(content, tmp_path / "een", FIRST)
    again, _ = package(content, tmp_path / "twee", FIRST)
    for path in sorted(folder.iterdir()):
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_recipient_whose_ministry_was_dissolved_is_a_warning(content, tmp_path):
    folder, notes = package(content, tmp_path / "out", THIRD)
    (note,) = notes
    assert "Bram Jansen <b.jansen@minezk.example>" in note
    assert "Ministerie van Economische Zaken en Klimaat" in note
    assert "opgeheven op 2 juli 2024" in note and "klopt de verzendlijst nog?" in note
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["ontvangers"][1]["opmerking"] == note


def test_a_draft_is_never_packaged(content, tmp_path):
    source = content / SERIES / f"{FIRST}.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("---\n", "---\nstatus: concept\n", 1),
        encoding="utf-8",
    )
    with pytest.raises(ReportError, match="concept"):
        package(content, tmp_path / "out", FIRST)
    assert not (tmp_path / "out" / SERIES / "verzending" / FIRST).exists()


# --- sending ------------------------------------------------------------------------


def settings(
    server: MailServer | None, port: int | None = None, login: bool = False
) -> SmtpSettings:
    """The test server; with `login`, over STARTTLS and as the user 'secretariaat'."""
    return SmtpSettings(
        host="127.0.0.1",
        port=port or server.port,
        starttls=login,
        user="secretariaat" if login else None,
    )


def plan_of(out: Path, log: SendLog | None = None, **flags: bool):
    """The plan for the first session's package (`correction`, `interrupted`: off)."""
    return plan(
        package_folders(out, [(SERIES, FIRST)]),
        log or SendLog(out),
        correction=flags.get("correction", False),
        interrupted=flags.get("interrupted", False),
    )


def actions(out: Path, log: SendLog | None = None, **flags: bool) -> list[str]:
    """What the plan for the first session's package does per recipient."""
    return [item.action for item in plan_of(out, log, **flags)]


def sent_then_changed(content: Path, out: Path, server) -> None:
    """The first session sent through `server`; then its PDF changed and repackaged."""
    package(content, out, FIRST)
    send(content, out, server)
    (out / SERIES / f"{FIRST}.pdf").write_bytes(b"%PDF-1.7\nversie 2\n")
    package(content, out, FIRST)


def send(
    content,
    out,
    server=None,
    port=None,
    correction=False,
    interrupted=False,
    password=None,
):
    """Plan and send the first session's package (with a `password`: over STARTTLS,
    logged in as 'secretariaat'); (plan, outcome, lines told)."""
    log = SendLog(out)
    items = plan_of(out, log, correction=correction, interrupted=interrupted)
    told: list[str] = []
    outcome = send_all(
        items,
        distribution_of(content).sender,
        settings(server, port, login=password is not None),
        password,
        log,
        told.append,
        pause=0.01,
    )
    return items, outcome, told


def test_each_recipient_gets_the_report_once(content, tmp_path):
    out = tmp_path / "out"
    package(content, out, FIRST)
    pdf = (out / SERIES / f"{FIRST}.pdf").read_bytes()
    with MailServer() as server:
        planned, outcome, _ = send(content, out, server)
        assert [item.action for item in planned] == [SEND, SEND, SEND]
        assert len(outcome.sent) == 3 and not outcome.failed
        arrived = {d.recipients[0]: d for d in server.received}
        assert sorted(arrived) == [
            "a.devries@minbzk.example",
            "b.jansen@minezk.example",
            "c.bakker@pbl.example",
        ]
        drafts = {
            draft["To"].addresses[0].addr_spec: draft
            for draft in map(read_message, sorted((out / SERIES).rglob("*.eml")))
        }
        for delivery in server.received:
            assert delivery.recipients == [delivery.message["To"].addresses[0].addr_spec]
            assert delivery.sender == "secretariaat@brede-welvaart.example"
            message, draft = delivery.message, drafts[delivery.recipients[0]]
            assert "X-Unsent" not in message
            assert str(message["Subject"]) == str(draft["Subject"])
            assert str(message["To"]) == str(draft["To"])
            assert (
                message.get_body(("plain",)).get_content()
                == draft.get_body(("plain",)).get_content()
            )
            (attachment,) = list(message.iter_attachments())
            assert attachment.get_content() == pdf
            assert attachment.get_filename() == f"{FIRST}.pdf"
        ids = {str(d.message["Message-ID"]) for d in server.received}
        logged = [e for e in SendLog(out).entries if e.status == SENT]
        assert {e.message_id for e in logged} == ids and len(ids) == 3

        planned, outcome, _ = send(content, out, server)
        assert [item.action for item in planned] == [DONE, DONE, DONE]
        assert not outcome.sent and len(server.received) == 3


def test_a_refused_recipient_is_reported_and_the_others_are_sent(content, tmp_path):
    out = tmp_path / "out"
    package(content, out, FIRST)
    with MailServer(refused={"b.jansen@minezk.example"}) as server:
        _, outcome, told = send(content, out, server)
        assert [d.recipients for d in server.received] == [
            ["a.devries@minbzk.example"],
            ["c.bakker@pbl.example"],
        ]
        ((item, reason),) = outcome.failed
        assert item.email == "b.jansen@minezk.example"
        assert (
            reason
            == "de server weigert deze ontvanger: 5.1.1 Onbekende ontvanger (code 550)"
        )
        assert (
            "niet verstuurd aan Bram Jansen <b.jansen@minezk.example> "
            f"({SERIES}/{FIRST}): {reason}" in told
        )
        statuses = [(e.email, e.status) for e in SendLog(out).entries if e.status != BUSY]
        assert ("b.jansen@minezk.example", FAILED) in statuses
        # Once the address is fixed on the server's side, only that one goes out.
        server.handler.refused.clear()
        planned, outcome, _ = send(content, out, server)
        assert [item.action for item in planned] == [DONE, SEND, DONE]
        assert [d.recipients for d in server.received][-1] == ["b.jansen@minezk.example"]


def test_a_server_that_is_down_is_a_clear_error_and_the_log_stays_intact(content, tmp_path):
    out = tmp_path / "out"
    with MailServer() as server:
        sent_then_changed(content, out, server)
    log = out / "verzendlog.jsonl"
    before = log.read_bytes()
    planned, outcome, _ = send(content, out, port=free_port(), correction=True)
    assert [item.action for item in planned] == [CORRECT, CORRECT, CORRECT]
    assert not outcome.sent
    assert outcome.stopped.startswith("de mailserver 127.0.0.1:")
    assert "is niet bereikbaar: de verbinding wordt geweigerd (na 3 pogingen)" in (
        outcome.stopped
    )
    assert len(outcome.not_tried) == 3
    after = log.read_bytes()
    assert after.startswith(before)
    for line in after.decode().splitlines():
        json.loads(line)  # every line whole
    # What went out before is still known; the correction is still to be sent.
    assert actions(out) == [CHANGED, CHANGED, CHANGED]


def test_a_changed_report_goes_out_again_only_as_a_correction(content, tmp_path):
    out = tmp_path / "out"
    with MailServer() as server:
        sent_then_changed(content, out, server)
        planned, outcome, _ = send(content, out, server)
        assert [item.action for item in planned] == [CHANGED] * 3 and not outcome.sent
        planned, outcome, _ = send(content, out, server, correction=True)
        assert len(outcome.sent) == 3
        corrected = server.received[-1].message
        assert str(corrected["Subject"]).startswith("Correctie: Verslag CoP ")
        body = corrected.get_body(("plain",)).get_content().replace("\r\n", "\n")
        assert body.split("\n\n")[1] == (
            "Dit is een gecorrigeerde versie van het verslag dat u op "
            f"{dutch.long_date(dt.date.today())} ontving; het vervangt die versie."
        ).replace(dutch.NBSP, " ")
        (attachment,) = list(corrected.iter_attachments())
        assert attachment.get_content() == b"%PDF-1.7\nversie 2\n"
        planned, _, _ = send(content, out, server, correction=True)
        assert [item.action for item in planned] == [DONE] * 3


def test_an_interrupted_attempt_is_held_back_until_the_user_says_so(content, tmp_path):
    out = tmp_path / "out"
    package(content, out, FIRST)
    with MailServer() as server:
        send(content, out, server)
    log = out / "verzendlog.jsonl"
    lines = log.read_text().splitlines()
    # As if the machine died after the first message went out but before its outcome
    # was written, half-way through writing the next line.
    kept = [line for line in lines if json.loads(line)["status"] != SENT][:1]
    log.write_text("\n".join(kept) + "\n" + lines[1][:40], encoding="utf-8")
    reread = SendLog(out)
    assert reread.skipped_lines == [2]
    assert actions(out, reread) == [INTERRUPTED, SEND, SEND]
    assert actions(out, reread, interrupted=True) == [SEND, SEND, SEND]
    with MailServer() as server:
        send(content, out, server)
        assert len(server.received) == 2
    assert SendLog(out).skipped_lines == [2]


def test_a_package_whose_attachment_was_swapped_is_not_sent(content, tmp_path):
    out = tmp_path / "out"
    folder, _ = package(content, out, FIRST)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["ontvangers"][0]["sha256"] = "0" * 64
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ReportError, match="niet de PDF uit het manifest"):
        plan_of(out)


def test_a_message_the_server_never_confirmed_is_not_sent_again_by_itself(
    content, tmp_path
):
    out = tmp_path / "out"
    package(content, out, FIRST)
    with ScriptedServer(after_data="drop") as server:
        planned, outcome, told = send(content, out, port=server.port)
        # Each message went over once; none was repeated although none was confirmed.
        assert len(server.messages) == 3
        assert [item.email for item, _ in outcome.uncertain] == [
            item.email for item in planned
        ]
        assert all(
            "voordat de server het bevestigde" in why for _, why in outcome.uncertain
        )
        assert told[0].startswith("onzeker of het bericht aan Anna de Vries")
        planned, outcome, _ = send(content, out, port=server.port)
        assert [item.action for item in planned] == [INTERRUPTED] * 3
        assert len(server.messages) == 3
    first_id = next(e.message_id for e in SendLog(out).entries if e.status == "onzeker")
    with MailServer() as server:
        planned, outcome, _ = send(content, out, server, interrupted=True)
        assert len(outcome.sent) == 3
        # The same message again, so that the recipient's mail program can tell.
        assert str(server.received[0].message["Message-ID"]) == first_id


def test_temporary_refusals_are_tried_three_times_then_reported(content, tmp_path):
    out = tmp_path / "out"
    package(content, out, FIRST)
    with ScriptedServer(rcpt=("451 4.7.1 later", "451 4.7.1 later", "250 OK")) as server:
        _, outcome, _ = send(content, out, port=server.port)
        assert server.rcpt_attempts == 3 + 1 + 1  # the first recipient needed three
        assert len(outcome.sent) == 3 and len(server.messages) == 3
    (out / "verzendlog.jsonl").unlink()
    with ScriptedServer(rcpt=("451 4.7.1 later",)) as server:
        _, outcome, _ = send(content, out, port=server.port)
        assert server.rcpt_attempts == 3 * 3 and not server.messages
        assert [why for _, why in outcome.failed] == [
            "de server weigert deze ontvanger tijdelijk (code 451), ook na 3 pogingen"
        ] * 3
        assert not outcome.stopped


def test_a_server_that_refuses_the_conversation_stops_the_run(content, tmp_path):
    out = tmp_path / "out"
    package(content, out, FIRST)
    with ScriptedServer(greeting="554 5.7.1 u staat op een zwarte lijst") as server:
        _, outcome, _ = send(content, out, port=server.port)
    assert outcome.stopped == (
        "de server 127.0.0.1 weigert de verbinding: 5.7.1 u staat op een zwarte lijst "
        "(code 554)"
    )
    assert not outcome.sent and not outcome.failed and len(outcome.not_tried) == 3


@pytest.fixture(scope="module")
def authority():
    """A certificate authority of our own, which issues the test server's certificate."""
    import trustme

    return trustme.CA()


@pytest.fixture
def trusted(authority, monkeypatch):
    """`authority`, trusted by this test as if it were a public one."""
    with authority.cert_pem.tempfile() as certificate:
        monkeypatch.setenv("SSL_CERT_FILE", certificate)
        yield authority


def tls_server(authority, name: str = "127.0.0.1") -> MailServer:
    """A server on 127.0.0.1 that takes mail only over STARTTLS and after a login as
    'secretariaat' (password 'geheim'), with a certificate for `name` from
    `authority`."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert(name).configure_cert(context)
    return MailServer(tls=context, login=("secretariaat", "geheim"))


def test_with_starttls_the_login_and_the_reports_go_encrypted(content, tmp_path, trusted):
    out = tmp_path / "out"
    package(content, out, FIRST)
    with tls_server(trusted) as server:
        _, outcome, _ = send(content, out, server, password="geheim")
    assert len(outcome.sent) == 3 and not outcome.failed and not outcome.stopped
    assert [delivery.encrypted for delivery in server.received] == [True, True, True]
    assert set(server.login.attempts) == {("secretariaat", "geheim")}


def test_a_server_whose_certificate_is_not_trusted_gets_no_password_and_no_report(
    content, tmp_path, authority, monkeypatch
):
    out = tmp_path / "out"
    package(content, out, FIRST)
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    with tls_server(authority) as server:
        _, outcome, _ = send(content, out, server, password="geheim")
    assert outcome.stopped.startswith(
        "het certificaat van 127.0.0.1 is niet te vertrouwen: het is niet uitgegeven "
        "door een instantie die deze computer kent"
    )
    assert not server.received and not server.login.attempts
    assert not outcome.sent and len(outcome.not_tried) == 3


def test_a_certificate_for_another_name_is_refused_with_what_to_change(
    content, tmp_path, trusted
):
    out = tmp_path / "out"
    package(content, out, FIRST)
    with tls_server(trusted, "smtp.brede-welvaart.example") as server:
        _, outcome, _ = send(content, out, server, password="geheim")
    assert outcome.stopped == (
        "het certificaat van 127.0.0.1 is niet te vertrouwen: het hoort niet bij de naam "
        "127.0.0.1; gebruik in de verzendlijst de servernaam die op het certificaat "
        "staat (vraag die aan de beheerder van de mailserver)"
    )
    assert not server.received and not server.login.attempts


def test_a_wrong_password_stops_the_run_with_a_clear_message(content, tmp_path, trusted):
    out = tmp_path / "out"
    package(content, out, FIRST)
    with tls_server(trusted) as server:
        _, outcome, _ = send(content, out, server, password="fout")
    assert outcome.stopped.startswith(
        "de server accepteert de gebruikersnaam of het wachtwoord niet"
    )
    assert not server.received and len(outcome.not_tried) == 3


def test_a_server_without_starttls_gets_no_password(content, tmp_path):
    out = tmp_path / "out"
    package(content, out, FIRST)
    with MailServer() as server:
        _, outcome, _ = send(content, out, server, password="geheim")
    assert outcome.stopped.startswith("de server 127.0.0.1 biedt geen STARTTLS")
    assert not server.received and len(outcome.not_tried) == 3


def test_the_password_and_user_are_checked_before_anything_is_sent():
    from copreport.distribution.smtp import password

    plain = SmtpSettings(host="smtp.example.nl", port=587, starttls=False, user="secr")
    with pytest.raises(ReportError, match="onversleuteld over het netwerk"):
        password(plain, {"COPREPORT_SMTP_WACHTWOORD": "geheim"})
    secure = plain.model_copy(update={"starttls": True})
    with pytest.raises(ReportError, match="buiten ASCII"):
        password(secure, {"COPREPORT_SMTP_WACHTWOORD": "geheim€"})
    with pytest.raises(ReportError, match="read -s COPREPORT_SMTP_WACHTWOORD"):
        password(secure, {})
    assert password(secure, {"COPREPORT_SMTP_WACHTWOORD": "geheim"}) == "geheim"


def test_a_log_line_of_the_wrong_shape_is_skipped_not_believed(tmp_path):
    good = {
        "tijd": "2026-11-28T10:00:00+00:00",
        "reeks": SERIES,
        "sessie": FIRST,
        "email": "a@b.example",
        "sha256": "0" * 64,
        "status": "verstuurd",
    }
    lines = [
        json.dumps(good),
        json.dumps({**good, "email": None}),
        json.dumps({**good, "tijd": 5}),
        json.dumps([1, 2]),
        json.dumps(good)[:30],
    ]
    (tmp_path / "verzendlog.jsonl").write_text("\n".join(lines))
    log = SendLog(tmp_path)
    assert len(log.entries) == 1
    assert log.skipped_lines == [2, 3, 4, 5]
    assert log.damaged == [2, 3, 4]  # the cut-off last line is what a crash leaves


def test_a_session_renamed_after_sending_is_not_sent_again(content, tmp_path):
    out = tmp_path / "out"
    package(content, out, FIRST)
    with MailServer() as server:
        send(content, out, server)
    log = out / "verzendlog.jsonl"
    log.write_text(log.read_text().replace(FIRST, "2024-03-12-eerste-definitief"))
    assert actions(out) == [DONE] * 3


def test_a_server_that_answers_a_byte_at_a_time_is_given_up_on(
    content, tmp_path, monkeypatch
):
    from copreport.distribution import smtp

    monkeypatch.setattr(smtp, "ATTEMPT_SECONDS", 0.3)
    out = tmp_path / "out"
    package(content, out, FIRST)
    with ScriptedServer(trickle=0.1) as server:
        _, outcome, _ = send(content, out, port=server.port)
    assert "niet klaar binnen" in outcome.stopped
    assert "(na 3 pogingen)" in outcome.stopped
    # Nothing was handed over, so nobody is held back as "interrupted".
    assert actions(out) == [SEND] * 3
