"""What a step is asked to do and what it answers: one JSON line each way."""

from __future__ import annotations

import json
import socket
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import Problem, format_problem

MAX_MESSAGE_BYTES = 4_000_000
"""A request or result is a few kB; anything this large is not one of ours."""
AHEAD = ("head_start_overview",)
"""Steps the build command asks the fork server to do ahead of Snakemake's steps:
no job waits for their answer (see `client.ask_ahead`)."""


@dataclass(frozen=True)
class Limits:
    """The hard limits of one step: wall-clock seconds and memory in megabytes."""

    seconds: float = 120.0
    megabytes: int = 1500


@dataclass(frozen=True)
class Request:
    """One step of the workflow, with everything it needs (paths are strings)."""

    step: str
    inputs: dict[str, list[str]]
    outputs: list[str]
    log: str
    options: dict[str, Any] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)
    label: str = ""
    """What the user calls the work: ``reeks/sessie`` or a file name."""
    source: str | None = None
    """The content file the step is about, named by messages that have no line."""
    priority: int = 0
    """Waiting steps start highest first (the rule's Snakemake priority)."""

    def input(self, name: str) -> str:
        """The single file of a named input."""
        return self.inputs[name][0]

    def to_json(self) -> bytes:
        return json.dumps(asdict(self)).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Request:
        raw = json.loads(data)
        raw["limits"] = Limits(**raw["limits"])
        return cls(**raw)


@dataclass(frozen=True)
class Result:
    """How a step ended: its problems (file, line, Dutch message) or notes for the user."""

    ok: bool
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        return "\n".join(format_problem(problem) for problem in self.problems)

    def to_json(self) -> bytes:
        return json.dumps(asdict(self)).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Result:
        raw = json.loads(data)
        raw["problems"] = [tuple(problem) for problem in raw["problems"]]
        return cls(**raw)

    @classmethod
    def failure(cls, message: str, path: str | None = None) -> Result:
        """One problem, about `path` (a content file) or about the build as a whole."""
        return cls(ok=False, problems=[(path, 0, message)])


def send(connection: socket.socket, data: bytes) -> None:
    """Send one message (a JSON document without newlines) and its end of line."""
    connection.sendall(data + b"\n")


def receive(connection: socket.socket) -> bytes | None:
    """One message, or None when the other side closed before sending a whole one."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = connection.recv(65536)
        if not chunk:
            return None
        chunks.append(chunk)
        size += len(chunk)
        if chunk.endswith(b"\n"):
            return b"".join(chunks)[:-1]
        if size > MAX_MESSAGE_BYTES:
            return None
