"""The project's errors: every problem a user can cause, with a Dutch message.

A `SourceError` names the file and line it is about, so that the message reads
``content/x/sessie.md:7: onbekende organisatie 'EZ' ...`` and the user can go
straight to the spot. Nothing else should escape to the user.
"""

from __future__ import annotations

from pathlib import Path

Problem = tuple[str | None, int, str]
"""One problem as a user reads it: the file (or None), its line (0: none), the message."""


class ReportError(Exception):
    """Base of every error the pipeline reports to a user (in Dutch)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def problems(self) -> list[Problem]:
        """Every problem this error stands for."""
        return [(None, 0, self.message)]


class SourceError(ReportError):
    """A content file is wrong at a given line (1-based; 0 means the whole file)."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        super().__init__(message)
        self.path = Path(path)
        self.line = max(line, 0)

    def __str__(self) -> str:
        return format_problem((str(self.path), self.line, self.message))

    def problems(self) -> list[Problem]:
        return [(str(self.path), self.line, self.message)]


class SourceErrors(ReportError):
    """Several problems found in one pass, reported together, in file order."""

    def __init__(self, errors: list[SourceError]) -> None:
        self.errors = sorted(errors, key=lambda e: (str(e.path), e.line))
        super().__init__("\n".join(str(e) for e in self.errors))

    def problems(self) -> list[Problem]:
        return [problem for error in self.errors for problem in error.problems()]


class Problems:
    """Collects the problems of one file so that a user sees them all at once."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.errors: list[SourceError] = []

    def add(self, line: int, message: str) -> None:
        """Record a problem at a line of this file."""
        self.errors.append(SourceError(self.path, line, message))

    def extend(self, error: SourceError | SourceErrors) -> None:
        """Record problems raised by a helper."""
        if isinstance(error, SourceErrors):
            self.errors.extend(error.errors)
        else:
            self.errors.append(error)

    def raise_if_any(self) -> None:
        """Stop with every problem recorded so far."""
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise SourceErrors(self.errors)


class RenderError(ReportError):
    """A report could not be produced although its source was valid."""


def format_problem(problem: Problem) -> str:
    """``content/x/sessie.md:7: message``, as compilers and editors show a location."""
    path, line, message = problem
    if path is None:
        return message
    location = display_path(Path(path))
    if line:
        location = f"{location}:{line}"
    return f"{location}: {message}"


def display_path(path: Path) -> str:
    """The path as a user typed it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
