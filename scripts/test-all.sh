#!/usr/bin/env bash
# Runs every check of `make test` as separate make targets, carrying on after a failure so a single
# run shows everything that is broken; prints a summary with timings and exits non-zero if any step
# failed. The commands themselves live in the Makefile (one place for PATH and flags).
set -euo pipefail

cd "$(dirname "$0")/.."
MAKE="${MAKE:-make}"

steps=(
  "fmt-check:cargo fmt --check"
  "clippy:cargo clippy -D warnings (host and wasm32)"
  "test-core:homeward-core tests"
  "test-pwa:the PWA's unit tests on the host"
  "test-server:homeward-server tests on SQLite"
  "test-server-postgres:homeward-server tests on PostgreSQL"
  "test-wasm:wasm-bindgen tests in headless Chromium"
  "build:release build (trunk PWA + server)"
  "test-e2e:Playwright end-to-end"
)

results=()
failed=0
build_ok=1
for entry in "${steps[@]}"; do
  target="${entry%%:*}"
  label="${entry#*:}"
  if [ "$target" = test-e2e ] && [ "$build_ok" -eq 0 ]; then
    results+=("SKIP  $(printf '%6s' -)  $label (release build failed)")
    failed=1
    continue
  fi
  printf '\n\033[1;34m==> %s\033[0m  (make %s)\n' "$label" "$target"
  start=$SECONDS
  if "$MAKE" --no-print-directory "$target"; then status=PASS; else status=FAIL; failed=1; fi
  [ "$target" = build ] && [ "$status" = FAIL ] && build_ok=0
  results+=("$status  $(printf '%5ss' $((SECONDS - start)))  $label")
done

printf '\n\033[1m==> Summary\033[0m\n'
printf '  %s\n' "${results[@]}"
if [ "$failed" -ne 0 ]; then
  printf '\033[1;31mmake test: FAILED\033[0m\n'
  exit 1
fi
printf '\033[1;32mmake test: all passed\033[0m\n'
