#!/usr/bin/env bash
# Installs what bench/run.sh needs beyond a C compiler (Debian 12): hugo for case g.
set -euo pipefail

if command -v hugo >/dev/null 2>&1; then
	echo "deps: hugo already installed: $(hugo version 2>/dev/null | head -n1)"
	exit 0
fi

SUDO=
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends hugo
echo "deps: $(hugo version 2>/dev/null | head -n1)"
