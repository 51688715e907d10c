# Homeward: `make run` builds and starts the app with demo data; `make test` runs every check.
# Both install whatever tools are missing first (scripts/install-tools.sh).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
# Steps share target/ and cargo's locks; running them in parallel gains nothing.
.NOTPARALLEL:

# The one place that sets PATH: cargo-installed tools (trunk, wasm-bindgen, wasm-bindgen-test-runner)
# and wasm-opt 132 from npm's binaryen (trunk finds wasm-opt on PATH; Debian's 108 breaks the app).
export HOMEWARD_TOOLS_DIR ?= $(HOME)/.cache/homeward/tools
WASM_OPT_BIN := $(HOMEWARD_TOOLS_DIR)/binaryen-132.0.0/node_modules/.bin
export PATH := $(WASM_OPT_BIN):$(HOME)/.cargo/bin:$(PATH)

# Everything builds into ./target: e2e runs target/release/homeward-server.
export CARGO_TARGET_DIR := $(CURDIR)/target
# wasm-bindgen-test-runner drives Debian's chromium (headless) through this chromedriver;
# the default 20 s per test is tight for the first IndexedDB test on a busy 2-core machine.
export CHROMEDRIVER ?= /usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT ?= 120

ADDR ?= 127.0.0.1:8080
DATA_DIR ?= ./data
SERVER := target/release/homeward-server

# The PWA is rebuilt only when one of its inputs changed, so a second `make run` is quick.
PWA_INPUTS := index.html Trunk.toml Cargo.toml Cargo.lock core/Cargo.toml .cargo/config.toml \
	$(shell find src style public core/src -type f 2>/dev/null)

.PHONY: help run test tools-run tools-test fetch build build-pwa build-server serve \
	bench lint fmt-check clippy test-rust test-core test-pwa test-server test-server-postgres test-wasm test-e2e clean

help:
	@echo "make run     install missing tools, build in release, start the server with demo data on http://$(ADDR)"
	@echo "make test    install missing tools (incl. chromium, postgresql, npm packages) and run every check"
	@echo
	@echo "Parts:  build  build-pwa  build-server  serve  lint  fmt-check  clippy  test-rust  test-core  test-pwa"
	@echo "        test-server  test-server-postgres  test-wasm  test-e2e  tools-run  tools-test  clean"

## ---- run ------------------------------------------------------------------------------------

run: tools-run build serve

serve:
	@mkdir -p $(DATA_DIR)
	$(SERVER) serve --addr $(ADDR) --data-dir $(DATA_DIR) --dist ./dist --demo

## ---- test -----------------------------------------------------------------------------------

# scripts/test-all.sh runs each step below, carries on after a failure so one run reports all of
# them, prints a summary and exits non-zero if any step failed.
test: tools-test
	@MAKE="$(MAKE)" scripts/test-all.sh

tools-run:
	@scripts/install-tools.sh run

tools-test:
	@scripts/install-tools.sh test

# trunk builds with --offline (a tool-version mismatch is then an error, not a GitHub download),
# so all crates must already be in cargo's cache.
fetch:
	cargo fetch --locked

build: build-pwa build-server

build-pwa: fetch dist/index.html

dist/index.html: $(PWA_INPUTS)
	trunk build --release --offline
	@touch $@

build-server: fetch
	cargo build --release --locked -p homeward-server

lint: fmt-check clippy

fmt-check:
	cargo fmt --all --check

clippy: fetch
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy -p homeward --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

test-rust: test-core test-server test-server-postgres

test-core: fetch
	cargo test --locked -p homeward-core

# The PWA's own pure unit tests (every string in both languages, messages of core's rules, layout),
# on the host: wasm-bindgen-test-runner runs only the #[wasm_bindgen_test] ones.
test-pwa: fetch
	cargo test --locked -p homeward --lib

test-server: fetch
	cargo test --locked -p homeward-server

# Starts a throwaway PostgreSQL cluster (Debian's postgresql) and runs the same suite on it.
test-server-postgres: fetch
	scripts/with-postgres.sh cargo test --locked -p homeward-server

# wasm-bindgen-test in headless chromium (runner set in .cargo/config.toml).
test-wasm: fetch
	cargo test --locked -p homeward --target wasm32-unknown-unknown

# Playwright starts the release server itself on a free port with a temporary data directory.
test-e2e: build
	cd e2e && npx playwright test

# Not part of `make test`: measures the figures of issue 11 and appends them to bench/results.md.
# The app is built a second time with the `bench` feature (hooks to make data in bulk) into
# dist-bench/; the shipped dist/ has no such hooks. PostgreSQL ingest runs in a throwaway cluster.
bench: tools-test build
	trunk build --release --offline --features bench --dist dist-bench
	scripts/with-postgres.sh node bench/run.mjs

clean:
	cargo clean
	rm -rf dist
