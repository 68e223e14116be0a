"""SVG logos, checked element by element and written anew as plain UTF-8.

An SVG is read with expat in whatever encoding it declares (UTF-8, UTF-16, ...),
so that a declaration or an entity cannot hide behind an encoding. Refused:
document type declarations and entities, processing instructions (such as
``<?xml-stylesheet?>``), scripts, event handlers, animation, ``xml:base``, any
reference outside the file, elements outside a list of drawing elements, and
sizes that would make drawing slow. What passes is serialised again from the
checked tree: the bytes that reach the report are exactly what was checked.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from xml.parsers import expat

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"

MAX_BYTES = 1_000_000
MAX_ELEMENTS = 5_000
MAX_TEXT = 5_000
"""Characters of text in a logo (text is slow to draw; a logo needs a few words)."""
MAX_PATH_DATA = 500_000
MAX_USES = 10
MAX_ASPECT = 20

DRAWING = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern",
    "marker", "switch",
}  # fmt: skip
_FORBIDDEN_ATTRIBUTE = re.compile(r"^on", re.IGNORECASE)
_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
_NUMBER = re.compile(r"[-+]?(?:[0-9]*\.)?[0-9]+(?:[eE][-+]?[0-9]+)?")


class SvgProblem(ValueError):
    """Why an SVG cannot be a logo, in Dutch (completing "logo 'x' ...")."""


def clean_svg(data: bytes) -> bytes:
    """The checked SVG as UTF-8 bytes, or `SvgProblem`."""
    if len(data) > MAX_BYTES:
        raise SvgProblem(
            f"is te groot ({len(data) // 1000} kB; een SVG-logo mag hoogstens "
            f"{MAX_BYTES // 1000} kB zijn)"
        )
    root = _parse(data)
    if root.tag != f"{{{SVG}}}svg":
        raise SvgProblem("is geen SVG-afbeelding")
    _drop_editor_data(root)
    _check(root)
    ElementTree.register_namespace("", SVG)
    ElementTree.register_namespace("xlink", XLINK)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _parse(data: bytes) -> ElementTree.Element:
    builder = ElementTree.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    counts = {"elements": 0, "text": 0}

    def refuse(reason: str):
        def handler(*_: object) -> None:
            raise SvgProblem(reason)

        return handler

    def start(name: str, attributes: dict[str, str]) -> None:
        counts["elements"] += 1
        if counts["elements"] > MAX_ELEMENTS:
            raise SvgProblem(
                f"is te ingewikkeld (meer dan {MAX_ELEMENTS} onderdelen); sla het op als PNG"
            )
        builder.start(_qualified(name), {_qualified(k): v for k, v in attributes.items()})

    def text(content: str) -> None:
        counts["text"] += len(content.strip())
        if counts["text"] > MAX_TEXT:
            raise SvgProblem(
                f"bevat te veel tekst (meer dan {MAX_TEXT} tekens); een logo heeft er "
                "een paar nodig"
            )
        builder.data(content)

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: builder.end(_qualified(name))
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = refuse(
        "bevat een DOCTYPE-definitie; sla het logo op zonder"
    )
    parser.EntityDeclHandler = refuse("bevat een ENTITY-definitie; sla het logo op zonder")
    parser.ProcessingInstructionHandler = refuse(
        "bevat een verwerkingsinstructie (<?...?>, zoals een stijlblad van elders); "
        "sla het logo op zonder"
    )
    parser.ExternalEntityRefHandler = refuse("verwijst naar een extern bestand")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise SvgProblem(
            f"is geen geldig SVG-bestand (fout in regel {error.lineno} van het bestand)"
        ) from None
    except (ValueError, LookupError) as error:
        if isinstance(error, SvgProblem):
            raise
        raise SvgProblem("is geen geldig SVG-bestand (onbekende tekstcodering)") from None
    return builder.close()


def _qualified(name: str) -> str:
    """expat's ``namespace}local`` as ElementTree's ``{namespace}local``."""
    return "{" + name if "}" in name else name


def _drop_editor_data(root: ElementTree.Element) -> None:
    """Remove what drawing programs add in their own namespaces (Inkscape, Illustrator).

    A renderer ignores it anyway; keeping it would only carry unchecked data along.
    """
    for element in list(root.iter()):
        for child in list(element):
            if _split(child.tag)[0] not in (SVG, ""):
                element.remove(child)
        for attribute in list(element.attrib):
            if _split(attribute)[0] not in ("", XLINK, XML):
                del element.attrib[attribute]


def _check(root: ElementTree.Element) -> None:
    uses = 0
    path_data = 0
    for element in root.iter():
        namespace, name = _split(element.tag)
        if namespace != SVG or name not in DRAWING:
            raise SvgProblem(
                f"bevat een <{name}>-element; een logo mag alleen tekenen "
                "(geen scripts, animatie, afbeeldingen of opmaak van elders)"
            )
        uses += name == "use"
        if uses > MAX_USES:
            raise SvgProblem("bevat te veel herhalingen (<use>); sla het logo op als PNG")
        for attribute, value in element.attrib.items():
            _check_attribute(attribute, value)
            if attribute in ("d", "points"):
                path_data += len(value)
        if path_data > MAX_PATH_DATA:
            raise SvgProblem(
                "is te ingewikkeld (te veel lijnen en punten); sla het op als PNG"
            )
        if name == "style":
            _check_style(element.text or "")
    _check_proportions(root)


def _check_attribute(attribute: str, value: str) -> None:
    namespace, name = _split(attribute)
    if _FORBIDDEN_ATTRIBUTE.match(name):
        raise SvgProblem(f"bevat code die bij een gebeurtenis wordt uitgevoerd ({name})")
    if namespace == XML and name == "base":
        raise SvgProblem("bevat xml:base; sla het logo op zonder")
    if name == "href" and not value.startswith("#"):
        raise SvgProblem(
            f"verwijst naar een ander bestand of webadres ({value[:60]}); sla het logo "
            "op als zelfstandig SVG- of PNG-bestand"
        )
    if name == "style":
        _check_style(value)
    for target in _URL.findall(value):
        if not target.startswith("#"):
            raise SvgProblem("verwijst in zijn opmaak naar een ander bestand of webadres")


def _check_style(css: str) -> None:
    if "@import" in css.lower() or "\\" in css or "expression(" in css.lower():
        raise SvgProblem("bevat opmaak (@import of \\-codes) die niet is toegestaan")
    for target in _URL.findall(css):
        if not target.startswith("#"):
            raise SvgProblem("verwijst in zijn opmaak naar een ander bestand of webadres")


def _check_proportions(root: ElementTree.Element) -> None:
    """A logo shaped like a thread (25000 by 1) is a mistake, and huge in Word."""
    numbers = [float(n) for n in _NUMBER.findall(root.get("viewBox", ""))]
    if len(numbers) == 4:
        width, height = numbers[2], numbers[3]
    else:
        width, height = _length(root.get("width")), _length(root.get("height"))
    proportion = max(width / height, height / width) if width and height else 0
    if width and height and width > 0 and height > 0 and proportion > MAX_ASPECT:
        raise SvgProblem(
            f"is te langgerekt ({width:g} bij {height:g}); een logo is hoogstens "
            f"{MAX_ASPECT} keer zo breed als hoog"
        )


def _length(value: str | None) -> float | None:
    match = _NUMBER.match(value or "")
    return float(match.group()) if match else None


def _split(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return namespace, local
    return "", name
