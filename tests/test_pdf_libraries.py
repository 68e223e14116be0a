"""WeasyPrint is loaded without the slow library search, and loads the same libraries."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from helpers import ROOT

LOADED_LIBRARIES = """
import ctypes.util, sys
sys.path.insert(0, {scripts!r})
original = ctypes.util.find_library
{load}
import copreport.pdf
assert ctypes.util.find_library is original, "find_library was not put back"
print("\\n".join(sorted({{line.split()[-1] for line in open("/proc/self/maps") if ".so" in line}})))
"""


def loaded_libraries(load: str) -> list[str]:
    code = LOADED_LIBRARIES.format(scripts=str(ROOT / "scripts"), load=load)
    done = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_the_quick_lookup_loads_the_same_library_files_as_the_full_search():
    quick = loaded_libraries("")
    full = loaded_libraries("import weasyprint")
    assert any("libpango-1.0" in path for path in quick)
    assert any("libharfbuzz" in path for path in quick)
    assert quick == full


def test_where_only_the_full_search_finds_the_libraries_weasyprint_still_loads(
    tmp_path: Path,
):
    # A stand-in for WeasyPrint on a system whose libraries only find_library knows.
    package = tmp_path / "weasyprint"
    package.mkdir()
    (package / "__init__.py").write_text(
        textwrap.dedent(
            """
            import ctypes.util
            if ctypes.util.find_library("c") is None:
                print("WeasyPrint could not import some external libraries.")
                raise OSError("cannot load library 'pango-1.0'")
            LOADED = True
            """
        ),
        encoding="utf-8",
    )
    # Only the module under test: the rest of copreport.pdf needs the real WeasyPrint.
    module = ROOT / "scripts" / "copreport" / "pdf" / "libraries.py"
    code = f"""
import ctypes.util, importlib.util, sys
sys.path.insert(0, {str(tmp_path)!r})
original = ctypes.util.find_library
spec = importlib.util.spec_from_file_location("libraries", {str(module)!r})
libraries = importlib.util.module_from_spec(spec)
spec.loader.exec_module(libraries)
libraries.import_weasyprint()
assert sys.modules["weasyprint"].LOADED
assert ctypes.util.find_library is original
print("geladen")
"""
    done = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["geladen"]  # the first attempt's advice is not shown
