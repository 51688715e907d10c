#!/usr/bin/env bash
# Installs what Homeward's build and tests need, skipping anything already present at the right
# version, so a second run takes about a second. Versions are those in ../shared/toolchain.md.
#
#   scripts/install-tools.sh run    what `make run` needs: wasm32 target, trunk, wasm-bindgen, wasm-opt
#   scripts/install-tools.sh test   all of the above plus rustfmt/clippy, chromium, chromedriver,
#                                   brotli, postgresql, poppler-utils (the A4 print check reads
#                                   PDFs with pdfinfo, pdftoppm and pdftotext) and the npm
#                                   packages of e2e/
#
# wasm-opt comes from npm's `binaryen` into $HOMEWARD_TOOLS_DIR (outside the clone, so a fresh CI
# clone on the same machine does not reinstall it); the Makefile puts its bin directory on PATH.
set -euo pipefail

cd "$(dirname "$0")/.."

profile="${1:-test}"
case "$profile" in
  run | test) ;;
  *) echo "usage: $0 [run|test]" >&2; exit 2 ;;
esac

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock, or the generated glue breaks.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
: "${WASM_BINDGEN_VERSION:=0.2.130}"
HOMEWARD_TOOLS_DIR="${HOMEWARD_TOOLS_DIR:-$HOME/.cache/homeward/tools}"
BINARYEN_DIR="$HOMEWARD_TOOLS_DIR/binaryen-$BINARYEN_VERSION"

# rustup's installer adds ~/.cargo/bin to login shells only; a fresh non-login shell may lack it.
case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) PATH="$HOME/.cargo/bin:$PATH" ;; esac

step() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
ok() { printf '    ok: %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run: $* (install sudo or run as root)"; fi
}

# Debian packages: install only the missing ones, and run `apt-get update` only if some are.
apt_ensure() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep 'install ok installed' >/dev/null || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then ok "Debian packages: $*"; return; fi
  step "apt-get install ${missing[*]}"
  command -v apt-get >/dev/null || die "apt-get not found; install ${missing[*]} by hand"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# `<cmd> --version` prints something containing the wanted version?
has_version() { "$1" --version 2>/dev/null | grep -F "$2" >/dev/null; }

ensure_rust() {
  command -v cargo >/dev/null && command -v rustup >/dev/null \
    || die "cargo/rustup not found: install Rust with rustup (https://rustup.rs), then re-run"
  if rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null; then
    ok "rust target wasm32-unknown-unknown"
  else
    step "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_rust_lints() {
  if cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1; then
    ok "rustfmt and clippy"
  else
    step "rustup component add rustfmt clippy"
    rustup component add rustfmt clippy
  fi
}

ensure_trunk() {
  if has_version trunk "trunk $TRUNK_VERSION"; then ok "trunk $TRUNK_VERSION"; return; fi
  step "cargo install trunk $TRUNK_VERSION (takes ~7 minutes, once)"
  # A faster-to-compile release profile: trunk's speed does not matter, its install time does.
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 CARGO_PROFILE_RELEASE_OPT_LEVEL=2 \
    cargo install trunk --version "$TRUNK_VERSION" --locked --force
}

ensure_wasm_bindgen() {
  if has_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION" \
    && has_version wasm-bindgen-test-runner "$WASM_BINDGEN_VERSION"; then
    ok "wasm-bindgen-cli $WASM_BINDGEN_VERSION"; return
  fi
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes ~3 minutes, once)"
  # Not --locked: one of its pinned dependencies is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
}

ensure_node() {
  if command -v node >/dev/null && command -v npm >/dev/null; then return; fi
  apt_ensure nodejs npm
}

ensure_wasm_opt() {
  ensure_node
  # Debian's binaryen (wasm-opt 108) produces a wasm that fails at start; use npm's 132.
  if has_version "$BINARYEN_DIR/node_modules/.bin/wasm-opt" "version 132"; then
    ok "wasm-opt 132 in $BINARYEN_DIR/node_modules/.bin"; return
  fi
  step "npm install binaryen@$BINARYEN_VERSION into $BINARYEN_DIR"
  mkdir -p "$BINARYEN_DIR"
  [ -f "$BINARYEN_DIR/package.json" ] || echo '{ "private": true }' >"$BINARYEN_DIR/package.json"
  npm install --prefix "$BINARYEN_DIR" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
  has_version "$BINARYEN_DIR/node_modules/.bin/wasm-opt" "version 132" \
    || die "wasm-opt from binaryen@$BINARYEN_VERSION does not report version 132"
}

ensure_e2e_packages() {
  [ -f e2e/package-lock.json ] || { ok "no e2e/package-lock.json yet: skipping npm ci"; return; }
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 20 ] || die "node $(node --version) is too old for Playwright 1.65; need node >= 20"
  # npm ci again only when the lock file changed since the last successful install.
  local want stamp=e2e/node_modules/.homeward-lock-sha256
  want="$(sha256sum e2e/package-lock.json | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then ok "e2e npm packages"; return; fi
  step "npm ci in e2e/"
  # Playwright must use Debian's chromium, never download its own browsers.
  (cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" >"$stamp"
}

step "Checking tools for 'make $profile'"
ensure_rust
ensure_wasm_opt
ensure_wasm_bindgen
ensure_trunk
if [ "$profile" = test ]; then
  ensure_rust_lints
  apt_ensure chromium chromium-driver brotli postgresql poppler-utils
  ensure_e2e_packages
fi
step "Tools ready"
