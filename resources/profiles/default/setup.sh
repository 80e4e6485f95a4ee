#!/bin/bash
# Runs as root while the profile image is built. Idempotent: on berth-base:bookworm every package
# is already there and nothing is downloaded; on a plain debian:bookworm-slim it installs them.
set -euo pipefail

# tini is the entrypoint; the rest is what agents and terminals expect to find.
packages=(bash git curl ca-certificates procps python3 build-essential tini)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
  rm -rf /var/lib/apt/lists/*
fi

# The non-root user every session works as. uid 1000 matches the first user on most Linux hosts,
# so files copied out of the sandbox keep a familiar owner.
if ! id -u berth >/dev/null 2>&1; then
  if getent passwd 1000 >/dev/null; then
    useradd --create-home --home-dir /home/berth --shell /bin/bash --user-group berth
  else
    useradd --create-home --home-dir /home/berth --shell /bin/bash --user-group --uid 1000 berth
  fi
fi

# Repositories live under /workspace; a named volume is mounted there, and Docker copies this
# directory's owner onto the fresh volume.
mkdir -p /workspace
chown berth:berth /workspace

# A coloured prompt: berth@<session>:~/path$ (the hostname is the session name's slug). Sourced
# last from every bashrc so Debian's skeleton .bashrc cannot override it.
mkdir -p /etc/berth
cat >/etc/berth/bashrc <<'PROMPT'
if [ "$(id -u)" -eq 0 ]; then user_colour='1;31'; else user_colour='1;32'; fi
PS1="\[\e[${user_colour}m\]\u@\h\[\e[0m\]:\[\e[1;34m\]\w\[\e[0m\]\\$ "
unset user_colour
PROMPT
for rc in /etc/bash.bashrc /home/berth/.bashrc /root/.bashrc; do
  touch "$rc"
  grep -q '/etc/berth/bashrc' "$rc" || printf '\n[ -r /etc/berth/bashrc ] && . /etc/berth/bashrc\n' >>"$rc"
done
chown berth:berth /home/berth/.bashrc

# C.UTF-8 is built into glibc, so no locale needs generating.
echo 'LANG=C.UTF-8' >/etc/default/locale
