#!/bin/sh
# Install the system packages the quality harness needs: Debian's Chromium (driven by
# Playwright) and a Java runtime (for the Nu checker). Does nothing when both are there.
# PLANSITE_CHROMIUM, if set, names the browser to use instead of /usr/bin/chromium.
set -eu

missing=""
[ -x "${PLANSITE_CHROMIUM:-/usr/bin/chromium}" ] || missing="$missing chromium"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "install-system-deps: missing:$missing" >&2
    echo "install-system-deps: run as root, or: sudo apt-get install -y chromium default-jre-headless" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y chromium default-jre-headless
