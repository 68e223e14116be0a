"""`./build.sh` in Python: the project's command line (see `copreport.cli`)."""

import gc
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from copreport.cli import main

if __name__ == "__main__":
    code = main()
    # Tearing down Snakemake's plan of a large build costs more than building one
    # edited session; frozen objects are left to the operating system.
    gc.freeze()
    sys.exit(code)
