#!/usr/bin/env bash
# The same requests against two builds (docs/BENCHMARKS.md#staff-workstations): the officer's
# name search `GET /api/persons?name=SURNAME` (first page) and the person's page
# `GET /persons/{id}` (HTML, cookie session), with wrk at 16 connections, on a SQLite demo region
# of PERSONS built by each binary with the same seed.
#
#   bench/before_after.sh OLD_BIN NEW_BIN [PERSONS]
#
# The surnames are read from the old build's folded name index (person_names, clear folded keys),
# so both builds answer the same queries. Needs wrk and sqlite3. Run it alone.
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:?old binary}; new=${2:?new binary}; persons=${3:-100000}
dir=${BENCH_DIR:-/tmp/rm-bench-ba}/$persons
mkdir -p "$dir"
[ -f "$dir/data-key" ] || head -c 32 /dev/urandom | base64 > "$dir/data-key"
export ROSMIGRATION_DATA_KEY=$(cat "$dir/data-key") RUST_LOG=warn,sqlx=error
login_cookie() { # url -> rm_session=...
    local jar="$dir/jar"; rm -f "$jar"
    local token; token=$(curl -s -c "$jar" "$1/login" | sed -n 's/.*name="login_csrf" value="\([^"]*\)".*/\1/p' | head -1)
    curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "username=officer" --data-urlencode "password=demo-officer-2026" --data-urlencode "login_csrf=$token" "$1/login"
    awk '$6 == "rm_session" { print "rm_session=" $7 }' "$jar"
}
for which in old new; do
    bin=$([ $which = old ] && echo "$old" || echo "$new")
    export ROSMIGRATION_DATABASE_URL="sqlite://$dir/$which.db"
    [ -f "$dir/$which.db" ] || $bin demo --persons "$persons" --seed 2026 >/dev/null
    $bin bench ids --count 20000 --out "$dir/$which-ids.txt" >/dev/null
    if [ $which = old ]; then
        sqlite3 "$dir/old.db" "SELECT DISTINCT surname_key FROM person_names WHERE length(surname_key) > 3 LIMIT 2000" \
            | sed 's|^|/api/persons?name=|' > "$dir/search.txt"
    fi
    sed 's|^|/persons/|' "$dir/$which-ids.txt" > "$dir/$which-pages.txt"
    $bin serve --listen 127.0.0.1:8093 --no-notify >"$dir/$which-serve.log" 2>&1 &
    server=$!
    for _ in $(seq 1 60); do curl -sf http://127.0.0.1:8093/healthz >/dev/null && break; sleep 1; done
    token=$(curl -s -H 'content-type: application/json' -d '{"username":"officer","password":"demo-officer-2026"}' http://127.0.0.1:8093/api/auth/token | sed 's/.*"token":"\([^"]*\)".*/\1/')
    cookie=$(login_cookie http://127.0.0.1:8093)
    for run in 1 2 3; do
        echo "== $which run $run: search"
        TOKEN=$token wrk -t2 -c16 -d20s --latency -s bench/paths.lua http://127.0.0.1:8093 -- "$dir/search.txt" | grep -E "Requests/sec|50%|99%|non-2xx"
        echo "== $which run $run: person page"
        COOKIE=$cookie wrk -t2 -c16 -d20s --latency -s bench/paths.lua http://127.0.0.1:8093 -- "$dir/$which-pages.txt" | grep -E "Requests/sec|50%|99%|non-2xx"
    done
    kill $server; wait $server 2>/dev/null || true
done
