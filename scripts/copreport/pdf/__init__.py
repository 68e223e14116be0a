"""The session model as a tagged PDF/A-2a + PDF/UA-1 file, through WeasyPrint."""

from .compression import compress_quickly
from .libraries import import_weasyprint

import_weasyprint()  # before any module of this package imports it the slow way
compress_quickly()

from .writer import render_pdf  # noqa: E402

__all__ = ["render_pdf"]
