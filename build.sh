#!/usr/bin/env bash
# Set everything up (once) and build the reports: every content/<reeks>/<sessie>.md
# becomes out/<reeks>/<sessie>.pdf, .docx and .html. ./build.sh --help says more.
set -euo pipefail
export COPREPORT_CALLER_DIR="$PWD" # relative paths count from where the user is
cd "$(dirname "$0")"
scripts/setup.sh build
trap '' INT # Python takes Ctrl-C over as soon as it can say what it stopped
exec .venv/bin/python -I scripts/cli.py "$@"
