"""Whatever a source holds, the parser returns a model or the project's own error."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from copreport.errors import SourceError, SourceErrors
from copreport.model import Session
from copreport.source import load_session
from helpers import EXAMPLE_SERIES, copy_content
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

FIELDS = [
    "titel",
    "nummer",
    "datum",
    "locatie",
    "deelnemers",
    "focus",
    "gastheer",
    "sprekers",
]
MARKDOWN_PIECES = [
    "## Stelling 1",
    "## Stelling 2 (x)",
    "## Stelling",
    "## ",
    "# ",
    "### Kop",
    "- ",
    "1. ",
    "    ",
    "> ",
    "**",
    "*",
    "`",
    "[a](https://x.nl)",
    "[a](javascript:x)",
    "![b](c.png)",
    "<script>",
    "&#106;",
    "|a|b|\n|-|-|\n|c|d|",
    "\n",
    "\n\n",
    "'",
    '"',
    "---",
]

scalars = st.one_of(
    st.text(max_size=30),
    st.integers(-5, 3000),
    st.booleans(),
    st.dates(),
    st.none(),
    st.sampled_from(["EZK", "PBL", "EZ", "2024-02-30", "10:30", "no", "0123", "a #b"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)
front_matters = st.one_of(
    st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), values, max_size=9).map(
        lambda fields: yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    ),
    st.text(max_size=200),
)
bodies = st.lists(st.sampled_from(MARKDOWN_PIECES) | st.text(max_size=40), max_size=40).map(
    "".join
)
files = st.one_of(
    st.tuples(front_matters, bodies).map(
        lambda parts: f"---\n{parts[0]}---\n{parts[1]}".encode()
    ),
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda text: text.encode("utf-8")),
)


@pytest.fixture(scope="module")
def series_folder(tmp_path_factory) -> Path:
    return copy_content(tmp_path_factory.mktemp("property") / "content") / EXAMPLE_SERIES


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=files)
@example(data=b"\r\r\x00")  # a control character on the third line of an old Mac file
def test_parser_returns_a_model_or_a_located_project_error(series_folder, data):
    source = series_folder / "willekeurig.md"
    source.write_bytes(data)
    try:
        session = load_session(source)
    except (SourceError, SourceErrors) as error:
        errors = error.errors if isinstance(error, SourceErrors) else [error]
        # Lines as an editor shows them: a lone CR (old Mac files) ends a line too.
        line_count = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        for problem in errors:
            assert problem.path == source
            assert 0 <= problem.line <= line_count + 1
            assert problem.message.strip()
    else:
        assert isinstance(session, Session)
        assert session.participants
