"""The bad-input corpus: one small session source per mistake, with its expected message.

Every case is a complete session file (bytes, as an editor would save it). The
`line` is where the message must point; `message` is a part of the Dutch text
the user must see. Cases marked `accepted` are valid after all: they must build,
and `shows` is text their report must contain.
"""

from __future__ import annotations

from dataclasses import dataclass

GOOD_FRONT = """\
titel: Proefsessie
nummer: 5
datum: 2024-05-14
locatie: Utrecht
deelnemers:
  - EZK
  - PBL
"""

GOOD_BODY = """\
## Stelling 1 (proef)

**Dit is de stelling.**

- Een eerste punt.
- Een tweede punt.
"""


def source(front: str = GOOD_FRONT, body: str = GOOD_BODY) -> str:
    return f"---\n{front}---\n\n{body}"


@dataclass(frozen=True)
class Case:
    """One mistake (or surprise) a busy author can make."""

    name: str
    data: bytes
    line: int = 0
    message: str = ""
    accepted: bool = False
    shows: str = ""


def _text(name: str, text: str, line: int, message: str) -> Case:
    return Case(name, text.encode("utf-8"), line, message)


def _front(name: str, old: str, new: str, line: int, message: str) -> Case:
    assert old in GOOD_FRONT, old
    return _text(name, source(front=GOOD_FRONT.replace(old, new)), line, message)


def _body(name: str, body: str, line: int, message: str) -> Case:
    return _text(name, source(body=body), line, message)


def _accepted(name: str, old: str, new: str, shows: str) -> Case:
    data = source(front=GOOD_FRONT.replace(old, new)).encode("utf-8")
    return Case(name, data, accepted=True, shows=shows)


