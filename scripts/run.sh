#!/usr/bin/env bash
# Installs what is missing, builds Pasos and serves it at http://127.0.0.1:3000 on the embedded
# database under ./data (seeded with the real 2023 history on its first start).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
cargo leptos build
echo
echo "Pasos: http://${LEPTOS_SITE_ADDR:-127.0.0.1:3000}  (Ctrl+C para detener)"
exec ./target/debug/pasos serve "$@"
