"""A small report made once in memory, so that a process is warm before real work.

The fork server warms up in `STAGES`: imports, fonts, hyphenation dictionaries,
compiled templates and the Word style template are then in memory, and every
child starts with them. Between stages it already serves the steps whose stage
is done (`needed_stage`): a build's parsing does not wait for WeasyPrint, nor its
PDFs for python-docx. The sample goes through the same path as a real session
(sources on disk, parser, all three renderers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Session

STAGES = ("parsing", "html", "word")
"""What is warm after each stage of `warm_up_in_stages`, in order; a stage includes
those before it: the parser; then the HTML renderer, WeasyPrint and the text
libraries (web pages and PDFs); then python-docx (Word files, and so everything)."""


_REGISTER = """\
PBL:
  naam: Planbureau voor de Leefomgeving
  afkorting: PBL
  soort: planbureau
  logo: pbl.png
BZK:
  naam: Ministerie van Binnenlandse Zaken en Koninkrijksrelaties
  soort: ministerie
  logo: bzk.svg
"""
_SVG_LOGO = """\
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">\
<rect width="120" height="40" fill="#154273"/></svg>
"""
_SERIES = """\
titel: Voorbeeldreeks
netwerk: Nationaal Netwerk Brede Welvaart
inleiding: Een korte inleiding over brede welvaart en gebiedsgericht werken.
centrale_vraag: Hoe helpt brede welvaart bij beleidskeuzes?
lijnen: [keuzes, draagvlak]
organisator: PBL
"""
_SESSION = """\
---
titel: Voorbeeld
nummer: 1
datum: 2024-02-01
locatie: Den Haag
status: concept
focus: Een focus.
sprekers:
  - naam: Voorbeeldspreker
    functie: adviseur
    organisatie: PBL
deelnemers: [PBL, BZK]
---

## Wat hebben we gedaan?

Keukentafelgesprekken met belanghebbenden in plattelandsgemeenten, *cursief*,
`code` en [een koppeling](https://example.org).

### Een tussenkop

> Een citaat.

    Een codeblok.

| Kolom | Waarde |
|---|---|
| een | twee |

- Een punt met een tweede alinea.

  De tweede alinea.

1. Genummerd.

## Stelling 1 (draagvlak)

**Brede welvaart helpt als gespreksmodel.**

- Een punt met een subpunt:
  - het subpunt.

Conclusie: het helpt.
"""


def sample_session() -> Session:
    """A small session that uses every part of a report (and every Word style), with
    a PNG and an SVG logo."""
    from PIL import Image

    from .scratch import scratch
    from .source import load_session

    with scratch("voorbeeld") as content:
        (content / "organisaties.yaml").write_text(_REGISTER, encoding="utf-8")
        Image.new("RGB", (120, 40), (21, 66, 115)).save(content / "pbl.png")
        (content / "bzk.svg").write_text(_SVG_LOGO, encoding="utf-8")
        series = content / "voorbeeld"
        series.mkdir()
        (series / "reeks.yaml").write_text(_SERIES, encoding="utf-8")
        source = series / "voorbeeld.md"
        source.write_text(_SESSION, encoding="utf-8")
        return load_session(source, content)


def warm_up_in_stages(sample_pdf: Callable[[], bool] = lambda: True) -> Iterator[str]:
    """Parse and render the sample session, format by format, keeping nothing but
    caches; after each stage, yield its name (one of `STAGES`). Within the long html
    stage, yield the name of the stage before it again: a pause in which the server
    can start the steps that were already warm (a parse asked meanwhile). The sample
    PDF (0.2 s) is left out when `sample_pdf()` says it would not pay: when work
    ahead of the build is rendering a long PDF, the few PDFs of the build's own
    steps lose less time making their own fonts ready."""
    from . import kept_renders  # what the server's code is, read now
    from .steps import STEPS  # noqa: F401 - imported now, not in every child

    session = sample_session()
    yield "parsing"
    from .overview import index  # noqa: F401 - the overviews' and the index's code
    from .pdf.writer import pdf_bytes
    from .web.page import web_page

    _loaded.add("renderers")
    yield "parsing"  # a pause: WeasyPrint is loaded (0.2 s), the sample PDF is next
    if sample_pdf():
        pdf_bytes(session)
    yield "parsing"  # a pause
    web_page(session)
    kept_renders.text_libraries()  # once, not in every child
    yield "html"
    from .docx.writer import docx_bytes

    docx_bytes(session)
    yield "word"


_loaded: set[str] = set()
"""What the warm-up of this process has imported so far."""


def renderers_loaded() -> bool:
    """Whether the warm-up has imported the HTML and PDF renderers (a child can make a
    PDF then, though not as fast as after the sample report)."""
    return "renderers" in _loaded


def needed_stage(step: str, kind: str | None = None) -> str:
    """The stage after which a step (of a `kind`: pdf, docx, html) runs warm, as
    `steps.WARM_AFTER` declares it."""
    from .steps import WARM_AFTER

    stage = WARM_AFTER.get(step, STAGES[-1])
    if isinstance(stage, dict):
        stage = stage.get(kind or "", STAGES[-1])
    return stage
