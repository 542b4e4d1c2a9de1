#!/usr/bin/env bash
# Makes sure tmux is on PATH for the test that runs dotnet-prune in a real terminal and reads the screen.
# Idempotent and quiet when tmux is already there; on Debian/Ubuntu it installs tmux with apt.
# Elsewhere it stops with a message saying what to install.
set -euo pipefail

if command -v tmux >/dev/null 2>&1; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "tmux: no tmux on PATH and no apt-get; install tmux (the live progress test needs a terminal)." >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "tmux: need root (or sudo) to install tmux with apt." >&2; exit 1
  fi
fi

echo "tmux: installing tmux (for the live progress test) ..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q tmux >/dev/null 2>&1 || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q tmux >/dev/null; }
command -v tmux >/dev/null 2>&1
