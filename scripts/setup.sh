#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and test Keyslot.
# Idempotent: installs only packages that dpkg says are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# gnome-keyring, dbus-daemon and dbus-bin (dbus-send) give the tests a real
# Secret Service in a private session. Never dbus-x11: it autolaunches
# daemons that outlive the tests.
# libwebkit2gtk-4.1-dev and file build the Tauri app; xvfb and xauth run its
# window headless; webkit2gtk-driver (WebKitWebDriver) drives it in the E2E tests,
# which read the keychain with secret-tool (libsecret-tools) and the clipboard
# with xclip. python3-cryptography runs the independent lease verifier
# (crates/protocol/golden/verify-lease.py); python3-venv holds the API fuzzer.
# desktop-file-utils (desktop-file-validate) and rpm check the packages
# scripts/package.sh builds; gio (libglib2.0-bin) opens keyslot:// links as the desktop does.
# fonts-noto-cjk draws the Japanese UI with real glyphs.
# chromium and chromium-driver (chromedriver) drive the reference server's
# offline page headless in the E2E tests (tests/e2e/offline_page.rs).
# postgresql (initdb, postgres, psql) gives the server's tests throwaway
# PostgreSQL clusters; redis-server their shared store; openssl makes the
# replicas' shared lease key; systemd (systemd-analyze) verifies the unit
# in deploy/.
packages=(build-essential pkg-config python3 python3-cryptography python3-venv procps gnome-keyring dbus-daemon dbus-bin
  libwebkit2gtk-4.1-dev file xvfb xauth webkit2gtk-driver libsecret-tools xclip desktop-file-utils rpm libglib2.0-bin
  fonts-noto-cjk chromium chromium-driver postgresql redis-server openssl systemd)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The UI builds with the machine's Node.js (20+) and npm; Debian's are a fallback.
if ! command -v npm >/dev/null 2>&1; then
  echo "setup: installing nodejs and npm"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends nodejs npm
fi

# Rust comes from rustup (Debian's cargo is too old for edition 2024).
if ! command -v cargo >/dev/null 2>&1; then
  [ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
fi
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found. Install Rust 1.94 or newer with rustup (https://rustup.rs) and retry." >&2
  exit 1
fi
rustc_minor=$(rustc --version | sed -E 's/^rustc 1\.([0-9]+).*/\1/')
if [ "$rustc_minor" -lt 94 ]; then
  echo "setup: rustc $(rustc --version) is too old; Keyslot needs 1.94 or newer (rustup update)." >&2
  exit 1
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    rustup component add "$component"
  fi
done

# tauri-driver bridges WebDriver to WebKitWebDriver for the E2E tests
# (crates.io's newest is a 3.0 alpha: stay on 2.x).
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi

# The API fuzzer (Schemathesis) and openapi-spec-validator, pinned in
# crates/server/tests/api-fuzz/requirements.txt, in a virtual environment
# that crates/server/tests/server/api_fuzz.rs finds at the same place;
# reinstalled when the pins change.
requirements=crates/server/tests/api-fuzz/requirements.txt
venv="${KEYSLOT_API_FUZZ_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/keyslot/api-fuzz}"
if ! cmp -s "$requirements" "$venv/requirements.txt"; then
  echo "setup: installing the API fuzzer into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$venv/requirements.txt"
fi
