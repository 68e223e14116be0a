"""The command line in Dutch: help, usage and every argument error.

argparse writes its own messages through gettext; they are translated here, so
that `--help` and a mistyped option read in Dutch like the rest of the pipeline.
Each command has its own parser; without a command, `./build.sh` builds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import re
import textwrap
from pathlib import Path

_DUTCH = {
    "usage: ": "gebruik: ",
    "options": "opties",
    "positional arguments": "argumenten",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "dit ontbreekt nog: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "bij %(argument_name)s: %(message)s",
    "expected one argument": "hier hoort één waarde achter",
    "expected at least one argument": "hier hoort minstens één waarde achter",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "onduidelijke optie %(option)s: bedoelt u een van %(matches)s?"
    ),
    "not allowed with argument %s": "niet samen met %s",
}


def _translate(message: str) -> str:
    return _DUTCH.get(message, message)


def _translate_plural(singular: str, plural: str, count: int) -> str:
    return _translate(singular if count == 1 else plural)


argparse._ = _translate  # argparse looks its messages up through this name
argparse.ngettext = _translate_plural

COMMANDS = {
    "bouw": "alle verslagen maken (dit gebeurt ook zonder opdracht)",
    "controleer": "Alle bronbestanden controleren, zonder verslagen te maken.",
    "nieuw": "een nieuwe bijeenkomst (of reeks) beginnen vanuit een sjabloon",
    "voorbeeld": "een sessie bekijken in de browser terwijl u schrijft",
    "verzend": "de verslagen naar de ontvangers op de verzendlijst sturen (eerst als proef)",
}

DESCRIPTION = """\
Verslagen van de Community of Practice-bijeenkomsten van het Nationaal Netwerk
Brede Welvaart: elk bestand content/<reeks>/<sessie>.md wordt een PDF, een
Word-bestand en een webpagina in out/<reeks>/."""

EPILOG = """\
opdrachten:
  (geen)                 alle verslagen maken die niet meer bij hun bron passen
  BESTAND.md ...         alleen de verslagen van deze sessies maken
  controleer             alle bronnen controleren, zonder verslagen te maken
  nieuw REEKS            een nieuwe bijeenkomst beginnen (./build.sh nieuw --help)
  voorbeeld BESTAND.md   het verslag in de browser, bijgewerkt bij elke opslag
  verzend [BESTAND.md]   tonen wat naar wie zou gaan; met --echt ook versturen

voorbeelden:
  ./build.sh
  ./build.sh content/gebiedsgericht-werken/2024-02-01-platteland-overijssel.md
  ./build.sh controleer
  ./build.sh nieuw gebiedsgericht-werken --datum 2024-05-14 --titel "Zeeland"
  ./build.sh voorbeeld content/gebiedsgericht-werken/2024-05-14-zeeland.md
  ./build.sh verzend content/gebiedsgericht-werken/2024-05-14-zeeland.md
  ./build.sh --content ~/cop/content --uitvoer ~/cop/verslagen"""


class DutchParser(argparse.ArgumentParser):
    """An argument parser with Dutch help (`-h`) and a suggestion for a typo."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(add_help=False, allow_abbrev=False, **kwargs)
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")


def _content_options(parser: argparse.ArgumentParser, output: bool = True) -> None:
    parser.add_argument(
        "--content", type=Path, metavar="MAP", help="de contentmap (standaard: content)"
    )
    if output:
        parser.add_argument(
            "--uitvoer",
            type=Path,
            metavar="MAP",
            help="waar de verslagen komen (standaard: out)",
        )
        parser.add_argument(
            "--config",
            nargs="+",
            default=[],
            metavar="NAAM=WAARDE",
            help="instellingen, bijvoorbeeld tijdslimiet=60 of geheugenlimiet=2000",
        )


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise argparse.ArgumentTypeError(
                f"'{value}' bestaat niet (controleer maand en dag)"
            ) from None
        raise argparse.ArgumentTypeError(
            f"'{value}' is geen datum als JJJJ-MM-DD, bijvoorbeeld 2024-05-14"
        ) from None


