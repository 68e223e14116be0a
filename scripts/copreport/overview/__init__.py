"""What a series has yielded (the overview per series) and what the output holds (the index)."""

from .build import build_overview

__all__ = ["build_overview"]
