"""Dutch wording: dates, numbers as words, enumerations and the report's fixed labels.

Everything a reader sees that the pipeline writes itself (rather than the author)
comes from here, so the PDF, the web page and the Word file use the same words.
The fields of the content files are declared, in Dutch, in `dutch.fields`.
"""

from __future__ import annotations

import datetime as dt

NBSP = "\u00a0"

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)

_UNITS = [
    "nul",
    "een",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
]
_TENS = [
    "_",
    "_",
    "twintig",
    "dertig",
    "veertig",
    "vijftig",
    "zestig",
    "zeventig",
    "tachtig",
    "negentig",
]
_SMALL_ORDINALS = [
    "nulde",
    "eerste",
    "tweede",
    "derde",
    "vierde",
    "vijfde",
    "zesde",
    "zevende",
    "achtste",
    "negende",
    "tiende",
    "elfde",
    "twaalfde",
    "dertiende",
    "veertiende",
    "vijftiende",
    "zestiende",
    "zeventiende",
    "achttiende",
    "negentiende",
]

# Fixed labels of the report, in the order the sections appear.
LABELS = {
    "key_points": "Belangrijkste uitkomsten",
    "introduction": "Over het netwerk en het thema",
    "central_question": "Centrale vraag",
    "focus": "Focus van de bijeenkomst",
    "conclusion": "Conclusie",
    "participants": "Deelnemers",
    "colophon": "Colofon",
    "organiser": "Organisator",
    "contact": "Contact",
    "website": "Website",
    "network": "Netwerk",
    "series": "Reeks",
    "previous": "Vorige bijeenkomst",
    "following": "Volgende bijeenkomst",
    "edited": "Verslag opgemaakt",
    "status": "Status",
    "page": "Pagina {page} van {pages}",
    "category": "Verslag Community of Practice",
    "draft": "CONCEPT",
}

KIND_GROUPS = {
    "ministerie": "Ministeries",
    "planbureau": "Planbureaus",
    "provincie": "Provincies",
    "gemeente": "Gemeenten",
    "kennisinstelling": "Kennisinstellingen",
    "overig": "Overige organisaties",
}
"""The heading above the participating organisations of each kind."""

KIND_SINGULAR = {
    "ministerie": "Ministerie",
    "planbureau": "Planbureau",
    "provincie": "Provincie",
    "gemeente": "Gemeente",
    "kennisinstelling": "Kennisinstelling",
    "overig": "Overig",
}
"""The kind of one organisation, standing alone in a table cell of the overview."""


def series_heading(title: str) -> str:
    """The series as it heads every report and page: ``Community of Practice: ...``."""
    return f"Community of Practice: {title}"


def stelling_heading(number: int, label: str | None) -> str:
    """``Stelling 2 (instrumenten)``."""
    return f"Stelling {number} ({label})" if label else f"Stelling {number}"


def stelling_reference(number: int, label: str | None) -> str:
    """A stelling where its topic stands alone: ``Stelling 2 · Instrumenten``."""
    return f"Stelling {number} · {capitalised(label)}" if label else f"Stelling {number}"


def capitalised(text: str) -> str:
    """The first letter as a capital, the rest as written (``bw-optiek`` → ``Bw-optiek``)."""
    return text[:1].upper() + text[1:]


def keep_together(text: str) -> str:
    """Text that must not break over lines (an abbreviation such as ``HZ KCZS``)."""
    return text.replace(" ", NBSP)


def place(location: str, host: str | None) -> str:
    """``Den Haag (PBL)``."""
    return f"{location} ({host})" if host else location


def meta_line(date: dt.date, location: str, host: str | None) -> str:
    """Date and place under the title: ``1 februari 2024 · Den Haag (PBL)``."""
    return f"{long_date(date)} · {place(location, host)}"


def document_title(series: str, title: str, date: dt.date, draft: bool) -> str:
    """The title in a viewer's title bar and in the file's properties."""
    mark = " (concept)" if draft else ""
    return f"{series}: {title} ({long_date(date)}){mark}"


def description(number: int, theme: str, network: str, date: dt.date, location: str) -> str:
    """One sentence for a file's subject field."""
    return (
        f"Verslag van de {ordinal(number)} bijeenkomst van de Community of Practice "
        f"\u2018{theme}\u2019 ({network}), {long_date(date)}, {location}."
    )


