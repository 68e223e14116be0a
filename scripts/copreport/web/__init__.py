"""The session model as one self-contained, accessible web page."""

from .page import render_web

__all__ = ["render_web"]
