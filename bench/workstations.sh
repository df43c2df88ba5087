#!/usr/bin/env bash
# The back office's benchmarks (issue 10, docs/BENCHMARKS.md#staff-workstations): the officer's
# name search (first page) at 16 connections, the person's pages (profile and history timeline,
# HTML, cookie session) at 1 and 16 connections, and the weight of each staff page, against a
# release server on a SQLite demo region.
#
#   bench/workstations.sh [PERSONS] [BIN]     # default 1,000,000 persons, ./target/release/rosmigration
#
# Run it alone (nothing else compiling): every figure depends on the two cores. Prints the
# load average and CPU steal (vmstat) beside the figures. RUNS=3 runs each load three times.
set -euo pipefail
cd "$(dirname "$0")/.."
persons=${1:-1000000}
bin=${2:-./target/release/rosmigration}
dir=${BENCH_DIR:-/tmp/rm-bench-ws}/$persons
runs=${RUNS:-3}
port=${PORT:-8091}
url="http://127.0.0.1:$port"
mkdir -p "$dir"
[ -f "$dir/data-key" ] || head -c 32 /dev/urandom | base64 > "$dir/data-key"
export ROSMIGRATION_DATA_KEY=$(cat "$dir/data-key")
export ROSMIGRATION_DATABASE_URL="sqlite://$dir/r.db"
export RUST_LOG=warn,sqlx=error
if [ ! -f "$dir/r.db" ]; then
    echo "== demo load: $persons persons"
    /usr/bin/time -f "wall %e s" $bin demo --persons "$persons" --seed 2026 >/dev/null
fi
$bin serve --listen "127.0.0.1:$port" --no-notify >"$dir/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "$url/healthz" >/dev/null && break; sleep 1; done
vmstat 5 >"$dir/vmstat.log" &
vm=$!
echo "== $persons persons, $(nproc) cores, $(date -u +%FT%TZ), $(uptime | sed 's/.*load/load/')"
for i in $(seq 1 "$runs"); do
    echo "-- run $i"
    $bin bench search --url "$url" --connections 16 --seconds 30
    $bin bench person-page --url "$url" --connections 1 --seconds 20
    $bin bench person-page --url "$url" --connections 16 --seconds 30
done
kill $vm
echo "== vmstat over the runs: mean CPU us / sy / id / wa / st (steal) %"
awk 'NR>3 { us+=$13; sy+=$14; id+=$15; wa+=$16; st+=$17; n++ } END { if (n) printf "%.0f / %.0f / %.0f / %.0f / %.1f over %d samples\n", us/n, sy/n, id/n, wa/n, st/n, n }' "$dir/vmstat.log"
echo "== load average now: $(uptime | sed 's/.*load average: //')"
