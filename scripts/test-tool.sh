#!/usr/bin/env bash
# Usage: scripts/test-tool.sh chromium|tmux
# Makes sure a program an end-to-end test looks through is on PATH: chromium (the report.html screenshot test) or
# tmux (the live progress test in a real terminal). Idempotent and quiet when it is there; on Debian/Ubuntu it
# installs the Debian package of that name with apt; elsewhere it stops with a message saying what to install.
set -euo pipefail

tool="${1:?usage: scripts/test-tool.sh chromium|tmux}"
case "$tool" in
  chromium) commands="chromium chromium-browser"; why="the report.html screenshot test" ;;
  tmux) commands="tmux"; why="the live progress test in a real terminal" ;;
  *) echo "test-tool.sh: unknown tool '$tool' (chromium or tmux)" >&2; exit 2 ;;
esac

for command in $commands; do
  command -v "$command" >/dev/null 2>&1 && exit 0
done

if ! command -v apt-get >/dev/null 2>&1; then
  echo "$tool: not on PATH and no apt-get; install $tool ($why needs it)." >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "$tool: need root (or sudo) to install $tool with apt." >&2; exit 1
  fi
fi

echo "$tool: installing Debian's $tool package (for $why) ..." >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y -q "$tool" >/dev/null 2>&1 || { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q "$tool" >/dev/null; }
command -v "$tool" >/dev/null 2>&1
