#!/usr/bin/env bash
# The benchmark of BENCHMARKS.md: a release build on the scale-N dataset in a temporary surrealkv
# database, measured over loopback with wrk (Debian's). Prints one table: p50, p99, requests per
# second and the ratio to the static asset's throughput, plus the server's memory.
#   SCALE=1 CONNECTIONS=16 DURATION=10s ./scripts/bench.sh     (NO_BUILD=1: use the existing release build;
#   NO_LOAD=1: skip the 60 s load test at the end; PROFILE=1: also where the server's time goes on
#   the dashboard, the policy page and the big round, sampled with perf while wrk runs again)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
SCALE="${SCALE:-1}"; CONNECTIONS="${CONNECTIONS:-16}"; DURATION="${DURATION:-10s}"; PORT="${PORT:-3977}"

# Tools, installed only when missing.
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
command -v curl >/dev/null || apt-get install -y -qq curl
[ -z "${PROFILE:-}" ] || command -v perf >/dev/null || { apt-get update -qq && apt-get install -y -qq linux-perf; }
[ -x /usr/bin/chromium ] || { apt-get update -qq && apt-get install -y -qq chromium; }
[ -d end2end/node_modules/@playwright/test ] || (cd end2end && npm ci --no-audit --no-fund)
# Release builds run wasm-opt from PATH: npm's binaryen (Debian's breaks hydration, see TOOLCHAIN).
[ -x target/tools/node_modules/.bin/wasm-opt ] || (mkdir -p target/tools && cd target/tools && npm i --no-audit --no-fund binaryen@132 >/dev/null)
[ -n "${NO_BUILD:-}" ] || PATH="$PWD/target/tools/node_modules/.bin:$PATH" cargo leptos build --release 2>&1 | tail -n 2

DATA="$(mktemp -d)"
SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$DATA"' EXIT
export PASOS_DB="surrealkv://$DATA/pasos.db"
echo "== seeding scale $SCALE"
SEED_OUT="$(target/release/pasos seed --scale "$SCALE" 2>/dev/null | tail -n 1)"
echo "$SEED_OUT"
BIG_ROUND="$(grep -o '/rondas/[^ ]*' <<<"$SEED_OUT")"

LEPTOS_SITE_ROOT=target/site RUST_LOG=warn target/release/pasos serve --addr "127.0.0.1:$PORT" >"$DATA/server.log" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 300); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.2; done

login() {
  curl -s -o /dev/null -D - -H "Origin: $BASE" --data "correo=$1&contrasena=pasos-demo&siguiente=" "$BASE/ingresar" \
    | grep -i '^set-cookie: pasos_sesion=' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*);.*/\1/'
}
# A directivo reads every policy, its rounds and their matrices.
COOKIE="$(login directivo%40pasos.demo)"
[ -n "$COOKIE" ] || { echo "no se pudo iniciar sesión"; exit 1; }
CSS="$(cd target/site && ls pkg/*.css | head -n 1)"

# wrk's Lua: a sign-in is a POST of the form; everything else a GET with the session cookie.
cat >"$DATA/report.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.2f %.2f %.2f %d %d\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency.max / 1000))
end
LUA
# Sign-ins rotate over the scale seed's 500 participants: the throttle lets at most five attempts
# on one account be checked at once (README, Accounts), which one account signing in 16 times in
# parallel would hit.
cat >"$DATA/signin.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Origin"] = "$BASE"
counter = 0
request = function()
  counter = counter + 1
  local body = "correo=participante" .. (counter % 500) .. "%40escala.pasos.pe&contrasena=pasos-demo&siguiente="
  return wrk.format(nil, nil, nil, body)
end
$(cat "$DATA/report.lua")
LUA

measure() { # name path [lua] [connections]
  local lua="${3:-$DATA/report.lua}" conns="${4:-$CONNECTIONS}"
  local out; out="$(wrk -t2 -c"$conns" -d"$DURATION" --latency -H "Cookie: $COOKIE" -s "$lua" "$BASE$2" | grep '^RESULT')"
  read -r _ p50 p99 rps errors max <<<"$out"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$p50" "$p99" "$rps" "$errors" "$max" >>"$DATA/rows"
}

