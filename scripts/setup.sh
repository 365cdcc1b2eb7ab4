#!/usr/bin/env bash
# Installs what newspage needs on a fresh Debian machine: fonts and the PDF
# tools (Debian packages), then the package itself with its test extras.
# Idempotent: a machine that has everything installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: the browser tests of `newspage serve` (driven by Playwright, /usr/bin/chromium)
# unicode-data: LineBreakTest.txt for tests/test_linebreak_uax14.py (UAX #14).
debs=(fonts-noto-cjk fonts-lxgw-wenkai fonts-arphic-ukai fonts-hanazono ghostscript poppler-utils qpdf chromium unicode-data)
missing=()
for p in "${debs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -m pip install -q --disable-pip-version-check -e '.[test]'
