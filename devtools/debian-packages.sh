#!/usr/bin/env bash
# Install the Debian packages the project needs that this machine does not have yet, and
# nothing else. Run as root (CI does; on a workstation: sudo devtools/debian-packages.sh).
#
# Node.js is the one trap: a machine with NodeSource's nodejs has npm bundled in it, and
# Debian's `npm` package conflicts with that nodejs. So `nodejs` is asked for only when there
# is no `node`, and `npm` only when there is still no `npm` after that.
# `--check` lists what is missing and exits 1 if anything is, without installing.
set -euo pipefail

missing=()
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
ls /usr/share/tesseract-ocr/*/tessdata/nld.traineddata >/dev/null 2>&1 || missing+=(tesseract-ocr-nld)
command -v chromium >/dev/null || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)

if [[ "${1:-}" == "--check" ]]; then
  command -v npm >/dev/null || missing+=(npm)
  if ((${#missing[@]})); then echo "missing: ${missing[*]}"; exit 1; fi
  echo "all Debian packages present"; exit 0
fi

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ((${#missing[@]})); then
  echo "installing Debian packages: ${missing[*]}"
  apt_install "${missing[@]}"
fi
# Debian's own nodejs comes without npm; NodeSource's has it (and conflicts with Debian's npm).
if ! command -v npm >/dev/null; then
  echo "installing Debian package: npm"
  apt_install npm
fi