def _cores(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is geen aantal van 1 of meer")
    return int(value)


def _wrap(text: str) -> str:
    return textwrap.fill(text, 79)


def _parsers() -> dict[str, argparse.ArgumentParser]:
    build = DutchParser(prog="./build.sh", description=DESCRIPTION, epilog=EPILOG)
    build.add_argument(
        "bestanden",
        nargs="*",
        metavar="BESTAND",
        help="sessiebestanden (.md) of hun verslagen; zonder: alle sessies",
    )
    _content_options(build)
    build.add_argument(
        "--kernen",
        type=_cores,
        default=2,
        metavar="N",
        help="hoeveel stappen tegelijk mogen lopen (standaard: 2)",
    )
    check = DutchParser(prog="./build.sh controleer", description=COMMANDS["controleer"])
    _content_options(check)
    new = DutchParser(
        prog="./build.sh nieuw",
        description=_wrap(
            "Begin een nieuwe bijeenkomst: content/REEKS/<datum>-<titel>.md met het "
            "volgende nummer, de plaats en deelnemers van de vorige bijeenkomst en "
            "lege stellingen. Alles wat u nog moet schrijven, zegt VUL IN. Een bestaand "
            "bestand wordt nooit overschreven."
        ),
    )
    new.add_argument("reeks", metavar="REEKS", help="de map van de reeks in content/")
    new.add_argument(
        "--datum",
        type=_date,
        default=None,
        metavar="JJJJ-MM-DD",
        help="datum van de bijeenkomst (standaard: vandaag)",
    )
    new.add_argument("--titel", metavar="TEKST", help="titel van de bijeenkomst")
    new.add_argument(
        "--nieuwe-reeks",
        action="store_true",
        help="maak de reeks (met een reeks.yaml om in te vullen) als die nog niet bestaat",
    )
    _content_options(new, output=False)
    preview = DutchParser(
        prog="./build.sh voorbeeld",
        description=_wrap(
            "Toon het verslag van een sessie in de browser (op dit apparaat) en werk het "
            "bij zodra u de bron, het register, het reeksbestand of een sjabloon opslaat. "
            "Stoppen met Ctrl-C."
        ),
    )
    preview.add_argument("bestand", metavar="BESTAND", help="het sessiebestand (.md)")
    preview.add_argument(
        "--poort",
        type=int,
        default=0,
        metavar="N",
        help="de poort (standaard: een vrije poort, die wordt genoemd)",
    )
    _content_options(preview, output=False)
    send = DutchParser(
        prog="./build.sh verzend",
        description=_wrap(
            "Maak de verzendpakketten bij en toon per sessie wat naar wie zou gaan. Pas "
            "met --echt gaan de berichten via de mailserver uit de verzendlijst; wat al "
            "verstuurd is (zie out/verzendlog.jsonl), gaat nooit nog eens. Concepten "
            "worden nooit verstuurd."
        ),
    )
    send.add_argument(
        "bestanden",
        nargs="*",
        metavar="BESTAND",
        help="sessiebestanden (.md) of hun verslagen; zonder: alle vastgestelde sessies",
    )
    send.add_argument(
        "--echt", action="store_true", help="nu echt versturen (anders is het een proef)"
    )
    send.add_argument(
        "--correctie",
        action="store_true",
        help="een verslag dat na verzending is veranderd opnieuw sturen, als correctie",
    )
    send.add_argument(
        "--onderbroken",
        action="store_true",
        help="berichten waarvan een eerdere poging werd onderbroken toch versturen",
    )
    _content_options(send)
    send.set_defaults(kernen=2)
    return {
        "bouw": build,
        "controleer": check,
        "nieuw": new,
        "voorbeeld": preview,
        "verzend": send,
    }


def parse(argv: list[str]) -> argparse.Namespace:
    """The command and its options; exits with a Dutch message when they are wrong."""
    parsers = _parsers()
    command = "bouw"
    if argv and argv[0] in COMMANDS:
        command, argv = argv[0], argv[1:]
    elif (
        argv
        and not argv[0].startswith("-")
        and not argv[0].endswith((".md", ".pdf", ".docx", ".html"))
    ):
        near = difflib.get_close_matches(argv[0], list(COMMANDS), n=1, cutoff=0.6)
        if near:
            parsers["bouw"].error(
                f"onbekende opdracht '{argv[0]}' — bedoelt u '{near[0]}'?"
            )
    parser = parsers[command]
    arguments = parser.parse_args(argv)
    arguments.command = command
    arguments.given = list(argv)
    config = {}
    for item in getattr(arguments, "config", []):
        name, equals, value = item.partition("=")
        if not equals or not name:
            parser.error(f"instelling '{item}' moet de vorm NAAM=WAARDE hebben")
        config[name] = value
    arguments.config = config
    return arguments
