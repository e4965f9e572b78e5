#!/usr/bin/env bash
# The load test of BENCHMARKS.md: CLIENTS (64) clients with mixed reads and writes for LOAD_SECONDS
# seconds (60) against PASOS_BIN (the release build by default) on a fresh surrealkv database seeded
# with `pasos seed --scale SCALE`. Then the server is stopped, the database is backed up with
# `pasos backup`, and every acknowledged write is looked up in that backup. Fails on any 5xx, any
# client error, or any acknowledged write missing.
#   ./scripts/load.sh                                   (release build: ./scripts/bench.sh builds it)
#   PASOS_BIN=target/debug/pasos LOAD_SECONDS=60 ./scripts/load.sh     (what scripts/test.sh runs)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${PASOS_BIN:-target/release/pasos}"
SCALE="${SCALE:-1}"; CLIENTS="${CLIENTS:-64}"; SECONDS_OF_LOAD="${LOAD_SECONDS:-60}"
PORT="${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
[ -x "$BIN" ] || { echo "no existe $BIN: compile primero (cargo leptos build --release)"; exit 1; }

DATA="$(mktemp -d)"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$DATA"' EXIT
export PASOS_DB="surrealkv://$DATA/pasos.db"

echo "== datos: escala $SCALE"
SEED_OUT="$("$BIN" seed --scale "$SCALE" 2>/dev/null | tail -n 1)"
echo "$SEED_OUT"
BIG_ROUND="$(grep -o '/rondas/[^ ]*' <<<"$SEED_OUT" || true)"

LEPTOS_SITE_ROOT=target/site RUST_LOG=warn "$BIN" serve --addr "127.0.0.1:$PORT" >"$DATA/server.log" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 300); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.2; done

echo "== carga: $CLIENTS clientes, $SECONDS_OF_LOAD s"
python3 scripts/load.py --base "$BASE" --clients "$CLIENTS" --seconds "$SECONDS_OF_LOAD" --big-round "$BIG_ROUND" --acked "$DATA/acked.json" \
  || { echo "== errores del servidor"; grep -E "ERROR|WARN" "$DATA/server.log" | tail -n 20; exit 1; }

echo "== recuento: cada escritura confirmada, buscada en una copia de la base de datos"
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
"$BIN" backup "$DATA/copia.surql" >"$DATA/backup.log" 2>&1 || { cat "$DATA/backup.log"; exit 1; }
python3 - "$DATA/acked.json" "$DATA/copia.surql" <<'PY'
import json, re, sys
acked = json.load(open(sys.argv[1], encoding="utf-8"))
backup = open(sys.argv[2], encoding="utf-8").read()
present = set(re.findall(r"carga-(?:rev|apo)-\d+-\d+", backup))
lost = [w["token"] for w in acked["revisions"] + acked["contributions"] if w["token"] not in present]
# Until answers are published a participant's contribution is numbered by its place among those
# the participant may read, so a number is confirmed once per author, not once per round.
numbers = [(w["author"], w["number"]) for w in acked["contributions"]]
twice = len(numbers) - len(set(numbers))
revisions = [(w["policy"], w["step"], w["revision"]) for w in acked["revisions"]]
twice += len(revisions) - len(set(revisions))
print(f"{len(acked['revisions'])} revisiones y {len(acked['contributions'])} aportes confirmados; "
      f"encontrados en la copia: {len(acked['revisions']) + len(acked['contributions']) - len(lost)}; perdidos: {len(lost)}; "
      f"números confirmados dos veces: {twice}")
if lost or twice:
    sys.exit(f"FALLO: perdidos {lost[:10]}")
PY
