#!/usr/bin/env bash
# Prepare a machine for the pipeline: system packages (when missing), a virtual
# environment in .venv with the pinned Python packages. Safe to run again: it only
# does what is not done yet. Usage: scripts/setup.sh [build|test]
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-build}"

# Done before, with these very requirements: nothing to check (keeps ./build.sh fast).
requirements=requirements.txt
[ "$mode" = test ] && requirements=requirements-dev.txt
ready=".venv/.klaar-$mode-$(cat "$0" requirements.txt "$requirements" | sha256sum | cut -c1-16)"
[ -f "$ready" ] && exit 0

# Fonts and font subsetting for the PDF; poppler, qpdf and LibreOffice to check
# the reports in the test suite.
packages=(fonts-crosextra-carlito libharfbuzz-subset0 fontconfig)
if [ "$mode" = test ]; then
  # chromium: the web version is tested in a real browser (Playwright drives it).
  packages+=(poppler-utils qpdf libreoffice-writer-nogui chromium)
fi

python=${PYTHON:-python3}
# Debian and Ubuntu ship Python's venv module separately.
if [ ! -x .venv/bin/python ] && ! "$python" -c 'import ensurepip' 2>/dev/null; then
  packages+=(python3-venv)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Systeempakketten installeren: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    sudo=()
  elif command -v sudo >/dev/null; then
    sudo=(sudo)
  else
    echo "FOUT: installeer eerst als beheerder: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "FOUT: Python 3.11 of nieuwer is nodig (gevonden: $("$python" --version 2>&1))" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv

stamp=".venv/.installed-$(cat requirements.txt "$requirements" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "Python-pakketten installeren ($requirements)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
  touch "$stamp"
fi
touch "$ready"
