"""`./build.sh` in Python: the project's command line (see `copreport.cli`)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from copreport.cli import main

if __name__ == "__main__":
    sys.exit(main())
