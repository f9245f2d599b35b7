#!/bin/sh
# Install Debian's Hugo, the benchmark's speed anchor (bench/README.md). Does nothing when
# a hugo command is there already.
set -eu

command -v hugo >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "install-hugo: the benchmark compares with Hugo: run as root, or:" \
         "sudo apt-get install -y --no-install-recommends hugo" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends hugo
