#!/usr/bin/env bash
# Builds Keyslot's .deb and .rpm packages with the Tauri bundler: the app
# (`/usr/bin/keyslot-app`, its desktop entry and icons) and the `keyslot` CLI
# at `/usr/bin/keyslot`. Prints where they are.
#
# AppImage is left out: its bundler downloads tools at build time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

echo "== ui: npm ci, build"
(cd ui && npm ci --no-audit --no-fund && npm run build)

# One cargo invocation for both binaries: they share the core, built once.
echo "== cargo build --release (app and CLI)"
cargo build --release --locked -p keyslot-app -p keyslot-cli
release="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release"

# The .deb's dependencies: what Debian's own tool finds the binaries linking
# (libc, GTK, WebKitGTK, ...), less the two the bundler always adds, plus what
# they reach at run time without linking: a D-Bus session bus and a Secret
# Service (the keychain), and xdg-open (About's "Open log folder").
shlibs="$(
  tmp="$(mktemp -d)" && mkdir "$tmp/debian" && trap 'rm -rf "$tmp"' EXIT
  printf 'Source: keyslot\n\nPackage: keyslot\nArchitecture: any\n' > "$tmp/debian/control"
  cd "$tmp" && dpkg-shlibdeps -O "$release/keyslot-app" "$release/keyslot" 2>/dev/null | sed -n 's/^shlibs:Depends=//p'
)"
config="$(python3 - "$shlibs" "$release" <<'PY'
import json, sys
shlibs, release = sys.argv[1], sys.argv[2]
bundler_adds = {"libwebkit2gtk-4.1-0", "libgtk-3-0"}
linked = [d.strip() for d in shlibs.split(",") if d.strip().split(" ")[0] not in bundler_adds]
assert linked, "dpkg-shlibdeps found no libraries"
cli = {"/usr/bin/keyslot": f"{release}/keyslot"}
print(json.dumps({"bundle": {"linux": {
    "deb": {"depends": linked + ["default-dbus-session-bus | dbus-session-bus",
                                 "gnome-keyring | keepassxc | kwalletmanager"],
            "recommends": ["xdg-utils"], "files": cli},
    "rpm": {"recommends": ["gnome-keyring", "xdg-utils"], "files": cli},
}}}))
PY
)"

echo "== tauri bundle (deb, rpm)"
rm -rf "$release/bundle"
TAURI_APP_PATH="$PWD/src-tauri" TAURI_FRONTEND_PATH="$PWD/ui" \
  ui/node_modules/.bin/tauri bundle --ci --no-sign --no-binary-patching --bundles deb,rpm --config "$config"

# The bundler compresses the .deb with gzip; Debian's own packages use xz,
# which makes this one a quarter smaller. Same contents, rebuilt by dpkg-deb.
deb="$(ls "$release"/bundle/deb/*.deb)"
repack="$(mktemp -d)"
dpkg-deb -R "$deb" "$repack/root"
dpkg-deb --root-owner-group -Zxz -b "$repack/root" "$deb" >/dev/null
rm -rf "$repack"

echo "== packages"
ls -l "$release"/bundle/deb/*.deb "$release"/bundle/rpm/*.rpm
