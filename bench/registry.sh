#!/usr/bin/env bash
# Registry-core benchmarks (docs/BENCHMARKS.md): demo load, database size, GET by id under load,
# create-person throughput and the daily status recompute, on one backend.
#
#   bench/registry.sh sqlite   [PERSONS]    # SQLite file under $BENCH_DIR (default /tmp/rm-bench)
#   bench/registry.sh postgres [PERSONS]    # database rm_bench on 127.0.0.1:5432 (dropped first)
#
# Needs a release build (cargo build --release) and wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
backend=${1:?sqlite or postgres}
persons=${2:-1000000}
dir=${BENCH_DIR:-/tmp/rm-bench}
bin=./target/release/rosmigration
mkdir -p "$dir"
# One data key per bench folder, kept so that SKIP_LOAD=1 can reopen the sealed data.
[ -f "$dir/data-key" ] || head -c 32 /dev/urandom | base64 > "$dir/data-key"
export ROSMIGRATION_DATA_KEY=${ROSMIGRATION_DATA_KEY:-$(cat "$dir/data-key")}
export RUST_LOG=warn,sqlx=error
# SKIP_LOAD=1 reuses the database of the previous run.
case "$backend" in
    sqlite)
        [ -n "${SKIP_LOAD:-}" ] || rm -rf "$dir/sqlite"
        export ROSMIGRATION_DATABASE_URL="sqlite://$dir/sqlite/r.db" ;;
    postgres)
        [ -n "${SKIP_LOAD:-}" ] || psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS rm_bench WITH (FORCE)" -c "CREATE DATABASE rm_bench" postgres
        export ROSMIGRATION_DATABASE_URL="postgres://postgres@127.0.0.1:5432/rm_bench" ;;
    *) echo "unknown backend $backend"; exit 2 ;;
esac
echo "== $backend, $persons persons, $(nproc) cores, $(date -u +%F)"
if [ -z "${SKIP_LOAD:-}" ]; then
    echo "== demo load"
    /usr/bin/time -f "wall %e s, max RSS %M KiB" $bin demo --persons "$persons" --seed 2026 >/dev/null
fi
echo "== size"
$bin bench size
echo "== daily status recompute: same day (nothing changes), 30 days later (most change), the day after (the realistic daily run), that day again"
$bin rules run
if [ -z "${SKIP_FUTURE_RUN:-}" ]; then
    $bin rules run --on "$(date -u -d '+30 days' +%F)"
    $bin rules run --on "$(date -u -d '+31 days' +%F)"
    $bin rules run --on "$(date -u -d '+31 days' +%F)"
fi
echo "== serve"
$bin serve --listen 127.0.0.1:8089 > "$dir/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf http://127.0.0.1:8089/readyz >/dev/null && break; sleep 1; done
$bin bench ids --count 100000 --out "$dir/ids.txt"
token=$(curl -sf -XPOST http://127.0.0.1:8089/api/auth/token -H 'content-type: application/json' \
    -d '{"username":"officer","password":"demo-officer-2026","name":"wrk"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
echo "== GET /api/persons/{id}: wrk, 2 threads, 64 connections, 30 s (after a 5 s warm-up)"
TOKEN=$token wrk -t2 -c64 -d5s -s bench/get_person.lua http://127.0.0.1:8089 -- "$dir/ids.txt" >/dev/null
TOKEN=$token wrk -t2 -c64 -d30s --latency -s bench/get_person.lua http://127.0.0.1:8089 -- "$dir/ids.txt"
echo "== GET /api/persons/{id}: rosmigration bench (Rust client), 64 connections, 20 s"
$bin bench get-person --url http://127.0.0.1:8089 --connections 64 --seconds 20
echo "== POST /api/persons: 64 connections, 20 s"
$bin bench create-person --url http://127.0.0.1:8089 --connections 64 --seconds 20
kill $server; wait $server 2>/dev/null || true
echo "== size after the load tests"
$bin bench size
echo "== audit"
$bin audit verify | head -3
