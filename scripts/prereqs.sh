#!/usr/bin/env bash
# Makes sure libtorch (TorchSharp-cpu 0.107, libtorch 2.10) can load: it needs GLIBCXX_3.4.32 and glibc 2.38.
# Idempotent: does nothing when the running system already provides them.
# On Debian 12 it installs libstdc++6 from Debian 13 ("trixie"), using the mirror this machine's own apt
# sources already name. Elsewhere it stops with a message saying what to install.
set -euo pipefail

have_glibcxx() {
  local lib
  lib=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
  [ -n "$lib" ] || lib=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6/ {print $NF; exit}')
  [ -n "$lib" ] && grep -qa 'GLIBCXX_3\.4\.32' "$lib"
}

have_glibc() {
  local v
  v=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
  [ -n "$v" ] && [ "$(printf '%s\n2.38\n' "$v" | sort -V | head -n1)" = "2.38" ]
}

if have_glibcxx && have_glibc; then
  exit 0
fi

. /etc/os-release 2>/dev/null || true
if [ "${ID:-}" != "debian" ] || [ "${VERSION_ID:-}" != "12" ]; then
  cat >&2 <<MSG
prereqs: libtorch 2.10 (TorchSharp-cpu 0.107) needs libstdc++ with GLIBCXX_3.4.32 (GCC 13 or newer)
prereqs: and glibc 2.38 or newer; this system (${PRETTY_NAME:-unknown}) lacks them.
prereqs: Install a newer libstdc++6 / libc6 from your distribution (Ubuntu 24.04, Debian 13 and Fedora 39+ have them).
MSG
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "prereqs: need root (or sudo) to install libstdc++6 from Debian 13 with apt." >&2; exit 1
  fi
fi

# The first deb URI of the machine's own apt sources: the same mirror, suite trixie.
uri=""
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
  uri=$(awk '/^deb / && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list)
fi
if [ -z "$uri" ]; then
  echo "prereqs: cannot find a Debian mirror in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list." >&2
  exit 1
fi

echo "prereqs: installing libstdc++6 from Debian 13 (trixie) via $uri ..." >&2
$SUDO tee /etc/apt/sources.list.d/prunetask-trixie.sources >/dev/null <<SRC
Types: deb
URIs: $uri
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
# Keep trixie below bookworm for everything not asked for explicitly.
$SUDO tee /etc/apt/preferences.d/prunetask-trixie >/dev/null <<PIN
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -t trixie libstdc++6 >/dev/null

if have_glibcxx && have_glibc; then
  echo "prereqs: done." >&2
else
  echo "prereqs: libstdc++6 from trixie was installed but GLIBCXX_3.4.32 / glibc 2.38 are still missing." >&2
  exit 1
fi
