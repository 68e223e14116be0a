"""`./build.sh` in Python: the project's command line (see `copreport.cli`)."""

import gc
import os
import sys

if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
    from copreport.stop_signals import ignore_while_exiting, stop_on_signals

    try:
        # build.sh ignores Ctrl-C while Python starts; from here on it is reported,
        # and a stop signal (kill, a shutdown) the same way, once.
        stop_on_signals()
        from copreport.cli import main

        code = main()
    except KeyboardInterrupt:  # Ctrl-C before or after Snakemake ran
        from copreport.cli.progress import INTERRUPTED

        print(f"\n{INTERRUPTED}", file=sys.stderr)
        ignore_while_exiting()
        sys.exit(130)
    # Tearing down Snakemake's plan of a large build costs more than building one
    # edited session; frozen objects are left to the operating system.
    gc.freeze()
    ignore_while_exiting()
    sys.exit(code)
