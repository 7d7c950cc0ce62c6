#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for HKD Register: system packages, a virtual environment,
# the project. Idempotent; `scripts/setup.sh dev` also installs test tools and Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"
venv="${VENV:-.venv}"

apt_pkgs=(tesseract-ocr tesseract-ocr-vie)
if [ "$mode" = dev ]; then
  # Chromium drives the browser tests; LibreOffice opens exported workbooks; fonts render samples
  # (fonts-dejavu-extra: the condensed cuts of the stranger set, samples/stranger/fonts.py).
  apt_pkgs+=(chromium fonts-dejavu-core fonts-dejavu-extra fonts-liberation fonts-liberation2 fonts-noto-core fonts-freefont-ttf libreoffice-calc-nogui)
fi

missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; else
    echo "HKD Register needs these system packages: ${missing[*]}" >&2
    echo "Install them, then run this command again:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ]; then
  "$python" -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
  "$python" -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip
fi
stamp="$venv/.installed-$mode"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  if [ "$mode" = dev ]; then "$venv/bin/pip" install -q -e ".[dev]"; else "$venv/bin/pip" install -q -e .; fi
  touch "$stamp"
fi

# The second reader's model and vocabulary, taken from the pinned asterocr wheel on PyPI (sha256
# checked; none of its code is installed). Into HKD_MODELS_DIR, default $venv/share/hkd-models.
"$venv/bin/python" -m ocr.second_reader.install
