#!/usr/bin/env bash
# Debian's chromium for the web page's browser test (Playwright drives it; its own browser download is not
# reachable from these machines). Installs only when missing; needs root or sudo.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium
