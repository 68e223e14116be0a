"""The Dutch of the series overview and the index (the rest comes from `dutch`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from .. import dutch

HEADING = "Overzicht van de reeks"
RUNNING = "Overzicht van de reeks"
SESSIONS = "Bijeenkomsten"
PARTICIPATION = "Deelname"
PER_KIND = "Deelname per soort organisatie"
FIGURE_CAPTION = (
    "Deelname per organisatie: een stip betekent dat de organisatie aan die "
    "bijeenkomst deelnam. De tabel hieronder geeft dezelfde gegevens."
)
SESSION_COLUMNS = ("Nr.", "Datum", "Plaats", "Titel", "Deelnemers")
ORGANISATION_COLUMNS = ("Organisatie", "Soort", "Bijeenkomsten", "Aantal")
KIND_COLUMNS = ("Soort", "Organisaties", "Deelnames")


def title(series: str) -> str:
    return f"{series}: overzicht van de reeks"


def subject(theme: str, network: str, count: int) -> str:
    return (
        f"Overzicht van de Community of Practice \u2018{theme}\u2019 ({network}): "
        f"{dutch.count_word(count)} {'bijeenkomst' if count == 1 else 'bijeenkomsten'}."
    )


def period(sessions: Sequence) -> str:
    """``4 bijeenkomsten, van 14 november 2023 tot en met 1 februari 2024``."""
    if not sessions:
        return "nog geen definitieve bijeenkomsten"
    first, last = sessions[0].date, sessions[-1].date
    count = f"{len(sessions)} {'bijeenkomst' if len(sessions) == 1 else 'bijeenkomsten'}"
    if first == last:
        return f"{count}, op {dutch.long_date(first)}"
    return f"{count}, van {dutch.long_date(first)} tot en met {dutch.long_date(last)}"


def lead(sessions: Sequence, lines: list[str]) -> str:
    if not sessions:
        return "Deze reeks heeft nog geen definitieve bijeenkomsten."
    per_line = (
        f", geordend naar de lijnen van de reeks ({dutch.enumerate_words(lines)})"
        if lines
        else ""
    )
    if len(sessions) == 1:
        opening = (
            f"Deze reeks heeft tot nu toe één vastgestelde bijeenkomst, op "
            f"{dutch.long_date(sessions[0].date)}. Dit overzicht laat zien"
        )
    else:
        opening = f"Dit overzicht brengt {period(sessions)} samen en laat zien"
    return (
        f"{opening} welke stellingen er zijn besproken en wat ze opleverden{per_line}, "
        "en welke organisaties deelnamen."
    )


def drafts_left_out(count: int) -> str:
    noun = "bijeenkomst staat" if count == 1 else "bijeenkomsten staan"
    return (
        f"Niet opgenomen: {dutch.count_word(count)} {noun} nog op concept en "
        f"{'is' if count == 1 else 'zijn'} niet vastgesteld."
    )


def stelling_heading(number: int, date: dt.date, stelling: int) -> str:
    return f"Bijeenkomst {number} ({dutch.long_date(date)}), stelling {stelling}"


def topic_heading(topic: str, is_line: bool) -> str:
    if not topic:
        return "Stellingen zonder onderwerp"
    return f"Lijn: {topic}" if is_line else f"Onderwerp: {topic}"


def organisation_label(names: list[str]) -> str:
    """The latest name, and earlier ones the series knew it by."""
    if len(names) == 1:
        return names[0]
    return f"{names[-1]} (eerder: {'; '.join(names[:-1])})"


def speakers_heading(number: int, date: dt.date) -> str:
    return f"Sprekers van bijeenkomst {number} ({dutch.long_date(date)})"


def figure_alt(organisations: int, numbers: list[int]) -> str:
    span = (
        f"bijeenkomst {numbers[0]}"
        if len(numbers) == 1
        else f"de bijeenkomsten {dutch.enumerate_words([str(n) for n in numbers])}"
    )
    return (
        f"Figuur: deelname van {organisations} organisaties aan {span}; de tabel onder "
        "de figuur geeft per organisatie de bijeenkomsten."
    )


INDEX_TITLE = "Verslagen van de Communities of Practice"
INDEX_COLUMNS = ("Nr.", "Datum", "Plaats", "Titel", "Verslag")
INDEX_COLUMNS_PRINT = ("Nr.", "Datum", "Plaats", "Titel")
REPORT_LINKS = (("pdf", "PDF"), ("docx", "Word"), ("html", "web"))


def index_lead(series: int, sessions: int) -> str:
    return (
        f"Alle verslagen in deze map: {series} {'reeks' if series == 1 else 'reeksen'} "
        f"met {'samen ' if series > 1 else ''}{sessions} "
        f"{'bijeenkomst' if sessions == 1 else 'bijeenkomsten'}. "
        "Per reeks staat er ook een overzicht van wat de bijeenkomsten opleverden."
    )


def overview_line() -> str:
    return "Overzicht van de reeks: "


def gap(series: str, missing: list[int]) -> str:
    numbers = dutch.enumerate_words([str(n) for n in missing])
    one = len(missing) == 1
    missed = "ontbreekt bijeenkomst" if one else "ontbreken bijeenkomsten"
    return f"in de reeks '{series}' {missed} {numbers} (de nummers lopen niet door)"
