#!/usr/bin/env bash
# Set everything up for testing (once) and run the whole test suite.
# Extra arguments go to pytest, e.g. ./test.sh -k docx
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh test
.venv/bin/python -m pytest "$@"
