#!/usr/bin/env bash
# Import throughput and memory: generated interior-ministry crossings (CSV) into a fresh SQLite
# database per run, through `rosmigration bench import` (the real import pipeline).
# Usage: bench/intake.sh [ROWS] [RUNS]      (default 1000000 rows, 3 runs)
# Prints, per run, the summary line and /usr/bin/time's wall time and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-3}
bin=${ROSMIGRATION_BIN:-${CARGO_TARGET_DIR:-target}/release/rosmigration}
dir=target/bench-intake
mkdir -p "$dir"
export ROSMIGRATION_DATA_KEY=${ROSMIGRATION_DATA_KEY:-$(head -c 32 /dev/urandom | base64)}
"$bin" bench import --rows "$rows" --dir "$dir" --generate-only --database-url "sqlite://$dir/unused.db"
ls -l "$dir/crossings-$rows.csv"
for i in $(seq 1 "$runs"); do
    db="$dir/run-$rows-$i.db"
    rm -f "$db" "$db-wal" "$db-shm"
    /usr/bin/time -v "$bin" --database-url "sqlite://$db" bench import --rows "$rows" --dir "$dir" 2> "$dir/time-$rows-$i.txt"
    grep -E "Elapsed|Maximum resident" "$dir/time-$rows-$i.txt"
    rm -f "$db" "$db-wal" "$db-shm"
done
