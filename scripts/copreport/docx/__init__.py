"""The session model as an editable Word file in the house style of `templates/stijl.docx`."""

from .writer import render_docx

__all__ = ["render_docx"]
