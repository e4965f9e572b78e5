#!/usr/bin/env bash
# The load test of BENCHMARKS.md: CLIENTS (64) clients with mixed reads and writes for LOAD_SECONDS
# seconds (60) against PASOS_BIN (the release build by default) on a fresh database seeded with
# `pasos seed --scale SCALE`. Then the servers are stopped, the database is backed up with
# `pasos backup`, and every acknowledged write is looked up in that backup. Fails on any 5xx, any
# client error, or any acknowledged write missing.
# With INSTANCES=1 (the default) one `pasos serve` runs on an embedded surrealkv database. With
# INSTANCES=N (2 or more), or DB=server, the database is a SurrealDB server on loopback (the
# `surreal` built by `cargo build -p pasos-dbserver` beside PASOS_BIN, or SURREAL_BIN, such as a
# release build of it), and N instances serve it as they would behind a balancer; the clients are
# dealt among them in turn.
#   ./scripts/load.sh                                   (release build: ./scripts/bench.sh builds it)
#   PASOS_BIN=target/debug/pasos LOAD_SECONDS=60 ./scripts/load.sh     (what scripts/test.sh runs)
# PROFILE=1 samples the first instance with perf during the load and prints where its time went.
#   PASOS_BIN=target/debug/pasos INSTANCES=2 SCALE=0 LOAD_SECONDS=30 ./scripts/load.sh
#                       (and this, after it: two instances on the demo data only, which the debug
#                       build seeds in seconds where the scale data takes minutes over ws://)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${PASOS_BIN:-target/release/pasos}"
SCALE="${SCALE:-1}"; CLIENTS="${CLIENTS:-64}"; SECONDS_OF_LOAD="${LOAD_SECONDS:-60}"; INSTANCES="${INSTANCES:-1}"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
[ -x "$BIN" ] || { echo "no existe $BIN: compile primero (cargo leptos build --release)"; exit 1; }

DATA="$(mktemp -d)"
SERVER_PIDS=(); DB_PID=""
trap 'for p in "${SERVER_PIDS[@]}" $DB_PID; do kill "$p" 2>/dev/null || true; done; rm -rf "$DATA"' EXIT
if [ "$INSTANCES" -gt 1 ] || [ "${DB:-}" = server ]; then
  SURREAL="${SURREAL_BIN:-$(dirname "$BIN")/surreal}"
  [ -x "$SURREAL" ] || { echo "no existe $SURREAL: compile primero (cargo build -p pasos-dbserver)"; exit 1; }
  DB_PORT="$(free_port)"
  "$SURREAL" start --bind "127.0.0.1:$DB_PORT" --user root --pass root --log warn memory >"$DATA/surreal.log" 2>&1 &
  DB_PID=$!
  for _ in $(seq 1 150); do (exec 3<>"/dev/tcp/127.0.0.1/$DB_PORT") 2>/dev/null && break; sleep 0.2; done
  export PASOS_DB="ws://127.0.0.1:$DB_PORT" PASOS_DB_USER=root PASOS_DB_PASS=root
  echo "== base de datos: servidor SurrealDB en $PASOS_DB, $INSTANCES instancias"
else
  export PASOS_DB="surrealkv://$DATA/pasos.db"
fi

if [ "$SCALE" -gt 0 ]; then
  echo "== datos: escala $SCALE"
  SEED_OUT="$("$BIN" seed --scale "$SCALE" 2>/dev/null | tail -n 1)"
else
  echo "== datos: solo la demostración"
  SEED_OUT="$("$BIN" seed --demo 2>/dev/null | tail -n 1)"
fi
echo "$SEED_OUT"
BIG_ROUND="$(grep -o '/rondas/[^ ]*' <<<"$SEED_OUT" || true)"

BASES=()
for i in $(seq 1 "$INSTANCES"); do
  PORT="$(free_port)"
  LEPTOS_SITE_ROOT=target/site RUST_LOG=warn "$BIN" serve --addr "127.0.0.1:$PORT" >"$DATA/server-$i.log" 2>&1 &
  SERVER_PIDS+=($!)
  BASES+=(--base "http://127.0.0.1:$PORT")
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
done

echo "== carga: $CLIENTS clientes, $SECONDS_OF_LOAD s, $INSTANCES instancia(s)"
# PROFILE=1: perf samples the (first) server while the load runs; where its time went is printed after.
PERF_PID=""
if [ -n "${PROFILE:-}" ]; then
  perf record -F 499 -o "$DATA/perf.data" -p "${SERVER_PIDS[0]}" >/dev/null 2>&1 &
  PERF_PID=$!
fi
python3 scripts/load.py "${BASES[@]}" --clients "$CLIENTS" --seconds "$SECONDS_OF_LOAD" --big-round "$BIG_ROUND" --acked "$DATA/acked.json" \
  || { echo "== errores del servidor"; grep -hE "ERROR|WARN" "$DATA"/server-*.log | tail -n 20; exit 1; }

if [ -n "$PERF_PID" ]; then
  kill -INT "$PERF_PID"; wait "$PERF_PID" 2>/dev/null || true
  echo "== dónde se fue el tiempo del servidor (perf)"
  perf report -i "$DATA/perf.data" --stdio --no-children --sort sym --percent-limit 0.01 2>/dev/null | python3 scripts/profile.py 15
fi

echo "== recuento: cada escritura confirmada, buscada en una copia de la base de datos"
kill -TERM "${SERVER_PIDS[@]}"; wait "${SERVER_PIDS[@]}" 2>/dev/null || true; SERVER_PIDS=()
if [ -n "$DB_PID" ]; then
  # The SDK exports only from an embedded engine: a server's copy comes from its own tool.
  "$SURREAL" export --endpoint "http://127.0.0.1:$DB_PORT" --username root --password root --namespace pasos --database pasos "$DATA/copia.surql" >"$DATA/backup.log" 2>&1 \
    || { cat "$DATA/backup.log"; exit 1; }
else
  "$BIN" backup "$DATA/copia.surql" >"$DATA/backup.log" 2>&1 || { cat "$DATA/backup.log"; exit 1; }
fi
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
