"""The project's own command: everything a user does, in Dutch, with Snakemake underneath.

`./build.sh` runs `main`. Snakemake runs in this process (its API), its own lines
go to a log file, and the user reads one Dutch line per report and a summary.
"""

from __future__ import annotations

import sys

BUILDING = ("bouw", "controleer", "verzend")
"""The commands that run Snakemake, and so the steps in the fork server."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line `argv` (default: the process's) and return the exit code."""
    from .arguments import parse

    arguments = parse(sys.argv[1:] if argv is None else argv)
    if arguments.command not in BUILDING:
        from .commands import run

        return run(arguments)
    from ..runner import client

    # The server warms up (about a second) while this process reads the content and
    # Snakemake plans the build; it is stopped when nothing needs building.
    client.enable_server(workers=getattr(arguments, "kernen", 2))
    client.start_server()
    try:
        from .commands import run

        return run(arguments)
    finally:
        client.stop_server()
