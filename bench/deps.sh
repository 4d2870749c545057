#!/usr/bin/env bash
# bench/deps.sh: install what bench/run.sh needs on Debian 12: hugo (case g), a C compiler,
# and wrk and sqlite3 for the answers benchmark (bench/feedback.sh).
set -euo pipefail

pkgs=()
command -v hugo >/dev/null 2>&1 || pkgs+=(hugo)
command -v cc >/dev/null 2>&1 || pkgs+=(gcc libc6-dev)
command -v wrk >/dev/null 2>&1 || pkgs+=(wrk)
command -v sqlite3 >/dev/null 2>&1 || pkgs+=(sqlite3)

if [ "${#pkgs[@]}" -eq 0 ]; then
	echo "deps: nothing to install ($(hugo version 2>/dev/null | awk '{ print "hugo", $2 }'), $(cc --version | head -n 1))"
	exit 0
fi

SUDO=
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${pkgs[@]}"
echo "deps: installed ${pkgs[*]}; $(hugo version 2>/dev/null | awk '{ print "hugo", $2 }')"
