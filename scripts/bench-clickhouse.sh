#!/usr/bin/env bash
# make bench, part 5: culprit with ClickHouse on the bench corpus (a local
# clickhouse-server on loopback, started and stopped here):
#   - events per second shipped by `extract --sink`, against `extract` to /dev/null
#   - `analyze --source` time against a local `analyze` of the same files
#   - bytes `analyze --source` fetched against the bytes the events take
#     (their NDJSON, and the table's uncompressed columns), target < 5%
#   - whether its findings equal the local run's
#   scripts/bench-clickhouse.sh CULPRIT CORPUS DATA_DIR
set -euo pipefail
CULPRIT="$1"; CORPUS="$2"; DATA="$3"
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v clickhouse-server >/dev/null && [ ! -x /usr/sbin/clickhouse-server ]; then
    echo "ClickHouse: skipped (clickhouse-server is not installed: scripts/install-deps.sh bench)"; exit 0
fi
dir="$DATA/clickhouse"
rm -rf "$dir"
port="$("$here/clickhouse/cluster.sh" start "$dir" 1 18420 | head -n 1)"
trap '"$here/clickhouse/cluster.sh" stop "$dir"' EXIT
address="clickhouse://127.0.0.1:$port/bench"

ms() { echo $(( $(date +%s%N) / 1000000 )); }
t0=$(ms); "$CULPRIT" extract --quiet "$CORPUS" >"$DATA/events.ndjson"; t1=$(ms)
EVENTS=$(wc -l <"$DATA/events.ndjson"); NDJSON=$(wc -c <"$DATA/events.ndjson"); rm -f "$DATA/events.ndjson"
t2=$(ms); "$CULPRIT" extract --quiet "$CORPUS" --sink "$address" --host bench-1; t3=$(ms)
curl -s "http://127.0.0.1:$port/" --data-binary "OPTIMIZE TABLE bench.events FINAL" >/dev/null || true
TABLE=$(curl -s "http://127.0.0.1:$port/" --data-binary \
    "SELECT sum(data_uncompressed_bytes), sum(data_compressed_bytes) FROM system.parts WHERE database = 'bench' AND table = 'events' AND active FORMAT TabSeparated")
STORED=$(curl -s "http://127.0.0.1:$port/" --data-binary "SELECT count() FROM bench.events FINAL")

t4=$(ms); "$CULPRIT" analyze --quiet --format json "$CORPUS" >"$DATA/local.json"; t5=$(ms)
t6=$(ms); "$CULPRIT" analyze --format json --source "$address" >"$DATA/store.json" 2>"$DATA/store.err"; t7=$(ms)
FETCHED=$(sed -n 's/.*fetched [0-9]* rows, \([0-9]*\) bytes.*/\1/p' "$DATA/store.err" | tail -n 1)
INFLATED=$(sed -n 's/.*bytes (\([0-9]*\) inflated).*/\1/p' "$DATA/store.err" | tail -n 1)
SAME="not compared (python3 missing)"
if command -v python3 >/dev/null; then
    SAME=$(python3 - "$DATA/local.json" "$DATA/store.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
a.pop("inputs", None); b.pop("inputs", None)
print("equal" if a == b else "DIFFERENT: " + ", ".join(k for k in a if a.get(k) != b.get(k)))
PY
)
fi
awk -v ev="$EVENTS" -v stored="$STORED" -v ndjson="$NDJSON" -v table="$TABLE" -v fetched="${FETCHED:-0}" -v inflated="${INFLATED:-0}" -v same="$SAME" \
    -v ex=$((t1 - t0)) -v sink=$((t3 - t2)) -v local=$((t5 - t4)) -v store=$((t7 - t6)) 'BEGIN {
    split(table, parts, "\t")
    printf "extract --sink: %d events in %.2f s = %.0f events/s (extract to /dev/null: %.2f s; ratio %.2f); %d stored once\n", ev, sink / 1000, ev / (sink / 1000), ex / 1000, sink / ex, stored
    printf "analyze --source: %.2f s, local analyze: %.2f s (ratio %.2f)\n", store / 1000, local / 1000, store / local
    printf "bytes fetched (gzip, as sent): %d = %.2f%% of the events as NDJSON (%d B), %.2f%% of the table uncompressed (%d B) (target < 5%%)\n", fetched, 100 * fetched / ndjson, ndjson, 100 * fetched / parts[1], parts[1]
    printf "the same answers inflated: %d B = %.2f%% of the NDJSON\n", inflated, 100 * inflated / ndjson
    printf "findings of analyze --source against the local run: %s\n", same }'
