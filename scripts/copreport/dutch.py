"""Dutch wording: dates, numbers as words, enumerations and the report's fixed labels.

Everything a reader sees that the pipeline writes itself (rather than the author)
comes from here, so the PDF, the web page and the Word file use the same words.
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
    "introduction": "Over het netwerk en het thema",
    "central_question": "Centrale vraag",
    "focus": "Focus van de bijeenkomst",
    "summary": "Stellingen in het kort",
    "summary_number": "Nr.",
    "summary_label": "Onderwerp",
    "summary_statement": "Stelling",
    "participants": "Deelnemers",
    "organisations": "Deelnemende organisaties",
    "organisation": "Organisatie",
    "kind": "Soort",
    "speakers": "Sprekers",
    "speaker": "Spreker",
    "role": "Functie",
    "organiser": "Organisator",
    "page": "Pagina {page} van {pages}",
    "category": "Verslag Community of Practice",
}

KIND_LABELS = {
    "ministerie": "Ministerie",
    "planbureau": "Planbureau",
    "provincie": "Provincie",
    "gemeente": "Gemeente",
    "kennisinstelling": "Kennisinstelling",
    "overig": "Overig",
}


EMPTY_CELL = "–"
"""What a table cell shows when there is nothing to say (no label, no function)."""


def series_heading(title: str) -> str:
    """The series as it heads every report and page: ``Community of Practice: ...``."""
    return f"Community of Practice: {title}"


def stelling_heading(number: int, label: str | None) -> str:
    """``Stelling 2 (instrumenten)``."""
    return f"Stelling {number} ({label})" if label else f"Stelling {number}"


def meta_line(date_text: str, location: str, host: str | None) -> str:
    """Date and place under the title and in the footer: ``1 februari 2024 · Den Haag (PBL)``."""
    place = f"{location} ({host})" if host else location
    return f"{date_text} · {place}"


def description(
    number: int, theme: str, network: str, date_text: str, location: str
) -> str:
    """One sentence for a file's subject field."""
    return (
        f"Verslag van de {ordinal(number)} bijeenkomst van de Community of Practice "
        f"\u2018{theme}\u2019 ({network}), {date_text}, {location}."
    )


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
    place = f"{location} ({host})" if host else location
    return (
        f"Op {long_date(date)} vond in {place} de {ordinal(number)} "
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
