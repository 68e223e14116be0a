"""The report's outline: the one description of a report that every renderer lays out."""

from .build import anchor, build_outline, properties
from .nodes import Outline

__all__ = ["Outline", "anchor", "build_outline", "properties"]
