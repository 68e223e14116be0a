"""`./build.sh` in Python: the project's command line (see `copreport.cli`)."""

import gc
import os
import signal
import sys

if __name__ == "__main__":
    try:
        # build.sh ignores Ctrl-C while Python starts; from here on it is reported,
        # and a stop signal (kill, a shutdown) is reported the same way, once.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
        from copreport.stop_signals import stop_on_signals

        stop_on_signals()
        from copreport.cli import main

        code = main()
    except KeyboardInterrupt:  # Ctrl-C before or after Snakemake ran
        for number in (signal.SIGINT, signal.SIGTERM):  # a second one is not a bug
            signal.signal(number, signal.SIG_IGN)
        from copreport.cli.progress import INTERRUPTED

        print(f"\n{INTERRUPTED}", file=sys.stderr)
        sys.exit(130)
    # Tearing down Snakemake's plan of a large build costs more than building one
    # edited session; frozen objects are left to the operating system.
    gc.freeze()
    sys.exit(code)
