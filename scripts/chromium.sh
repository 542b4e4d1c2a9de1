#!/usr/bin/env bash
# Makes sure a headless Chromium is on PATH for the test that screenshots report.html.
# Idempotent and quiet when `chromium` (or `chromium-browser`) is already there; on Debian/Ubuntu it installs
# Debian's `chromium` package with apt. Elsewhere it stops with a message saying what to install.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium: no chromium on PATH and no apt-get; install Chromium (the report.html screenshot test needs it)." >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "chromium: need root (or sudo) to install chromium with apt." >&2; exit 1
  fi
fi

echo "chromium: installing Debian's chromium package (for the report.html screenshot test) ..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q chromium >/dev/null 2>&1 || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q chromium >/dev/null; }
command -v chromium >/dev/null 2>&1
