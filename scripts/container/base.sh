#!/usr/bin/env bash
# Makes a Node.js 20 base image from Debian's own packages, for machines that reach Debian's
# mirror and the npm registry but no image registry (the Dockerfile's default base,
# node:20-bookworm-slim, comes from Docker Hub). Prints the image name on stdout.
#
#   scripts/container/base.sh            # then: podman build --build-arg BASE_IMAGE=<printed name> ...
#
# Debian 13 (trixie) is the first Debian whose `nodejs` is 20 (bookworm's is 18). The image is
# debootstrap's minbase with nodejs and ca-certificates, plus npm from the npm registry (Debian's
# npm package pulls in 367 more packages, 340 MB), without apt lists, docs, man pages or locales.
# The rootfs tarball is cached in $BCD_CACHE_DIR (default ~/.cache/bcd-api), keyed by the suite,
# the architecture and this script's recipe version, never by date: delete the file to refresh.
# Needs root, podman and debootstrap (scripts/container/test.sh installs them).
set -euo pipefail

suite="${BCD_DEBIAN_SUITE:-trixie}"
mirror="${BCD_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
npm_version="${BCD_NPM_VERSION:-10.8.2}" # the npm that Node.js 20.19 bundles
recipe=1                                 # bump when the steps below change what the image holds
cache_dir="${BCD_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/bcd-api}"
arch="$(dpkg --print-architecture)"
key="${suite}-${arch}-node20-npm${npm_version}-r${recipe}"
image="localhost/bcd-api-base:${key}"
tarball="$cache_dir/base-${key}.tar"
# runc and cgroupfs, no rlimits: the same settings as test.sh, unless the caller has its own.
export CONTAINERS_CONF="${CONTAINERS_CONF:-$(cd "$(dirname "$0")" && pwd)/containers.conf}"

log() { echo "base.sh: $*" >&2; }
die() {
  echo "base.sh: error: $*" >&2
  exit 1
}

[ "$(id -u)" -eq 0 ] || die "debootstrap and podman need root here."
mkdir -p "$cache_dir"
# One builder at a time per cache; a second run waits and then reuses its result.
exec 9>"$cache_dir/.base.lock"
flock 9

if podman image exists "$image"; then
  log "reusing the image $image"
  echo "$image"
  exit 0
fi

if [ ! -s "$tarball" ]; then
  command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)."
  log "no cached rootfs for $key: debootstrap $suite from $mirror (about a minute)"
  work="$(mktemp -d "$cache_dir/rootfs.XXXXXX")"
  root="$work/rootfs"
  cleanup() {
    # debootstrap mounts /proc and /sys inside the target and leaves them when it fails: unmount
    # before deleting, and never let rm cross into another filesystem.
    local mounts
    mounts="$(awk -v p="$work/" 'index($2, p) == 1 { print $2 }' /proc/mounts | sort -r)"
    [ -z "$mounts" ] || echo "$mounts" | xargs -r -n1 umount -l
    rm -rf --one-file-system "$work"
  }
  trap cleanup EXIT
  if ! debootstrap --variant=minbase --include=nodejs,ca-certificates "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1; then
    tail -n 20 "$work/debootstrap.log" >&2
    die "debootstrap failed (log above)."
  fi
  node_version="$(chroot "$root" node --version)"
  case "$node_version" in
    v20.*) log "Debian $suite has Node.js $node_version" ;;
    *) die "Debian $suite has Node.js $node_version, not 20: set BCD_DEBIAN_SUITE to a suite with nodejs 20." ;;
  esac

  # npm, pure JavaScript with its dependencies bundled, laid out as the official node images do.
  (cd "$work" && npm pack --silent "npm@${npm_version}" >/dev/null) || die "npm pack npm@${npm_version} failed."
  mkdir -p "$root/usr/local/lib/node_modules/npm" "$root/usr/local/bin"
  tar -xzf "$work/npm-${npm_version}.tgz" -C "$root/usr/local/lib/node_modules/npm" --strip-components=1 --no-same-owner
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  [ "$(chroot "$root" npm --version)" = "$npm_version" ] || die "npm does not run in the new rootfs."

  # Slim, as Debian's own -slim images: later apt installs skip docs too.
  cat >"$root/etc/dpkg/dpkg.cfg.d/bcd-api-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
EOF
  find "$root/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* \
    "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin "$root"/var/lib/apt/lists/* \
    "$root"/var/log/* "$root"/tmp/* "$root"/root/.npm
  # The container engine provides these at run time.
  : >"$root/etc/resolv.conf"
  : >"$root/etc/hostname"

  tar --numeric-owner --xattrs -C "$root" -cf "$work/base.tar" .
  mv "$work/base.tar" "$tarball"
  log "cached $tarball ($(du -h "$tarball" | cut -f1))"
  cleanup
  trap - EXIT
else
  log "using the cached rootfs $tarball"
fi

podman import --quiet \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["node"]' \
  --message "debootstrap --variant=minbase $suite + nodejs, ca-certificates, npm@${npm_version}" \
  "$tarball" "$image" >/dev/null
log "imported $image"
echo "$image"
