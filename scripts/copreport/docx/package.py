"""The .docx package: properties from the session, and a byte-identical zip per source."""

from __future__ import annotations

import io
import zipfile

from docx.document import Document

from ..dutch import LABELS
from ..model import Session


def set_properties(document: Document, session: Session) -> None:
    """Every core property, so none of python-docx's defaults leaks through."""
    moment = session.timestamp
    properties = document.core_properties
    properties.title = session.document_title
    properties.subject = session.description
    properties.author = session.author
    properties.last_modified_by = session.author
    properties.keywords = ", ".join(session.keywords)
    properties.category = LABELS["category"]
    properties.comments = ""
    properties.content_status = ""
    properties.identifier = f"{session.series.slug}/{session.slug}"
    properties.language = "nl-NL"
    properties.version = ""
    properties.revision = 1
    properties.created = moment
    properties.modified = moment


def reproducible(data: bytes, session: Session) -> bytes:
    """The same package with every zip entry dated on the session day."""
    stamp = session.timestamp.timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return output.getvalue()
