#!/usr/bin/env bash
# Set everything up (once) and build the reports: every content/<reeks>/<sessie>.md
# becomes out/<reeks>/<sessie>.pdf, .docx and .html. ./build.sh --help says more.
set -euo pipefail
export COPREPORT_CALLER_DIR="$PWD" # relative paths count from where the user is
cd "$(dirname "$0")"
# Ctrl-C or a stop signal during the setup: the same message and exit code as later
# (scripts/copreport/cli/progress.py, INTERRUPTED), not a silent end.
trap 'echo "FOUT: de bouw is afgebroken (Ctrl-C of een stopsignaal). Wat al klaar was, blijft staan; start ./build.sh opnieuw voor de rest." >&2; exit 130' INT TERM
scripts/setup.sh build
trap '' INT # Python takes Ctrl-C over as soon as it can say what it stopped
trap - TERM
exec .venv/bin/python -I scripts/cli.py "$@"
