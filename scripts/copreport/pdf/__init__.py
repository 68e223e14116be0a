"""The session model as a tagged PDF/A-2a + PDF/UA-1 file, through WeasyPrint."""

from .writer import render_pdf

__all__ = ["render_pdf"]
