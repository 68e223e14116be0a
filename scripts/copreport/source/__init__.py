"""Reading and validating content files into the report model."""

from .session import load_session

__all__ = ["load_session"]
