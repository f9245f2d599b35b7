#!/bin/sh
# Install the system packages the quality harness needs: Debian's Chromium (driven by
# Playwright) and a Java runtime (for the Nu checker). Does nothing when both are there.
# PLANSITE_CHROMIUM, if set, names the browser to use instead of /usr/bin/chromium.
set -eu

missing=""
[ -x "${PLANSITE_CHROMIUM:-/usr/bin/chromium}" ] || missing="$missing chromium fonts-liberation"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "install-system-deps: missing:$missing" >&2
    echo "install-system-deps: run as root, or: sudo # Only what is named: no recommended extras (they once pulled in 116 packages and a
# systemd upgrade). fonts-liberation is named because pages are measured with its metrics.
apt-get install -y --no-install-recommends $missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
# Only what is named: no recommended extras (they once pulled in 116 packages and a
# systemd upgrade). fonts-liberation is named because pages are measured with its metrics.
apt-get install -y --no-install-recommends $missing
