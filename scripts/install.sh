#!/usr/bin/env bash
# Prepares a Debian/Ubuntu machine to run and test Berth, idempotently:
#   Debian packages (Docker engine, Chromium for browser-mode tests, debootstrap, git, tmux,
#   OpenSSH and openssl for the remote-engine tests),
#   a running Docker engine, the sandbox base image (built from Debian's packages, no registry
#   needed), and the npm dependencies (Node 24 comes with them, from the npm package `node`).
# Runs as root, or through sudo for the system steps.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install.sh: run as root or install sudo" >&2; exit 1; }
  sudo_cmd="sudo"
fi

packages="docker.io chromium debootstrap git tmux ca-certificates procps python3 make g++ fonts-dejavu-core openssh-server openssh-client openssl"
missing=""
for p in $packages; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "── installing Debian packages:$missing"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq $missing >/dev/null
fi

if ! $sudo_cmd docker info >/dev/null 2>&1; then
  echo "── starting dockerd"
  if command -v systemctl >/dev/null && systemctl is-system-running >/dev/null 2>&1; then
    $sudo_cmd systemctl start docker
  else
    $sudo_cmd sh -c 'nohup dockerd >/var/log/berth-dockerd.log 2>&1 &'
  fi
  for _ in $(seq 1 60); do
    $sudo_cmd docker info >/dev/null 2>&1 && break
    sleep 1
  done
  $sudo_cmd docker info >/dev/null 2>&1 || { echo "dockerd did not start; see /var/log/berth-dockerd.log" >&2; exit 1; }
fi

echo "── sandbox base image"
$sudo_cmd bash scripts/build-base-image.sh

echo "── npm dependencies"
# node-gyp builds the native modules (node-pty) against Node's headers and downloads them when
# none are given; machines that reach only the npm registry fail there. Use the system's headers
# (N-API modules load in any newer Node) unless the user configured a nodedir already.
if [ -z "${npm_config_nodedir:-}" ] && [ -z "$(npm config get nodedir 2>/dev/null | grep -v '^undefined$')" ] \
  && [ -f /usr/include/node/common.gypi ]; then
  export npm_config_nodedir=/usr
fi
npm ci --no-audit --no-fund
