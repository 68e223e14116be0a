#!/usr/bin/env bash
# Set everything up (once) and build the reports: every content/<reeks>/<sessie>.md
# becomes out/<reeks>/<sessie>.pdf, .docx and .html. Extra arguments go to Snakemake,
# e.g. ./build.sh --config content=/pad/naar/content out=/pad/naar/verslagen
set -euo pipefail
export COPREPORT_CALLER_DIR="$PWD" # relative content= and out= count from here
cd "$(dirname "$0")"
scripts/setup.sh build

# A build that was killed (power cut, kill -9) leaves Snakemake's lock behind. When
# no other Snakemake runs in this folder, that lock is stale: lift it.
other_build_running() {
  local pid
  for pid in $(pgrep -f "bin/snakemake" || true); do
    [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$PWD" ] && return 0
  done
  return 1
}
if [ -n "$(ls -A .snakemake/locks 2>/dev/null)" ] && ! other_build_running; then
  echo "Een eerder afgebroken bouw liet een slot achter; dat wordt opgeheven."
  .venv/bin/snakemake --unlock --quiet all "$@" >/dev/null
fi

# --keep-going: one broken source must not keep the other reports out of date.
exec .venv/bin/snakemake --cores "${CORES:-2}" --keep-going --rerun-incomplete \
  --quiet host reason "$@"