echo "== measuring: $CONNECTIONS connections, $DURATION each"
: >"$DATA/rows"
measure "Recurso estático (techo)" "/$CSS"
measure "Tablero" "/tablero"
measure "Página de política" "/politicas/esc0000"
measure "Ronda con 2 000 aportes en un paso" "$BIG_ROUND"
measure "Matriz de aportes CSV (20 000 filas)" "/politicas/esc0000/entregables/1/matriz.csv"
measure "Inicio de sesión (argon2id)" "/ingresar" "$DATA/signin.lua"
measure "Página de política, 64 conexiones" "/politicas/esc0000" "$DATA/report.lua" 64
measure "Tablero, 64 conexiones" "/tablero" "$DATA/report.lua" 64

STATIC_RPS="$(head -n 1 "$DATA/rows" | cut -f5)"
RSS_KB="$(ps -o rss= -p "$SERVER_PID" | tr -d ' ')"
printf '\n| Qué | Ruta | p50 (ms) | p99 (ms) | máx. (ms) | req/s | errores | frente al estático |\n|---|---|---:|---:|---:|---:|---:|---:|\n'
while IFS=$'\t' read -r name path p50 p99 rps errors max; do
  ratio="$(awk -v a="$rps" -v b="$STATIC_RPS" 'BEGIN { printf "%.3f", a / b }')"
  printf '| %s | `%s` | %s | %s | %s | %.0f | %s | %s |\n' "$name" "${path:0:40}" "$p50" "$p99" "$max" "$rps" "$errors" "$ratio"
done <"$DATA/rows"
# Where the time goes: perf samples the whole server process (the embedded SurrealDB included)
# while wrk asks for the page again; the top functions, and the share of each crate.
profile() { # name path
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -H "Cookie: $COOKIE" "$BASE$2" >/dev/null &
  local wrk_pid=$!
  perf record -F 499 -o "$DATA/perf.data" -p "$SERVER_PID" -- sleep "${DURATION%s}" >/dev/null 2>&1
  wait "$wrk_pid"
  printf '\n%s (`%s`), perf, %s of wrk at %s connections:\n\n' "$1" "${2:0:40}" "$DURATION" "$CONNECTIONS"
  perf report -i "$DATA/perf.data" --stdio --no-children --sort sym --percent-limit 0.01 2>/dev/null | python3 scripts/profile.py
}
if [ -n "${PROFILE:-}" ]; then
  profile "Tablero" "/tablero"
  profile "Página de política" "/politicas/esc0000"
  profile "Ronda con 2 000 aportes en un paso" "$BIG_ROUND"
fi
CSV_SECONDS="$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $COOKIE" "$BASE/politicas/esc0000/entregables/1/matriz.csv")"
CSV_BYTES="$(curl -s -H "Cookie: $COOKIE" "$BASE/politicas/esc0000/entregables/1/matriz.csv" | wc -c)"
CSV_ROWS="$(curl -s -H "Cookie: $COOKIE" "$BASE/politicas/esc0000/entregables/1/matriz.csv" | python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(sys.stdin)) - 1)')"
printf '\nCSV sola (una petición): %s s. ' "$CSV_SECONDS"
printf 'CSV: %s filas, %s bytes. Memoria del servidor (RSS) tras las mediciones: %s MB.\n' "$CSV_ROWS" "$CSV_BYTES" "$((RSS_KB / 1024))"

echo
echo "== primera carga en Chromium (bytes transferidos, caché vacía)"
(cd end2end && node first-load.mjs "$BASE" "$BIG_ROUND")
printf 'wasm: %s bytes, %s con gzip -9.\n' "$(wc -c <target/site/pkg/pasos.wasm)" "$(gzip -9 -c target/site/pkg/pasos.wasm | wc -c)"

# The load test reseeds its own database: stop this server first so the two do not share the CPU.
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
[ -n "${NO_LOAD:-}" ] || { echo; echo "== carga"; PASOS_BIN=target/release/pasos ./scripts/load.sh; }
