"""The workflow's steps, by rule name: each reads its inputs and writes its outputs.

A step gets a `runner.protocol.Request` and returns notes for the user (or
nothing); a problem the user can fix is raised as a `ReportError`. Steps import
their heavy libraries inside the function, so that naming them costs nothing in
the Snakemake process; the fork server imports them all once.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .atomic import write_bytes
from .paths import FIGURE_SUFFIX
from .runner.protocol import Request

Step = Callable[[Request], list[str] | None]


def parse_register(request: Request) -> None:
    """`organisaties.yaml` (and the logos it names) into the build's register."""
    from .source.session import register_of

    register = register_of(_content(request))
    write_bytes(Path(request.outputs[0]), register.to_json())


def parse_series(request: Request) -> None:
    """A series' `reeks.yaml` into its model."""
    from .source.session import series_of

    folder = Path(request.options["series_folder"])
    series = series_of(folder, _register(request), _content(request))
    write_bytes(Path(request.outputs[0]), series.model_dump_json(indent=1).encode())


def parse_session(request: Request) -> list[str]:
    """One session source into its validated model, the only thing renderers read."""
    from .errors import SourceError
    from .source.session import date_note, model_json, parse_session, refuse_outside

    source = Path(request.input("source"))
    refuse_outside(source, _content(request))
    series = _series(request)
    session = parse_session(
        source,
        series,
        _register(request),
        _planned(request, "neighbours"),
        _planned(request, "numbers"),
    )
    if "draft" in request.options and (request.options["draft"] == "True") != session.draft:
        raise SourceError(
            source,
            0,
            "het veld 'status' kon bij het plannen van de bouw niet worden gelezen; "
            "schrijf het als 'status: concept' op een eigen regel in de kopgegevens",
        )
    write_bytes(Path(request.outputs[0]), model_json(session, source))
    return [note] if (note := date_note(source, session.date)) else []


def _planned(request: Request, name: str):
    planned = request.options.get(name)
    return json.loads(planned) if planned else None


def check_templates(request: Request) -> None:
    """The Word template, or the HTML templates and stylesheet, before any render."""
    from . import templates

    kind = request.options["kind"]
    if kind == "docx":
        templates.check_word(Path(request.input("template")))
    else:
        templates.check_html(Path(request.inputs["templates"][0]).parent, kind == "pdf")
    write_bytes(Path(request.outputs[0]), b"in orde\n")


def render_pdf(request: Request) -> None:
    """The session's PDF (PDF/A-2a + PDF/UA-1)."""
    from .pdf import render_pdf as render

    templates = Path(request.inputs["templates"][0]).parent
    render(_session(request), Path(request.outputs[0]), templates)


def render_docx(request: Request) -> list[str]:
    """The session's editable Word file; notes say what could not go in (SVG logos)."""
    from .docx import render_docx as render

    return render(
        _session(request), Path(request.outputs[0]), Path(request.input("template"))
    )


def render_web(request: Request) -> None:
    """The session's self-contained web page."""
    from .web import render_web as render

    templates = Path(request.inputs["templates"][0]).parent
    render(_session(request), Path(request.outputs[0]), templates)


def render_overview(request: Request) -> list[str]:
    """The overview of one series (PDF, Word or web page) from its session models."""
    from .model import Session

    series = _series(request)
    sessions = [
        Session.model_validate_json(Path(path).read_bytes())
        for path in request.inputs["sessions"]
    ]
    return _write_outline(request, _overview(request, series, sessions))


def head_start_overview(request: Request) -> None:
    """The PDF of a series overview, made ahead of the build's own step and kept for it.

    The build command asks for this when only the text of sessions of one series
    changed: it does not wait for Snakemake to plan and to read those sessions
    again, but reads them as the build will (`parse_session`, same neighbours and
    numbers), and the other sessions from their models. Only the kept render is
    written (`kept_renders`); the build's own step takes it when its outline turns
    out to be the same, and makes the PDF itself otherwise. A problem in a source is
    left for the build's own steps to report.
    """
    from .model import Session
    from .source import scan
    from .source.session import model_json, parse_session, refuse_outside

    content = _content(request)
    series = _series(request)
    models = [Path(path) for path in request.inputs["sessions"]]
    facts = scan.series_facts(content / series.slug, [path.stem for path in models])
    edited = set(request.inputs["sources"])
    register = _register(request) if edited else None
    sessions = []
    for path in models:
        source = content / series.slug / f"{path.stem}.md"
        if str(source) in edited:
            refuse_outside(source, content)
            session = parse_session(
                source,
                series,
                register,
                json.loads(scan.neighbours(facts, path.stem)),
                json.loads(scan.numbers(facts, path.stem)),
            )
            data = model_json(session, source)
        else:
            data = path.read_bytes()
        sessions.append(Session.model_validate_json(data))
    _kept_render(request, _overview(request, series, sessions), "pdf")


