#!/usr/bin/env bash
# Whether `apt install ./Keyslot*.deb` on a fresh Debian 12 pulls in all the
# app needs: installs the package (scripts/package.sh builds it) into a new
# minimal Debian 12 (debootstrap --variant=minbase, in a chroot), then checks
# that every library both binaries link is found, a Secret Service and a
# D-Bus session bus came with it, and the CLI runs. Needs root and the
# Debian mirror; takes a few minutes and about 1 GB under $TMPDIR (or /tmp),
# removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
deb="$(realpath "${1:-$(ls target/release/bundle/deb/*.deb)}")"
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
root="$(mktemp -d)"
cleanup() {
  umount "$root/proc" 2>/dev/null || true
  rm -rf "$root"
}
trap cleanup EXIT
debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
mount -t proc proc "$root/proc"
cp "$deb" "$root/keyslot.deb"
before="$(chroot "$root" dpkg-query -W -f='${Package}\n' | wc -l)"
chroot "$root" apt-get install -y -qq ./keyslot.deb >/dev/null
after="$(chroot "$root" dpkg-query -W -f='${Package}\n' | wc -l)"
missing="$(chroot "$root" ldd /usr/bin/keyslot-app /usr/bin/keyslot | grep 'not found' || true)"
[ -z "$missing" ] || { echo "fresh-debian-check: libraries not found:"; echo "$missing"; exit 1; } >&2
chroot "$root" dpkg-query -W -f='${Status} ${Package}\n' gnome-keyring dbus-user-session 2>&1 | grep -q 'install ok installed gnome-keyring' ||
  { echo "fresh-debian-check: no Secret Service came with the package" >&2; exit 1; }
chroot "$root" keyslot --version
status=0
chroot "$root" env HOME=/root keyslot check >/dev/null 2>&1 || status=$?
[ "$status" -eq 20 ] || { echo "fresh-debian-check: keyslot check exited $status, not 20" >&2; exit 1; }
echo "fresh-debian-check: ok: $(basename "$deb") installed on a fresh Debian 12 with $((after - before)) packages it pulled in; every library found"
