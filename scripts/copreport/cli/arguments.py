"""The command line in Dutch: help, usage and every argument error.

argparse writes its own messages through gettext; they are translated here, so
that `--help` and a mistyped option read in Dutch like the rest of the pipeline.
"""

from __future__ import annotations

import argparse
from pathlib import Path

_DUTCH = {
    "usage: ": "gebruik: ",
    "options": "opties",
    "positional arguments": "argumenten",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
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
    "controleer": "alle bronbestanden controleren, zonder verslagen te maken",
}

DESCRIPTION = """\
Verslagen van de Community of Practice-bijeenkomsten van het Nationaal Netwerk
Brede Welvaart: elk bestand content/<reeks>/<sessie>.md wordt een PDF, een
Word-bestand en een webpagina in out/<reeks>/."""

EPILOG = """\
opdrachten:
  (geen)                 alle verslagen maken die nog niet bij hun bron passen
  BESTAND.md ...         alleen de verslagen van deze sessies maken
  controleer             alle bronnen controleren, zonder verslagen te maken

voorbeelden:
  ./build.sh
  ./build.sh content/gebiedsgericht-werken/2024-02-01-platteland-overijssel.md
  ./build.sh controleer
  ./build.sh --content ~/cop/content --uitvoer ~/cop/verslagen"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="./build.sh",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    parser.add_argument(
        "bestanden",
        nargs="*",
        metavar="BESTAND",
        help="sessiebestanden (.md) of hun verslagen; zonder: alle sessies",
    )
    parser.add_argument(
        "--content", type=Path, metavar="MAP", help="de contentmap (standaard: content)"
    )
    parser.add_argument(
        "--uitvoer",
        type=Path,
        metavar="MAP",
        help="waar de verslagen komen (standaard: out)",
    )
    parser.add_argument(
        "--kernen",
        type=int,
        default=2,
        metavar="N",
        help="hoeveel stappen tegelijk mogen lopen (standaard: 2)",
    )
    parser.add_argument(
        "--config",
        nargs="+",
        default=[],
        metavar="NAAM=WAARDE",
        help="instellingen, bijvoorbeeld tijdslimiet=60 of geheugenlimiet=2000",
    )
    return parser


def parse(argv: list[str]) -> argparse.Namespace:
    """The command and its options; exits with a Dutch message when they are wrong."""
    parser = _parser()
    command = "bouw"
    if argv and argv[0] in COMMANDS:
        command, argv = argv[0], argv[1:]
    arguments = parser.parse_args(argv)
    arguments.command = command
    if command == "controleer" and arguments.bestanden:
        parser.error("'controleer' controleert altijd alle bronnen; laat de bestanden weg")
    config = {}
    for item in arguments.config:
        name, equals, value = item.partition("=")
        if not equals or not name:
            parser.error(f"instelling '{item}' moet de vorm NAAM=WAARDE hebben")
        config[name] = value
    arguments.config = config
    return arguments
