#!/usr/bin/env bash
# Builds the sandbox base image from Debian's packages, for machines that cannot pull images
# (air-gapped hosts, the build machines). The default profile (resources/profiles/default) then
# builds on top of it. Needs root, debootstrap and a running Docker engine.
#
#   scripts/build-base-image.sh            # builds berth-base:bookworm if it is missing
#   scripts/build-base-image.sh --force    # rebuilds it
#   BERTH_BASE_IMAGE=name:tag MIRROR=http://… scripts/build-base-image.sh
set -euo pipefail

image="${BERTH_BASE_IMAGE:-berth-base:bookworm}"
suite="${SUITE:-bookworm}"
mirror="${MIRROR:-http://deb.debian.org/debian}"
# What every sandbox needs; the profile adds the non-root user and its own setup on top.
packages="bash,git,curl,ca-certificates,procps,python3,build-essential,less,nano,locales,tini"

if [ "${1:-}" != "--force" ] && docker image inspect "$image" >/dev/null 2>&1; then
  echo "base image $image already present"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "no Docker engine answers: start dockerd first" >&2; exit 1; }

root="$(mktemp -d /tmp/berth-base.XXXXXX)"
trap 'rm -rf "$root"' EXIT
echo "debootstrap $suite into $root (about a minute)…"
debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" >"$root.log" 2>&1 || {
  tail -n 30 "$root.log" >&2
  echo "debootstrap failed; full log in $root.log" >&2
  exit 1
}
rm -f "$root.log"
# Keep the image small: no apt lists or package cache.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb
echo "importing as $image…"
tar -C "$root" -c . | docker import \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["/bin/bash"]' \
  - "$image" >/dev/null
echo "base image $image built"
