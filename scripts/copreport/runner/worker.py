"""A step in a process of its own: the request on standard input, the result on standard output.

Used where no fork server runs (a cluster job, or a build with the server off).
Stray prints of a library go to standard error, so the result line stays clean.
"""

from __future__ import annotations

import os
import sys

from .perform import perform
from .protocol import Request


def main() -> None:
    request = Request.from_json(sys.stdin.buffer.read())
    result_channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    result = perform(request, "own")
    result_channel.write(result.to_json() + b"\n")
    result_channel.close()
    os._exit(0 if result.ok else 1)


if __name__ == "__main__":
    main()
