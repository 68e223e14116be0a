"""The session model as one HTML document (source of the PDF and the web page)."""

from .document import render_html

__all__ = ["render_html"]
