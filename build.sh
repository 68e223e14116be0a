#!/usr/bin/env bash
# Set everything up (once) and build the reports: every content/<reeks>/<sessie>.md
# becomes out/<reeks>/<sessie>.pdf, .docx and .html. Extra arguments go to Snakemake,
# e.g. ./build.sh --config content=/pad/naar/content out=/pad/naar/verslagen
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh build

# A build that was killed (power cut, kill -9) leaves Snakemake's lock behind. When
# no other build of this checkout is running, that lock is stale: lift it.
if [ -n "$(ls -A .snakemake/locks 2>/dev/null)" ] &&
  ! pgrep -f "$PWD/.venv/bin/snakemake|^[^ ]*python[0-9.]* .venv/bin/snakemake" >/dev/null; then
  echo "Een eerder afgebroken bouw liet een slot achter; dat wordt opgeheven."
  .venv/bin/snakemake --unlock --quiet all "$@" >/dev/null
fi

if .venv/bin/snakemake --cores "${CORES:-2}" --rerun-incomplete --quiet host "$@"; then
  echo "Klaar: de verslagen staan in de uitvoermap (standaard out/)."
else
  echo >&2
  echo "Niet alle verslagen zijn gemaakt: zie de meldingen die met FOUT beginnen." >&2
  exit 1
fi
