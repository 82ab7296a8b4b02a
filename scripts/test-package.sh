#!/usr/bin/env bash
# The installed package, tested as a user gets it: builds the .deb
# (scripts/package.sh), installs it with apt, checks the desktop entry, the
# CLI on the PATH and the keyslot:// registration, drives the installed app
# through one journey under Xvfb (tests/e2e/installed.rs), then removes the
# package and checks nothing of it is left in /usr and the user's data is kept.
#
# Installs into this machine's /usr: run it as root or with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"

fail() {
  echo "test-package: $*" >&2
  exit 1
}

bash scripts/package.sh
release="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release"
deb="$(ls "$release"/bundle/deb/*.deb)"
rpm="$(ls "$release"/bundle/rpm/*.rpm)"
version="$(python3 -c 'import json; print(json.load(open("src-tauri/tauri.conf.json"))["version"])')"

echo "== the .rpm holds both binaries and the desktop entry"
rpm_files="$(rpm -qpl "$rpm")"
for f in /usr/bin/keyslot /usr/bin/keyslot-app /usr/share/applications/Keyslot.desktop; do
  grep -qx "$f" <<<"$rpm_files" || fail "$f missing from $rpm"
done

echo "== the .deb has no maintainer scripts (nothing runs on install or remove)"
scripts="$(dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep -E 'preinst|postinst|prerm|postrm' || true)"
[ -z "$scripts" ] || fail "maintainer scripts in the package: $scripts"

echo "== apt install $deb"
$sudo_cmd apt-get remove -y -qq keyslot >/dev/null 2>&1 || true
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$deb"
files="$(dpkg -L keyslot)"
trap 'DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get remove -y -qq keyslot >/dev/null 2>&1 || true' EXIT

echo "== desktop entry"
entry=/usr/share/applications/Keyslot.desktop
desktop-file-validate "$entry"
grep -qx 'MimeType=x-scheme-handler/keyslot;' "$entry" || fail "the entry does not register keyslot://"
grep -q '^x-scheme-handler/keyslot=.*Keyslot.desktop' /usr/share/applications/mimeinfo.cache ||
  fail "keyslot:// is not in the desktop's MIME cache"
for size in 16 22 24 32 36 48 64 72 96 128 192 256 512; do
  [ -f "/usr/share/icons/hicolor/${size}x${size}/apps/keyslot-app.png" ] || fail "no ${size}x${size} icon"
done
[ -f /usr/share/icons/hicolor/scalable/apps/keyslot-app.svg ] || fail "no scalable icon"

echo "== the CLI on the PATH"
[ "$(command -v keyslot)" = /usr/bin/keyslot ] || fail "keyslot is not /usr/bin/keyslot"
[ "$(keyslot --version)" = "keyslot $version" ] || fail "keyslot --version: $(keyslot --version)"
home="$(mktemp -d)"
status=0
HOME="$home" XDG_DATA_HOME="$home/data" keyslot check >/dev/null 2>&1 || status=$?
[ "$status" -eq 20 ] || fail "keyslot check before any activation exited $status, not 20"
# A check of a server that isn't there leaves the user's data behind (its
# outcome, for the support report): it must outlive the package.
HOME="$home" XDG_DATA_HOME="$home/data" KEYSLOT_API_SECRET=unused \
  keyslot --server http://127.0.0.1:9 doctor >/dev/null 2>&1 || true
user_data="$home/data/app.keyslot.desktop/outcomes.json"
[ -f "$user_data" ] || fail "the CLI kept no outcome to check the removal against"

echo "== the installed app: one journey over WebDriver, a keyslot:// link opened by the desktop"
cargo test --locked -p keyslot-e2e --test e2e installed -- --ignored --exact installed::the_installed_app_opens_a_link_from_the_desktop_and_activates

echo "== apt remove"
trap - EXIT
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get remove -y -qq keyslot
left=""
while IFS= read -r f; do
  if [ -f "$f" ] || [ -L "$f" ]; then left="$left $f"; fi
done <<<"$files"
[ -z "$left" ] || fail "left in /usr after remove:$left"
grep -q 'x-scheme-handler/keyslot' /usr/share/applications/mimeinfo.cache 2>/dev/null &&
  fail "keyslot:// still registered after remove"
[ -f "$user_data" ] || fail "the user's data went with the package"
rm -rf "$home"
echo "test-package: ok ($(basename "$deb"), $(stat -c %s "$deb") bytes)"
