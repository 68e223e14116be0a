"""Shared fixtures: the example reports are built once per test run."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import EXAMPLE_SERIES, EXAMPLE_SESSION, copy_content, snakemake


@dataclass(frozen=True)
class Build:
    """A workflow run on a copy of the example content."""

    content: Path
    out: Path

    def report(
        self, kind: str, series: str = EXAMPLE_SERIES, session: str = EXAMPLE_SESSION
    ) -> Path:
        return self.out / series / f"{session}.{kind}"


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The example content built by the real workflow into a temporary folder."""
    root = tmp_path_factory.mktemp("example")
    build = Build(copy_content(root / "content"), root / "out")
    result = snakemake(build.content, build.out)
    assert result.returncode == 0, result.stderr
    return build


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private, editable copy of the example content folder."""
    return copy_content(tmp_path / "content")


@pytest.fixture
def canary():
    """A loopback web server; a test asserts that nothing ever asked it anything."""
    from helpers import Canary

    server = Canary()
    yield server
    server.close()
