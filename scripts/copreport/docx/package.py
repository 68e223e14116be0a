"""The .docx package: properties from the outline, current Word compatibility, and a
byte-identical zip per source."""

from __future__ import annotations

import io
import zipfile

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from ..outline.nodes import Properties

WORD_URI = "http://schemas.microsoft.com/office/word"
COMPATIBILITY_MODE = "15"
"""Word 2013 and later: without it, Word opens the file in compatibility mode."""


def set_properties(document: Document, properties: Properties) -> None:
    """Every core property, so none of python-docx's defaults leaks through."""
    core = document.core_properties
    core.title = properties.title
    core.subject = properties.subject
    core.author = properties.author
    core.last_modified_by = properties.author
    core.keywords = ", ".join(properties.keywords)
    core.category = properties.category
    core.comments = ""
    core.content_status = ""
    core.identifier = properties.identifier
    core.language = "nl-NL"
    core.version = ""
    core.revision = 1
    core.created = properties.created
    core.modified = properties.created


def declare_current_word(document: Document) -> None:
    """Declare compatibility mode 15, also when an edited template lost it."""
    settings = document.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        compat = OxmlElement("w:compat")
        anchor = settings.find(qn("w:characterSpacingControl"))
        if anchor is not None:
            anchor.addnext(compat)
        else:
            settings.insert(0, compat)
    for setting in compat.findall(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), COMPATIBILITY_MODE)
            return
    setting = OxmlElement("w:compatSetting")
    setting.set(qn("w:name"), "compatibilityMode")
    setting.set(qn("w:uri"), WORD_URI)
    setting.set(qn("w:val"), COMPATIBILITY_MODE)
    compat.append(setting)


def reproducible(data: bytes, properties: Properties) -> bytes:
    """The same package with every zip entry dated on the session day."""
    stamp = properties.created.timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return output.getvalue()
