"""`./build.sh` in Python: the project's command line (see `copreport.cli`)."""

import gc
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

if __name__ == "__main__":
    try:
        from copreport.cli import main

        code = main()
    except KeyboardInterrupt:  # Ctrl-C before or after Snakemake ran
        from copreport.cli.progress import INTERRUPTED

        print(f"\n{INTERRUPTED}", file=sys.stderr)
        sys.exit(130)
    # Tearing down Snakemake's plan of a large build costs more than building one
    # edited session; frozen objects are left to the operating system.
    gc.freeze()
    sys.exit(code)
