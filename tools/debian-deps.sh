#!/bin/sh
# Install the Debian packages jpstudy needs on a fresh Debian 12 machine (uses sudo unless root).
#   tools/debian-deps.sh          the app: Python venv support, Qt's system libraries, a Japanese font
#   tools/debian-deps.sh --test   the same plus a virtual X server for screenshots and libfaketime for
#                                 the clock sweep (tools/clock_sweep.py)
# Packages already present are left alone; a machine that has them all installs nothing.
set -eu
pkgs="python3-venv libgl1 libegl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 \
libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-noto-cjk"
[ "${1:-}" = "--test" ] && pkgs="$pkgs xvfb faketime"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then run=""; else run="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -qq
# shellcheck disable=SC2086
$run apt-get install -y -qq --no-install-recommends $missing
