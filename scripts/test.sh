#!/usr/bin/env bash
# Installs what is missing and runs every test: the domain and store (SurrealDB in memory and on
# disk), the HTTP surface, then the Playwright journeys in Chromium against the built app.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PATH"
# A clean checkout builds everything once: incremental caches would only add gigabytes to the disk.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

step() { printf '\n==> %s (target/: %s)\n' "$*" "$(du -sh target 2>/dev/null | cut -f1)"; }

# Both crates' tests in one cargo call, so their dependencies are built once, with one set of features.
TESTS=(-p pasos-app -p pasos-server --features pasos-app/ssr)

step "Rust: domain, store and HTTP tests (embedded SurrealDB: memory and surrealkv)"
cargo test "${TESTS[@]}"

step "Rust: the integration suites again, against a real SurrealDB server over ws://"
# The server is built from the official surrealdb-server crate (dbserver/), the SDK's version.
cargo build -p pasos-dbserver
DB_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DB_LOG="$(mktemp)"
target/debug/surreal start --bind "127.0.0.1:$DB_PORT" --user root --pass root --log warn memory >"$DB_LOG" 2>&1 &
DB_PID=$!
trap 'kill "$DB_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
  (exec 3<>"/dev/tcp/127.0.0.1/$DB_PORT") 2>/dev/null && break
  kill -0 "$DB_PID" 2>/dev/null || { cat "$DB_LOG"; echo "the SurrealDB server did not start"; exit 1; }
  sleep 0.2
done
export PASOS_TEST_DB="ws://127.0.0.1:$DB_PORT" PASOS_TEST_DB_USER=root PASOS_TEST_DB_PASS=root
cargo test "${TESTS[@]}" --test '*'
kill "$DB_PID"; wait "$DB_PID" 2>/dev/null || true
unset PASOS_TEST_DB PASOS_TEST_DB_USER PASOS_TEST_DB_PASS

step "Build (server and wasm)"
cargo leptos build

step "End-to-end journeys in Chromium"
cd end2end
PASOS_BIN=../target/debug/pasos npx playwright test

cd ..
step "Load: 64 clients, mixed reads and writes for 60 s, every acknowledged write counted afterwards"
PASOS_BIN=target/debug/pasos LOAD_SECONDS=60 ./scripts/load.sh

step "Load across two instances on one SurrealDB server: 64 clients dealt between them for 30 s"
PASOS_BIN=target/debug/pasos INSTANCES=2 SCALE=0 LOAD_SECONDS=30 ./scripts/load.sh
step "Done"
