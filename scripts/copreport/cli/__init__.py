"""The project's own command: everything a user does, in Dutch, with Snakemake underneath.

`./build.sh` runs `main`. Snakemake runs in this process (its API), its own lines
go to a log file, and the user reads one Dutch line per report and a summary.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line `argv` (default: the process's) and return the exit code."""
    from .arguments import parse
    from .commands import run

    arguments = parse(sys.argv[1:] if argv is None else argv)
    return run(arguments)
