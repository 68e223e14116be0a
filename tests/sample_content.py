"""Realistic, clearly fictional content for benchmarks and layout tests.

`write_content(folder, sessions=100, series=4)` writes a register of 24
organisations and `sessions` sessions spread over `series` series. Each session
is about four A4 pages: an account of the meeting with a table, three or four
stellingen with six to eight points (some with sub-points), 10 to 15
participating organisations and two speakers. With `conclusions=True` every
stelling also ends in a conclusion, as the README asks authors to write them. The
same arguments always write the same files.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

ORGANISATIONS = [
    ("BZK", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "ministerie"),
    ("EZK", "Ministerie van Economische Zaken en Klimaat", "ministerie"),
    ("LNV", "Ministerie van Landbouw, Natuur en Voedselkwaliteit", "ministerie"),
    ("IenW", "Ministerie van Infrastructuur en Waterstaat", "ministerie"),
    ("SZW", "Ministerie van Sociale Zaken en Werkgelegenheid", "ministerie"),
    ("OCW", "Ministerie van Onderwijs, Cultuur en Wetenschap", "ministerie"),
    ("PBL", "Planbureau voor de Leefomgeving", "planbureau"),
    ("CPB", "Centraal Planbureau", "planbureau"),
    ("SCP", "Sociaal en Cultureel Planbureau", "planbureau"),
    ("RPB-Noord", "Regionaal Planbureau Noord (fictief)", "planbureau"),
    ("RPB-Oost", "Regionaal Planbureau Oost (fictief)", "planbureau"),
    ("RPB-Zuid", "Regionaal Planbureau Zuid (fictief)", "planbureau"),
    ("Overijssel", "Provincie Overijssel", "provincie"),
    ("Zeeland", "Provincie Zeeland", "provincie"),
    ("Groningen", "Provincie Groningen", "provincie"),
    ("Utrecht", "Provincie Utrecht", "provincie"),
    ("Zwolle", "Gemeente Zwolle", "gemeente"),
    ("Middelburg", "Gemeente Middelburg", "gemeente"),
    ("Emmen", "Gemeente Emmen", "gemeente"),
    ("HZ-KCZS", "HZ Kenniscentrum Zeeuwse Samenleving", "kennisinstelling"),
    ("CBS", "Centraal Bureau voor de Statistiek", "kennisinstelling"),
    ("WUR", "Wageningen University & Research", "kennisinstelling"),
    ("VNG", "Vereniging van Nederlandse Gemeenten", "overig"),
    ("IPO", "Interprovinciaal Overleg", "overig"),
]

THEMES = [
    ("gebiedsgericht werken", ["keuzes", "draagvlak", "samenwerking"]),
    ("monitoring en data", ["indicatoren", "bronnen", "gebruik"]),
    ("beleidsevaluatie", ["ex ante", "ex post", "leren"]),
    ("regionale verschillen", ["bereikbaarheid", "voorzieningen", "werk"]),
    ("participatie", ["inwoners", "ondernemers", "overheid"]),
]

SENTENCES = [
    "Brede welvaart vraagt om een gesprek over afwegingen die verder gaan dan geld.",
    "In de regio wordt al veel gemeten, maar de cijfers worden nog weinig gebruikt.",
    "Een dashboard helpt pas als duidelijk is welke vraag het beantwoordt.",
    "Bewoners willen vooral zien wat er met hun inbreng gebeurt.",
    "De provincie werkt met gebiedstafels waar ook ondernemers aanschuiven.",
    "Afruilen tussen wonen, natuur en landbouw zijn in kleine gebieden het scherpst.",
    "Niet elke opgave past op hetzelfde schaalniveau; soms is de regio te klein.",
    "De deelnemers zien kansen om de Monitor Brede Welvaart vaker te gebruiken.",
    "Er is behoefte aan voorbeelden waarin brede welvaart echt tot andere keuzes leidde.",
    "Gemeenten missen soms de capaciteit om zelf analyses te maken.",
    "Samenwerking tussen planbureaus en departementen kan de kennis bundelen.",
    "Het begrip brede welvaart wordt nog verschillend uitgelegd.",
    "Een gezamenlijke taal helpt om het gesprek tussen beleid en onderzoek te voeren.",
    "De toekomstige generaties verdienen een vaste plek in de afweging.",
    "Data over het welzijn van inwoners zijn op wijkniveau vaak niet beschikbaar.",
    "Keukentafelgesprekken geven een beeld dat in statistieken ontbreekt.",
    "Het risico bestaat dat brede welvaart een afvinklijst wordt.",
    "Een goede afbakening van het gebied begint bij de opgave, niet bij de kaart.",
    "Voor draagvlak is het belangrijk dat iedereen de uitkomsten kan navolgen.",
    "Het Rijk kan regio's ondersteunen met kennis en met ruimte in de budgetten.",
    "Een integrale aanpak kost in het begin tijd, maar voorkomt later dubbel werk.",
    "Ook ondernemers hebben belang bij een leefbare regio.",
    "Evaluaties zouden vaker moeten kijken naar effecten op de lange termijn.",
    "Het verschil tussen stad en platteland vraagt om maatwerk.",
    "Een jaarlijkse regionale analyse kan het gesprek in de gemeenteraad voeden.",
    "Deelnemers waarschuwen voor te veel indicatoren tegelijk.",
    "De vraag is wie de regie heeft als belangen botsen.",
    "Goede voorbeelden uit andere regio's inspireren, maar zijn niet zomaar over te nemen.",
]

STATEMENTS = [
    "Brede welvaart helpt als gespreksmodel om prioriteiten van verschillende partijen mee te wegen.",
    "Er zijn onvoldoende concrete instrumenten om brede welvaart in elke fase van de beleidscyclus mee te nemen.",
    "Hoe groter het gebied, hoe abstracter de afruilen in het gesprek over brede welvaart.",
    "Regio's moeten zelf kunnen bepalen welke indicatoren zij voor brede welvaart gebruiken.",
    "Zonder betrokkenheid van inwoners blijft brede welvaart een begrip van beleidsmakers.",
    "De monitor brede welvaart is geschikt om beleidskeuzes achteraf te evalueren.",
]

CONCLUSIONS = [
    "De deelnemers zien dat brede welvaart het gesprek verbreedt, mits iedereen er "
    "hetzelfde onder verstaat.",
    "Instrumenten ontbreken nog; voorbeelden uit de regio laten zien wat wel werkt.",
    "De opgave bepaalt het schaalniveau, niet de kaart; daar begint de afweging.",
    "Cijfers helpen pas als duidelijk is welke vraag ze beantwoorden en voor wie.",
]

PLACES = ["Den Haag", "Zwolle", "Middelburg", "Utrecht", "Groningen", "Emmen", "Arnhem"]


def write_content(
    folder: Path, sessions: int = 100, series: int = 4, conclusions: bool = False
) -> list[Path]:
    """Write a register and `sessions` session sources; return the session files."""
    folder.mkdir(parents=True, exist_ok=True)
    register = ["# Fictief register voor tests en metingen.", ""]
    for key, name, kind in ORGANISATIONS:
        register += [f"{key}:", f"  naam: {name}", f"  soort: {kind}", ""]
    (folder / "organisaties.yaml").write_text("\n".join(register), encoding="utf-8")
    written = []
    for index in range(sessions):
        number = index // series + 1
        theme, lines = THEMES[index % series % len(THEMES)]
        slug = f"reeks-{index % series + 1}-{theme.replace(' ', '-')}"
        series_folder = folder / slug
        if not series_folder.exists():
            series_folder.mkdir()
            (series_folder / "reeks.yaml").write_text(
                _series(theme, lines), encoding="utf-8"
            )
        random_ = random.Random(index)
        date = dt.date(2024, 1, 15) + dt.timedelta(days=21 * number + index % series)
        source = series_folder / f"{date.isoformat()}-sessie-{number}.md"
        text = _session(random_, number, date, lines, conclusions)
        source.write_text(text, encoding="utf-8")
        written.append(source)
    return written


def _series(theme: str, lines: list[str]) -> str:
    return (
        f"titel: Brede welvaart en {theme}\n"
        f"thema: {theme.capitalize()}\n"
        "netwerk: Nationaal Netwerk Brede Welvaart\n"
        "motto: Samen kennis creëren en inzichten delen\n"
        "organisator: HZ-KCZS\n"
        "inleiding: |\n"
        "  Binnen het Nationaal Netwerk Brede Welvaart bundelen regionale planbureaus\n"
        "  en Rijksdepartementen de krachten om samen te werken aan brede welvaart in\n"
        "  de (de)centrale beleidspraktijk. Dit is een fictieve reeks voor tests.\n"
        "centrale_vraag: Hoe kan brede welvaart helpen om de juiste keuzes te maken?\n"
        f"lijnen: [{', '.join(lines)}]\n"
    )


def _paragraph(random_: random.Random, count: int) -> str:
    return " ".join(random_.sample(SENTENCES, count))


def _session(
    random_: random.Random,
    number: int,
    date: dt.date,
    lines: list[str],
    conclusions: bool = False,
) -> str:
    keys = [key for key, _, _ in ORGANISATIONS]
    participants = random_.sample(keys, random_.randint(10, 15))
    speakers = random_.sample(keys[:16], 2)
    front = [
        "---",
        f"titel: Bijeenkomst {number} over brede welvaart",
        f"nummer: {number}",
        f"datum: {date.isoformat()}",
        f"locatie: {random_.choice(PLACES)}",
        f"gastheer: {random_.choice(participants)}",
        f"focus: {_paragraph(random_, 2)}",
        "sprekers:",
    ]
    for position, key in enumerate(speakers, start=1):
        front += [
            f"  - naam: Spreker {number}.{position}",
            "    functie: senior beleidsadviseur",
            f"    organisatie: {key}",
        ]
    front += ["deelnemers:", *(f"  - {key}" for key in participants), "---", ""]
    body = ["## Wat hebben we gedaan?", ""]
    for _ in range(3):
        body += [_paragraph(random_, 3), ""]
    body += [
        "### Enkele cijfers",
        "",
        "| Regio | Tevredenheid | Bereikbaarheid | Werkgelegenheid |",
        "|---|---|---|---|",
    ]
    for region in ("Noord", "Oost", "Zuid", "West"):
        values = " | ".join(
            f"{random_.uniform(5, 9):.1f}".replace(".", ",") for _ in range(3)
        )
        body.append(f"| {region} | {values} |")
    body += ["", "Na de presentatie zijn er plenair stellingen besproken.", ""]
    for index in range(1, random_.randint(3, 4) + 1):
        body += [
            f"## Stelling {index} ({lines[(index - 1) % len(lines)]})",
            "",
            f"**{random_.choice(STATEMENTS)}**",
            "",
        ]
        for point in range(random_.randint(6, 8)):
            body.append(f"- {_paragraph(random_, random_.randint(1, 2))}")
            if point % 3 == 1:
                body.append(f"  - {random_.choice(SENTENCES)}")
        body.append("")
        if conclusions:
            body += [f"Conclusie: {random_.choice(CONCLUSIONS)}", ""]
    return "\n".join(front + body)


def write_long_session(content: Path) -> Path:
    """One long session beside the others in `content` (written by `write_content`):
    five stellingen of nine points each with conclusions, 18 participants, a table."""
    series_folder = sorted(p for p in content.iterdir() if p.is_dir())[0]
    random_ = random.Random(4242)
    keys = [key for key, _, _ in ORGANISATIONS]
    front = [
        "---",
        "titel: Een lange bijeenkomst met veel stellingen",
        "nummer: 90",
        "datum: 2025-11-20",
        "locatie: Den Haag",
        "gastheer: PBL",
        f"focus: {_paragraph(random_, 3)}",
        "sprekers:",
        "  - naam: Spreker Een",
        "    functie: hoofd onderzoek",
        "    organisatie: PBL",
        "  - naam: Spreker Twee",
        "    functie: beleidsmedewerker",
        "    organisatie: BZK",
        "deelnemers:",
        *(f"  - {key}" for key in keys[:18]),
        "---",
        "",
    ]
    body = ["## Wat hebben we gedaan?", ""]
    for _ in range(3):
        body += [_paragraph(random_, 4), ""]
    body += [
        "| Regio | Tevredenheid | Bereikbaarheid | Werkgelegenheid |",
        "|---|---|---|---|",
        *(f"| {r} | 7,1 | 6,8 | 7,4 |" for r in ("Noord", "Oost", "Zuid", "West")),
        "",
    ]
    topics = ["keuzes", "draagvlak", "samenwerking", "schaal", "data"]
    for number, topic in enumerate(topics, start=1):
        body += [f"## Stelling {number} ({topic})", "", f"**{STATEMENTS[number]}**", ""]
        for point in range(9):
            body.append(f"- {_paragraph(random_, 2)}")
            if point % 4 == 2:
                body.append(f"  - {random_.choice(SENTENCES)}")
        body += ["", f"Conclusie: {_paragraph(random_, 2)}", ""]
    source = series_folder / "2025-11-20-lange-sessie.md"
    source.write_text("\n".join(front + body), encoding="utf-8")
    return source