CASES = [
    # --- encoding and invisible characters ------------------------------------
    Case(
        "windows-1252",
        source(front=GOOD_FRONT.replace("Proefsessie", "“Proef”sessie")).encode("cp1252"),
        2,
        "het bestand is niet als UTF-8 opgeslagen",
    ),
    _body(
        "stuurteken", "## Verslag\n\nEen bel\x07 in de tekst.\n", 13, "stuurteken U+0007"
    ),
    _body("nul-teken", "## Verslag\n\nEen nul\x00 in de tekst.\n", 13, "stuurteken U+0000"),
    _body("form-feed", "## Verslag\n\nEen\x0c pagina.\n", 13, "stuurteken U+000C"),
    _body("zero-width", "## Verslag\n\nOnzicht\u200bbaar.\n", 13, "onzichtbaar teken"),
    _body(
        "bidi",
        "## Verslag\n\nOmgekeerd \u202egnirp\u202c.\n",
        13,
        "teken dat de schrijfrichting omkeert",
    ),
    _front("tab", "locatie: Utrecht", "locatie:\tUtrecht", 5, "tab in de kopgegevens"),
    _front(
        "nbsp-in-kop",
        "locatie: Utrecht",
        "locatie:\u00a0Utrecht",
        5,
        "niet-afbrekende spatie in de kopgegevens",
    ),
    # --- front matter structure ---------------------------------------------------
    _text("leeg", "", 1, "het bestand is leeg"),
    _text("zonder-kop", GOOD_BODY, 1, "het bestand begint niet met kopgegevens"),
    _text("open-kop", f"---\n{GOOD_FRONT}\n{GOOD_BODY}", 1, "worden niet afgesloten"),
    _text("kop-is-lijst", source(front="- titel\n- nummer\n"), 2, "moeten velden zijn"),
    _text("kop-is-tekst", source(front="Zomaar wat tekst\n"), 2, "moeten velden zijn"),
    _front(
        "dubbel-veld",
        "locatie: Utrecht\n",
        "locatie: Utrecht\nlocatie: Amersfoort\n",
        6,
        "'locatie' staat er twee keer (ook op regel 5)",
    ),
    _front(
        "yaml-fout",
        "locatie: Utrecht",
        "locatie: [Utrecht",
        6,
        "de kopgegevens kloppen niet",
    ),
    _front(
        "verwijzing",
        "  - EZK\n  - PBL",
        "  - &x EZK\n  - *x",
        7,
        "ankers en verwijzingen",
    ),
    # --- YAML 1.1 surprises ---------------------------------------------------------
    _accepted("nee", "titel: Proefsessie", "titel: nee", shows="nee"),
    _accepted("no", "titel: Proefsessie", "titel: no", shows="no"),
    _accepted("off", "locatie: Utrecht", "locatie: off", shows="off"),
    _accepted("tijd", "titel: Proefsessie", "titel: Start 10:30", shows="Start 10:30"),
    _accepted("voorloopnul", "titel: Proefsessie", "titel: 0123", shows="0123"),
    _front(
        "hekje",
        "titel: Proefsessie",
        "titel: Stelling #3",
        2,
        "de rest van de regel telt dan als commentaar",
    ),
    # --- values -----------------------------------------------------------------------
    _front(
        "onmogelijke-datum",
        "2024-05-14",
        "2025-02-30",
        4,
        "'datum' 2025-02-30 bestaat niet (februari 2025 heeft 28 dagen)",
    ),
    _front("nederlandse-datum", "2024-05-14", "10-02-2025", 4, "bedoelt u 2025-02-10?"),
    _front("datum-in-woorden", "2024-05-14", "14 mei 2024", 4, "bedoelt u 2024-05-14?"),
    _front("datum-zonder-nullen", "2024-05-14", "2024-5-14", 4, "bedoelt u 2024-05-14?"),
    _front("nummer-in-woorden", "nummer: 5", "nummer: vijf", 3, "heel getal vanaf 1"),
    _front("nummer-nul", "nummer: 5", "nummer: 0", 3, "heel getal vanaf 1"),
    _front(
        "tikfout-veld",
        "locatie: Utrecht",
        "lokatie: Utrecht",
        5,
        "onbekend veld 'lokatie' — bedoelt u 'locatie'?",
    ),
    _front("veld-ontbreekt", "locatie: Utrecht\n", "", 2, "het verplichte veld 'locatie'"),
    _front("titel-is-lijst", "titel: Proefsessie", "titel: [a, b]", 2, "moet tekst zijn"),
    _front(
        "deelnemers-geen-lijst",
        "deelnemers:\n  - EZK\n  - PBL\n",
        "deelnemers: EZK\n",
        6,
        "'deelnemers' moet een lijst zijn",
    ),
    _front(
        "deelnemers-leeg",
        "deelnemers:\n  - EZK\n  - PBL\n",
        "deelnemers: []\n",
        6,
        "'deelnemers' is een lege lijst",
    ),
    _front(
        "onbekende-organisatie",
        "  - EZK",
        "  - EZKK",
        7,
        "onbekende organisatie 'EZKK' in deelnemers — bedoelt u 'EZK'?",
    ),
    _front(
        "dubbele-deelnemer", "  - PBL", "  - EZK", 8, "'EZK' staat twee keer in deelnemers"
    ),
    _front(
        "spreker-zonder-naam",
        "deelnemers:",
        "sprekers:\n  - functie: adviseur\ndeelnemers:",
        7,
        "het verplichte veld 'naam' ontbreekt bij een spreker",
    ),
    # --- stellingen -------------------------------------------------------------------
    _body(
        "stelling-gat",
        GOOD_BODY + "\n## Stelling 3\n\nDe derde.\n",
        18,
        "Stelling 2 ontbreekt",
    ),
    _body(
        "stelling-dubbel",
        GOOD_BODY + "\n## Stelling 1\n\nNog eens.\n",
        18,
        "Stelling 1 komt twee keer voor (ook op regel 11)",
    ),
    _body(
        "stelling-zonder-stelling",
        "## Stelling 1\n\n- Alleen punten.\n",
        11,
        "ontbreekt de stelling zelf",
    ),
    _body("stelling-kop", "## Stelling één\n\nTekst.\n", 11, "geen geldige stellingkop"),
    _body("lege-sectie", "## Verslag\n\n## Stelling 1\n\nTekst.\n", 11, "staat niets"),
    _body("kop-niveau-1", "# Titel\n\n" + GOOD_BODY, 11, "een kop met één '#'"),
    _body(
        "stelling-volgorde",
        GOOD_BODY + "\n## Stelling 3\n\nDrie.\n\n## Stelling 2\n\nTwee.\n",
        22,
        "Stelling 2 staat na Stelling 3",
    ),
    _body("stelling-nul", "## Stelling 0\n\nNul.\n", 11, "genummerd vanaf 1"),
    _body(
        "stellingkop-vol-spaties",
        "## Stelling 1 (" + " " * 20_000 + ")x\n\nTekst.\n",
        11,
        "geen geldige stellingkop",
    ),
    _body("alleen-een-lijn", "## Verslag\n\n---\n", 11, "staat niets"),
    _front(
        "focus-twee-alineas",
        "locatie: Utrecht\n",
        "locatie: Utrecht\nfocus: |\n  Eerste alinea.\n\n  Tweede alinea.\n",
        7,
        "hier hoort één alinea tekst",
    ),
    # --- characters that arrive through escapes -----------------------------------------
    _body(
        "entiteit-bidi", "## Verslag\n\nOmgekeerd &#x202E;tekst.\n", 12, "schrijfrichting"
    ),
    _body(
        "entiteit-nul", "## Verslag\n\nEen `&#0;` en &#x200B;.\n", 12, "onzichtbaar teken"
    ),
    _front(
        "yaml-escape", "locatie: Utrecht", 'locatie: "Utr\\x01echt"', 5, "stuurteken U+0001"
    ),
    _front(
        "yaml-bidi", "locatie: Utrecht", 'locatie: "Utr\\u202eecht"', 5, "schrijfrichting"
    ),
    _front("yaml-surrogaat", "locatie: Utrecht", 'locatie: "\\ud800"', 5, "U+D800"),
    # --- numbers and dates out of range ---------------------------------------------------
    _front("jaar-nul", "2024-05-14", "0000-02-01", 4, "ligt niet tussen 1980 en 2107"),
    _front("jaar-9999", "2024-05-14", "9999-12-32", 4, "ligt niet tussen 1980 en 2107"),
    _front("voor-1980", "2024-05-14", "1979-12-31", 4, "ligt niet tussen 1980 en 2107"),
    _front("arabische-cijfers", "2024-05-14", "٢٠٢٤-٠٥-١٤", 4, "JJJJ-MM-DD"),
    _front("reuzennummer", "nummer: 5", "nummer: " + "9" * 5000, 3, "heel getal vanaf 1"),
    _body(
        "reuzenstelling", "## Stelling " + "1" * 5000 + "\n\nTekst.\n", 11, "stellingkop"
    ),
    _body("ipv6-link", "## Verslag\n\n[x](http://[abc) en <http://[abc>\n", 13, "kan niet"),
    _front(
        "yaml-te-diep",
        "locatie: Utrecht",
        "locatie: " + "[" * 500 + "]" * 500,
        5,
        "dieper genest dan 10 niveaus",
    ),
    _body(
        "opmaak-te-diep",
        "## Verslag\n\n" + "*a _b " * 60 + "x" + " b_ a*" * 60 + "\n",
        12,
        "dieper genest",
    ),
    # --- size and nesting ---------------------------------------------------------------
    Case(
        "te-groot",
        source(body="## Verslag\n\n" + "Een zin die telkens terugkomt. " * 40_000).encode(),
        0,
        "het bestand is te groot",
    ),
    _body(
        "diep-genest",
        "## Verslag\n\n" + "\n".join("    " * i + "- punt" for i in range(40)) + "\n",
        12,
        "dieper genest dan 8 niveaus",
    ),
    _body(
        "haakjesreeks",
        "## Verslag\n\n" + "[" * 30_000 + "x" + "]" * 30_000 + "\n",
        12,
        "niet binnen 10 seconden te verwerken",
    ),
]

BOM_AND_CRLF = "windows-bom-crlf"
"""A clean source saved with a byte-order mark and CRLF line endings: accepted."""