def series_position(number: int, series_title: str) -> str:
    """``Bijeenkomst 4 van de reeks ‘Basis voor gebiedsgericht werken’``."""
    return f"Bijeenkomst {number} van de reeks \u2018{series_title}\u2019"


def session_reference(number: int, title: str, date: dt.date) -> str:
    """Another session, as the colophon names it: ``3 · Titel (14 november 2023)``."""
    return f"{number} · {title} ({long_date(date)})"


def speakers_label(count: int) -> str:
    return "Spreker" if count == 1 else "Sprekers"


def speaker_line(name: str, role: str | None, organisation: str | None) -> str:
    """``Teatske Pol, adviseur economie en leefbaarheid (Provincie Overijssel)``."""
    text = f"{name}, {role}" if role else name
    return f"{text} ({organisation})" if organisation else text


def stellingen_opening(count: int) -> str:
    """The start of the lead's second sentence when no stelling has a conclusion:
    ``Er zijn drie stellingen besproken, over`` (the topics follow, as links)."""
    verb, noun = ("is", "stelling") if count == 1 else ("zijn", "stellingen")
    return f"Er {verb} {count_word(count)} {noun} besproken, over "


def draft_status() -> str:
    return "concept: nog niet vastgesteld, niet verspreiden"


def page_label_parts() -> tuple[str, str, str]:
    """The words around the page numbers of "Pagina X van Y": before, between, after."""
    before, rest = LABELS["page"].split("{page}")
    between, after = rest.split("{pages}")
    return before, between, after


def long_date(date: dt.date) -> str:
    """``1 februari 2024``, with non-breaking spaces so it never splits over lines."""
    return f"{date.day}{NBSP}{MONTHS[date.month - 1]}{NBSP}{date.year}"


def cardinal(number: int) -> str:
    """A whole number from 0 to 9999 as a Dutch word: ``tweeëntwintig``."""
    if not 0 <= number <= 9999:
        raise ValueError(f"number out of range: {number}")
    if number < 20:
        return _UNITS[number]
    if number < 100:
        tens, unit = divmod(number, 10)
        if unit == 0:
            return _TENS[tens]
        unit_word = _UNITS[unit]
        joiner = "ën" if unit_word.endswith("e") else "en"
        return f"{unit_word}{joiner}{_TENS[tens]}"
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        head = "honderd" if hundreds == 1 else f"{_UNITS[hundreds]}honderd"
    else:
        thousands, rest = divmod(number, 1000)
        head = "duizend" if thousands == 1 else f"{cardinal(thousands)}duizend"
    return head + (cardinal(rest) if rest else "")


def ordinal(number: int) -> str:
    """A whole number from 1 to 9999 as a Dutch ordinal word: ``eenentwintigste``."""
    if not 1 <= number <= 9999:
        raise ValueError(f"number out of range: {number}")
    if number < 20:
        return _SMALL_ORDINALS[number]
    rest = number % 100
    if number > 100 and 0 < rest < 20:
        return cardinal(number - rest) + _SMALL_ORDINALS[rest]
    return cardinal(number) + "ste"


def count_word(number: int) -> str:
    """A count as it stands before a noun: ``één``, ``drie``; digits from 21 on."""
    if number == 1:
        return "één"
    return cardinal(number) if 0 <= number <= 20 else str(number)


def enumerate_words(words: list[str]) -> str:
    """``keuzes, draagvlak en samenwerking``."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]


def opening_sentence(
    date: dt.date, location: str, host: str | None, number: int, theme: str
) -> str:
    """The sentence that opens every report, as in the network's own reports."""
    return (
        f"Op {long_date(date)} vond in {place(location, host)} de {ordinal(number)} "
        f"Community of Practice plaats voor het thema \u2018{theme}\u2019."
    )


def lines_sentence(lines: list[str]) -> str | None:
    """The sentence that names the lines of a series, or None without lines."""
    if not lines:
        return None
    noun = "lijn" if len(lines) == 1 else "lijnen"
    return (
        f"Langs {count_word(len(lines))} {noun} ({enumerate_words(lines)}) zoeken we "
        "in de CoP naar antwoorden op deze centrale vraag."
    )