def _overview(request: Request, series, sessions: list):
    """The outline of a series overview; its participation matrix is kept beside the
    request's output (see `kept_renders.kept_drawing`)."""
    from .kept_renders import kept_drawing
    from .overview import build_overview

    matrix = Path(request.outputs[0]).with_name(series.slug + FIGURE_SUFFIX)
    return build_overview(series, sessions, kept_drawing(matrix))


def render_index(request: Request) -> list[str]:
    """The index of the output folder (web page with links, or PDF)."""
    from .model import Listing, Series
    from .overview.index import build_index

    sessions = [
        Listing.model_validate_json(Path(path).read_bytes())
        for path in request.inputs["sessions"]
    ]
    series = [
        (record, [s for s in sessions if s.series.slug == record.slug])
        for record in (
            Series.model_validate_json(Path(path).read_bytes())
            for path in request.inputs["series"]
        )
    ]
    outline, notes = build_index(series, links=request.options["kind"] == "html")
    return notes + _write_outline(request, outline)


def parse_distribution(request: Request) -> None:
    """`verzendlijst.yaml` into the build's distribution list."""
    from .distribution.recipients import load_distribution
    from .source.session import refuse_outside

    source = Path(request.source)
    refuse_outside(source, _content(request))
    distribution = load_distribution(source, _register(request), _content(request))
    write_bytes(Path(request.outputs[0]), distribution.model_dump_json(indent=1).encode())


def package_session(request: Request) -> list[str]:
    """A finished session's distribution package (draft e-mails, manifest, ZIP)."""
    from .distribution.package import write_package
    from .distribution.recipients import DistributionList

    distribution = DistributionList.model_validate_json(
        Path(request.input("distribution")).read_bytes()
    )
    return write_package(
        _session(request),
        distribution,
        _register(request),
        Path(request.input("pdf")),
        Path(request.input("docx")),
        Path(request.outputs[0]),
    )


def _write_outline(request: Request, outline) -> list[str]:
    """Write an outline in the format the request asks for; return notes."""
    target = Path(request.outputs[0])
    kind = request.options["kind"]
    if kind == "html":
        from .web.page import outline_page

        page = outline_page(outline, Path(request.inputs["templates"][0]).parent)
        write_bytes(target, page.encode("utf-8"))
        return []
    data, notes = _kept_render(request, outline, kind)
    write_bytes(target, data)
    return notes


def _kept_render(request: Request, outline, kind: str) -> tuple[bytes, list[str]]:
    """An outline as PDF or Word file, and notes.

    PDF and Word files, the slow ones, are made only when the outline, the
    templates or the code changed since the last render (see `kept_renders`).
    """
    from .kept_renders import render_once

    if kind == "pdf":
        from .pdf.writer import outline_pdf

        templates = Path(request.inputs["templates"][0]).parent

        def render() -> tuple[bytes, list[str]]:
            return outline_pdf(outline, templates), []
    else:
        from .docx.writer import outline_docx

        templates = Path(request.input("template")).parent

        def render() -> tuple[bytes, list[str]]:
            return outline_docx(outline, Path(request.input("template")))

    assets = [path for path in templates.iterdir() if path.is_file()]
    return render_once(Path(request.outputs[0]), kind, outline, assets, render)


def _series(request: Request):
    """The series model a step reads (input `series`)."""
    from .model import Series

    return Series.model_validate_json(Path(request.input("series")).read_bytes())


def _content(request: Request) -> Path:
    return Path(request.options["content"])


def _register(request: Request):
    from .source.register import REGISTER_FILE, Register

    source = _content(request) / REGISTER_FILE
    return Register.from_json(source, Path(request.input("register")).read_bytes())


def _session(request: Request):
    from .model import Session

    return Session.model_validate_json(Path(request.input("model")).read_bytes())


WARM_AFTER: dict[str, str | dict[str, str]] = {
    "check_templates": {"pdf": "html", "html": "html", "docx": "word"},
    "parse_register": "parsing",
    "parse_series": "parsing",
    "parse_session": "parsing",
    "render_pdf": "html",
    "render_docx": "word",
    "render_web": "html",
    "render_overview": {"pdf": "html", "html": "html", "docx": "word"},
    "render_index": {"pdf": "html", "html": "html"},
    "head_start_overview": "html",
    "parse_distribution": "parsing",
    "package_session": "parsing",
}
"""For each step (by kind, where its kind decides the renderer): the fork server's
warm-up stage (`warmup.STAGES`) after which everything it imports is in memory.
A step or kind not named here waits for the whole warm-up."""

STEPS: dict[str, Step] = {
    step.__name__: step
    for step in (
        check_templates,
        parse_register,
        parse_series,
        parse_session,
        render_pdf,
        render_docx,
        render_web,
        render_overview,
        render_index,
        head_start_overview,
        parse_distribution,
        package_session,
    )
}
