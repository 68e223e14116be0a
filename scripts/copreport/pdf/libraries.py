"""WeasyPrint loaded without the compiler search for library names that do not exist.

WeasyPrint tries several names for each system library it needs (the Windows,
macOS and Linux spellings, such as `libpango-1.0-0`, `pango-1.0` and
`libpango-1.0.so.0`). For every name the system's loader does not know, cffi asks
Python's `ctypes.util.find_library`, which runs ldconfig, then gcc, then ld: on a
machine with a compiler about 12 ms per name, and 17 such names cost 0.2 s, a fifth
of the fork server's warm-up and of every step that runs without the server.

While WeasyPrint loads, that search answers "not found" at once. WeasyPrint then
reaches the Linux file names (`libpango-1.0.so.0`), which the loader opens as it
always does, so the same library files are loaded. Where that finds nothing (an
unusual installation), WeasyPrint is loaded again with the full search.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import io
import sys


def import_weasyprint() -> None:
    """Import WeasyPrint, searching for its libraries the quick way first."""
    if "weasyprint" in sys.modules:
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = _not_searched
    try:
        # WeasyPrint prints advice to standard output before it gives up.
        with contextlib.redirect_stdout(io.StringIO()):
            importlib.import_module("weasyprint")
        return
    except OSError:
        _forget_weasyprint()
    finally:
        ctypes.util.find_library = original
    importlib.import_module("weasyprint")


def _not_searched(name: str) -> None:
    """`find_library` that leaves finding a library to the loader."""
    return None


def _forget_weasyprint() -> None:
    """Drop what the failed import left, so that the next import starts afresh."""
    for name in [
        n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")
    ]:
        del sys.modules[name]
