#!/usr/bin/env bash
# Installs what is missing and runs every test: the domain and store (SurrealDB in memory and on
# disk), the HTTP surface, then the Playwright journeys in Chromium against the built app.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "Rust: domain, store and HTTP tests"
cargo test -p pasos-app --features ssr
cargo test -p pasos-server

step "Build (server and wasm)"
cargo leptos build

step "End-to-end journeys in Chromium"
cd end2end
PASOS_BIN=../target/debug/pasos npx playwright test
