"""Reading a content file as clean text, refusing what would silently garble it.

Sources are written in Word, Notepad and e-mail clients. A byte-order mark and
Windows line endings are accepted; text that is not UTF-8, control characters,
invisible characters and bidirectional overrides are refused with the line.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ..errors import SourceError

MAX_BYTES = 1_000_000
"""A session report is a few pages; a larger file is a mistake (or an attack)."""

_INVISIBLE = {
    "\u200b": "spatie zonder breedte (U+200B)",
    "\u200c": "verbindingsloos teken (U+200C)",
    "\u200d": "verbindingsteken zonder breedte (U+200D)",
    "\u2060": "woordverbinder (U+2060)",
    "\ufeff": "byte-order mark midden in de tekst (U+FEFF)",
    "\u00ad": None,  # soft hyphen: allowed, it only marks a hyphenation point
}
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def read_source(path: Path) -> str:
    """The file's text with ``\\n`` line endings, or a `SourceError` saying what is wrong."""
    if path.exists() and not path.is_file():
        raise SourceError(
            path, 0, "dit is geen gewoon bestand (maar een map, apparaat of pijp)"
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SourceError(path, 0, "het bestand bestaat niet") from None
    except OSError as error:
        raise SourceError(
            path, 0, f"het bestand kan niet worden gelezen ({error.strerror})"
        ) from None
    if len(data) > MAX_BYTES:
        raise SourceError(
            path,
            0,
            f"het bestand is te groot ({len(data) // 1000} kB; hoogstens "
            f"{MAX_BYTES // 1000} kB): een verslag past ruim in minder",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(
            path,
            line,
            "het bestand is niet als UTF-8 opgeslagen (waarschijnlijk Windows-1252, "
            "bijvoorbeeld met gekrulde aanhalingstekens uit Word). Sla het opnieuw op "
            "met codering 'UTF-8' (Kladblok: Opslaan als > Codering: UTF-8; "
            "VS Code: 'Reopen with Encoding' Windows-1252, dan 'Save with Encoding' "
            "UTF-8)",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_characters(path, text)
    return text


def check_characters(path: Path, text: str, first_line: int = 1) -> None:
    """Refuse control, invisible and bidirectional characters, naming the line."""
    for number, line in enumerate(text.split("\n"), start=first_line):
        for column, char in enumerate(line, start=1):
            problem = character_problem(char)
            if problem:
                raise SourceError(
                    path,
                    number,
                    f"{problem} in kolom {column}: verwijder het teken "
                    "(het komt vaak mee bij kopiëren uit Word, e-mail of een webpagina)",
                )


def character_problem(char: str) -> str | None:
    """What is wrong with a character in a report's text, in Dutch; None if nothing."""
    if char == "\t" or (char.isprintable() and char not in _INVISIBLE.keys() | _BIDI):
        return None
    if char in _INVISIBLE:
        name = _INVISIBLE[char]
        return f"onzichtbaar teken: {name}" if name else None
    if char in _BIDI:
        return (
            f"teken dat de schrijfrichting omkeert (U+{ord(char):04X}); "
            "het kan tekst anders tonen dan er staat"
        )
    if char == "\u00a0" or unicodedata.category(char) == "Zs":
        return None
    return f"stuurteken U+{ord(char):04X} ({unicodedata.name(char, 'naamloos')})"
