#!/usr/bin/env bash
# Set everything up (once) and build the reports: every content/<reeks>/<sessie>.md
# becomes out/<reeks>/<sessie>.pdf and .docx. Extra arguments go to Snakemake,
# e.g. ./build.sh --config content=/pad/naar/content out=/pad/naar/verslagen
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh build
if .venv/bin/snakemake --cores "${CORES:-2}" --quiet host "$@"; then
  echo "Klaar: de verslagen staan in de uitvoermap (standaard out/)."
else
  echo >&2
  echo "Niet alle verslagen zijn gemaakt: zie de meldingen die met FOUT beginnen." >&2
  exit 1
fi
