"""The fields of the content files, declared once, in Dutch.

Each `FieldSpec` names a field as the author writes it, says whether it is
required, what kind of value it takes and what it means. The parser reads every
field through these declarations (so its messages name them), the README's field
tables are made from them (`tables`), and `label` is how the report names a
field it shows. A new field is one line here, one attribute in `model`, and its
place in `outline`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    """One field of a content file."""

    name: str
    """The key as the author writes it (Dutch)."""
    attribute: str
    """The model attribute that holds its value (English)."""
    kind: str
    """How the value is read; see `source.record.READERS`."""
    required: bool
    description: str
    """What the field means, for the README and for messages."""
    label: str | None = None
    """How the report names the field where it shows it."""
    show: str | None = None
    """Where the report shows the field by itself: ``colofon`` (a labelled line)."""


SESSION = (
    FieldSpec("titel", "title", "text", True, "titel van deze bijeenkomst"),
    FieldSpec(
        "nummer",
        "number",
        "number",
        True,
        "volgnummer binnen de reeks (1, 2, ...); in de openingszin als rangtelwoord: "
        '"de vierde"',
    ),
    FieldSpec(
        "datum", "date", "date", True, "datum als JJJJ-MM-DD, bijvoorbeeld `2024-02-01`"
    ),
    FieldSpec("locatie", "location", "text", True, "plaats van de bijeenkomst"),
    FieldSpec(
        "deelnemers",
        "participants",
        "organisations",
        True,
        "lijst van sleutels uit het register (minstens één)",
    ),
    FieldSpec(
        "status",
        "draft",
        "status",
        False,
        "`concept` zolang het verslag nog niet is vastgesteld (de verslagen krijgen dan "
        "CONCEPT op elke pagina en `-concept` in hun naam); weglaten of `definitief` "
        "voor het echte verslag",
        label="Status",
    ),
    FieldSpec(
        "opgemaakt",
        "edited",
        "date",
        False,
        "datum waarop het verslag is opgemaakt (JJJJ-MM-DD), niet vóór de bijeenkomst; "
        "staat in het colofon",
    ),
    FieldSpec("focus", "focus", "inline", False, "focus van de bijeenkomst (één alinea)"),
    FieldSpec(
        "gastheer",
        "host",
        "organisation",
        False,
        "sleutel van de ontvangende organisatie; komt tussen haakjes achter de plaats",
    ),
    FieldSpec(
        "sprekers",
        "speakers",
        "speakers",
        False,
        "lijst met per spreker `naam` (verplicht), `functie` en `organisatie` (een "
        "sleutel uit het register of vrije tekst)",
    ),
)

SPEAKER = (
    FieldSpec("naam", "name", "text", True, "naam van de spreker"),
    FieldSpec("functie", "role", "text", False, "functie"),
    FieldSpec(
        "organisatie",
        "organisation",
        "organisation_name",
        False,
        "sleutel uit het register of de volledige naam",
    ),
)

SERIES = (
    FieldSpec(
        "titel",
        "title",
        "text",
        True,
        "titel van de reeks; staat boven elk verslag en in de paginakop",
    ),
    FieldSpec(
        "netwerk", "network", "text", True, "naam van het netwerk", "Netwerk", "colofon"
    ),
    FieldSpec(
        "inleiding",
        "introduction",
        "blocks",
        True,
        "vaste tekst over netwerk en thema (Markdown, na `inleiding: |` ingesprongen)",
    ),
    FieldSpec(
        "centrale_vraag",
        "central_question",
        "inline",
        True,
        "de centrale vraag van de reeks",
    ),
    FieldSpec(
        "thema",
        "theme",
        "text",
        False,
        "korte naam van het thema voor de openingszin (standaard: `titel`)",
    ),
    FieldSpec("motto", "motto", "text", False, "ondertitel van het netwerk"),
    FieldSpec(
        "lijnen",
        "lines",
        "texts",
        False,
        'lijst van lijnen waarlangs de CoP zoekt ("Langs drie lijnen (...)")',
    ),
    FieldSpec(
        "organisator",
        "organiser",
        "organisation",
        False,
        "sleutel uit het register; wordt auteur van de bestanden, staat in het colofon "
        "en met zijn logo (als het register er een heeft) bovenaan het verslag",
        "Organisator",
        "colofon",
    ),
    FieldSpec(
        "netwerklogo",
        "network_logo",
        "image",
        False,
        "logo van het netwerk (PNG of SVG binnen de contentmap), bovenaan het verslag",
    ),
    FieldSpec(
        "e-mail",
        "email",
        "email",
        False,
        "e-mailadres voor vragen over de reeks; staat in het colofon",
        "Contact",
        "colofon",
    ),
    FieldSpec(
        "website",
        "website",
        "url",
        False,
        "webadres van de reeks of het netwerk (`https://...`); staat in het colofon",
        "Website",
        "colofon",
    ),
)

ORGANISATION = (
    FieldSpec(
        "naam", "name", "text", True, "volledige naam, zoals die in het verslag staat"
    ),
    FieldSpec(
        "soort",
        "kind",
        "organisation_kind",
        True,
        "`ministerie`, `planbureau`, `provincie`, `gemeente`, `kennisinstelling` of "
        "`overig`; de deelnemers worden daarop gegroepeerd",
    ),
    FieldSpec(
        "afkorting",
        "abbreviation",
        "text",
        False,
        'korte naam, gebruikt in de openingszin: "in Den Haag (PBL)"',
    ),
    FieldSpec(
        "logo",
        "logo",
        "image",
        False,
        "pad van een PNG- of SVG-bestand binnen de contentmap, bijvoorbeeld `logo/pbl.png`",
    ),
    FieldSpec(
        "eerdere_namen",
        "former_names",
        "former_names",
        False,
        "eerdere namen, oudste eerst, elk met `naam`, `tot` (de eerste dag dat de naam "
        "niet meer gold, JJJJ-MM-DD) en eventueel `afkorting`; een verslag gebruikt de "
        "naam die gold op de dag van de bijeenkomst",
    ),
    FieldSpec(
        "opgeheven",
        "ended",
        "date",
        False,
        "de eerste dag dat de organisatie niet meer bestond (JJJJ-MM-DD); een latere "
        "bijeenkomst kan haar niet meer als deelnemer noemen",
    ),
    FieldSpec(
        "opvolgers",
        "successors",
        "keys",
        False,
        "sleutels van de organisaties die haar taken overnamen (bij `opgeheven`)",
    ),
)

FORMER_NAME = (
    FieldSpec("naam", "name", "text", True, "de naam zoals die toen luidde"),
    FieldSpec("afkorting", "abbreviation", "text", False, "de afkorting van toen"),
    FieldSpec("tot", "until", "date", True, "de eerste dag dat de naam niet meer gold"),
)


def names(specs: tuple[FieldSpec, ...]) -> list[str]:
    return [spec.name for spec in specs]


def table(specs: tuple[FieldSpec, ...]) -> str:
    """The fields as a Markdown table for the README."""
    rows = ["| veld | verplicht | betekenis |", "|---|---|---|"]
    for spec in specs:
        required = "ja" if spec.required else "nee"
        description = spec.description.replace("|", "\\|")
        rows.append(f"| `{spec.name}` | {required} | {description} |")
    return "\n".join(rows)


RECIPIENT = (
    FieldSpec("naam", "name", "person", True, "naam van de ontvanger, voor de aanhef"),
    FieldSpec("email", "email", "email", True, "e-mailadres"),
    FieldSpec(
        "organisatie",
        "organisation",
        "register_key",
        True,
        "sleutel uit het register; een organisatie die op de dag van de bijeenkomst "
        "niet meer bestond, geeft een waarschuwing",
    ),
    FieldSpec(
        "reeksen",
        "series",
        "series_folders",
        False,
        "lijst van reeksmappen waarvan de ontvanger verslagen krijgt (weglaten: alle)",
    ),
)

SENDER = (
    FieldSpec("naam", "name", "person", True, "naam van de afzender (onder het bericht)"),
    FieldSpec("email", "email", "email", True, "e-mailadres van de afzender"),
)

SMTP = (
    FieldSpec(
        "server", "host", "plain", True, "de SMTP-server, bijvoorbeeld smtp.example.nl"
    ),
    FieldSpec("poort", "port", "port", False, "de poort (standaard 587)"),
    FieldSpec(
        "starttls",
        "starttls",
        "yes_no",
        False,
        "`ja` (standaard) om de verbinding te versleutelen met STARTTLS, anders `nee`",
    ),
    FieldSpec(
        "gebruiker",
        "user",
        "plain",
        False,
        "gebruikersnaam; het wachtwoord komt uit de omgevingsvariabele "
        "COPREPORT_SMTP_WACHTWOORD, nooit uit een bestand",
    ),
)

DISTRIBUTION = (
    FieldSpec(
        "afzender",
        "sender",
        "record:afzender",
        False,
        "wie de verslagen verstuurt: `naam` en `email`; zonder afzender is het "
        "`email` uit `reeks.yaml` de afzender",
    ),
    FieldSpec(
        "ontvangers",
        "recipients",
        "records:ontvanger",
        True,
        "lijst van ontvangers (zie hieronder)",
    ),
    FieldSpec(
        "smtp",
        "smtp",
        "record:smtp",
        False,
        "de mailserver om mee te versturen: `server`, `poort`, `starttls`, `gebruiker`",
    ),
)

NESTED = {"afzender": SENDER, "ontvanger": RECIPIENT, "smtp": SMTP}
"""Field lists of records inside a file (``record:afzender`` in a `FieldSpec.kind`)."""

TABLES = {
    "sessie": SESSION,
    "reeks": SERIES,
    "register": ORGANISATION,
    "verzendlijst": DISTRIBUTION,
    "ontvanger": RECIPIENT,
    "smtp": SMTP,
}
"""The README's field tables by the name of their marker (``<!-- velden:sessie -->``)."""
