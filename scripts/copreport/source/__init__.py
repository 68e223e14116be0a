"""Reading and validating content files into the report model."""

from .session import load_session, model_json

__all__ = ["load_session", "model_json"]
