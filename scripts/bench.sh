#!/usr/bin/env bash
# make bench: throughput and memory of culprit against references measured in the same run.
#   1. extract vs ripgrep (`rg -c` with the same regexes) on a generated >= 500 MB corpus
#   2. analyze vs extract on the same corpus, and analyze's peak RSS
#   3. watch's peak RSS over 10 million streamed lines, and its alert latency on a live pipe
#   4. reading change records: analyze with a 1,000,000-row deploys CSV (scripts/bench-deploys.sh)
#   5. ClickHouse: extract --sink events/s, analyze --source time and bytes fetched (scripts/bench-clickhouse.sh)
#   6. the event-dense corpus (BENCH_DENSE_MB, default 500; most lines become events, several services
#      and formats in one folder and in one mixed file): extract vs ripgrep, analyze vs extract
# Figures are printed as MB/s and ratios; absolute times vary with the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_MB="${BENCH_SIZE_MB:-500}"
SEED="${BENCH_SEED:-42}"
RUNS="${BENCH_RUNS:-3}"
WATCH_LINES="${BENCH_WATCH_LINES:-10000000}"
DENSE_MB="${BENCH_DENSE_MB:-500}"
DATA=bench-data
CORPUS="$DATA/corpus-$SIZE_MB-$SEED"
DENSE="$DATA/dense-$DENSE_MB-$SEED"
CULPRIT=.build/release/culprit
LOGGEN=.build/release/loggen

command -v rg >/dev/null || { echo "bench: ripgrep (rg) is required: scripts/install-deps.sh bench" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine is required: scripts/install-deps.sh bench" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: GNU time (/usr/bin/time) is required: apt-get install time" >&2; exit 1; }

echo "== building (release)"
swift build -c release --product culprit >/dev/null
swift build -c release --product loggen >/dev/null

if [ ! -f "$CORPUS/.complete" ]; then
    echo "== generating a $SIZE_MB MB corpus (seed $SEED)"
    rm -rf "$CORPUS"
    "$LOGGEN" bench --out "$CORPUS" --size-mb "$SIZE_MB" --seed "$SEED"
    touch "$CORPUS/.complete"
fi
BYTES=$(find "$CORPUS" -type f ! -name .complete -printf '%s\n' | awk '{s+=$1} END {print s}')
MB=$(awk -v b="$BYTES" 'BEGIN {printf "%.1f", b / 1048576}')
echo "corpus: $MB MB in $(find "$CORPUS" -type f ! -name .complete | wc -l) files, $(nproc) cores"

# The same regexes for ripgrep: named groups become plain groups (Rust regex has no (?J)).
PATTERNS="$DATA/rg-patterns.txt"
"$CULPRIT" patterns list --regexes >"$PATTERNS"
# Lines never contain a newline, so `[^\n]` is `.`, `\n` inside a class is dropped,
# and a `\n` joining a multi-line record becomes a space class (ripgrep matches per line).
perl -pi -e 's/\(\?J\)//g; s/\(\?P<[a-z_0-9]*>/(/g; s/\[\^\\n\]/./g; 1 while s/(\[[^\]]*?)\\n/$1/; s/\\n/\\s/g' "$PATTERNS"
echo "regexes: $(wc -l <"$PATTERNS")"
if ! rg -c -f "$PATTERNS" "$PATTERNS" >/dev/null 2>"$DATA/rg-errors.txt"; then
    if [ -s "$DATA/rg-errors.txt" ]; then echo "bench: ripgrep rejected a pattern:" >&2; cat "$DATA/rg-errors.txt" >&2; exit 1; fi
fi

mean() { # mean seconds of command N in a hyperfine JSON export
    python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['mean'])" "$1" "$2" 2>/dev/null \
        || grep -o '"mean": *[0-9.e-]*' "$1" | sed -n "$(( $2 + 1 ))p" | sed 's/.*: *//'
}

echo
echo "== 1. extract vs ripgrep"
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$DATA/extract.json" \
    -n "culprit extract" "$CULPRIT extract --quiet $CORPUS > /dev/null" \
    -n "rg -c" "rg -c -f $PATTERNS $CORPUS > /dev/null" >/dev/null
EXTRACT=$(mean "$DATA/extract.json" 0)
RG=$(mean "$DATA/extract.json" 1)
awk -v mb="$MB" -v c="$EXTRACT" -v r="$RG" 'BEGIN {
    printf "culprit extract: %6.2f s  %7.1f MB/s\n", c, mb / c
    printf "rg -c          : %6.2f s  %7.1f MB/s\n", r, mb / r
    printf "extract throughput / ripgrep throughput = %.2f (target >= 1.00)\n", r / c }'

echo
echo "== 2. analyze vs extract"
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$DATA/analyze.json" \
    -n "culprit analyze" "$CULPRIT analyze --quiet --format json $CORPUS > /dev/null" \
    -n "culprit extract" "$CULPRIT extract --quiet $CORPUS > /dev/null" >/dev/null
ANALYZE=$(mean "$DATA/analyze.json" 0)
EXTRACT2=$(mean "$DATA/analyze.json" 1)
RSS=$( { /usr/bin/time -f '%M' "$CULPRIT" analyze --quiet --format json "$CORPUS" >/dev/null; } 2>&1 | tail -n 1)
awk -v a="$ANALYZE" -v e="$EXTRACT2" -v rss="$RSS" 'BEGIN {
    printf "analyze / extract time = %.2f (target <= 1.30)\n", a / e
    printf "analyze peak RSS = %.1f MB (target < 500 MB)\n", rss / 1024 }'

echo
echo "== 3. watch: memory over $WATCH_LINES streamed lines, alert latency"
read -r WALL RSS < <( { "$LOGGEN" stream --lines "$WATCH_LINES" --seed "$SEED" | /usr/bin/time -f '%e %M' "$CULPRIT" watch --quiet --format ndjson - >/dev/null; } 2>&1 | tail -n 1)
awk -v rss="$RSS" -v wall="$WALL" -v lines="$WATCH_LINES" 'BEGIN {
    printf "watch peak RSS over the stream = %.1f MB (target < 64 MB)\n", rss / 1024
    printf "watch throughput = %.0f lines/s (%.0f s for %d lines)\n", lines / wall, wall, lines }'
scripts/alert-latency.sh "$CULPRIT"

echo
scripts/bench-deploys.sh

echo
echo "== 5. ClickHouse: shipping, and analysis pushed down"
scripts/bench-clickhouse.sh "$CULPRIT" "$CORPUS" "$DATA"

echo
echo "== 6. the event-dense corpus"
if [ ! -f "$DENSE/.complete" ]; then
    rm -rf "$DENSE"
    "$LOGGEN" bench --dense --out "$DENSE" --size-mb "$DENSE_MB" --seed "$SEED" >/dev/null
    touch "$DENSE/.complete"
fi
DENSE_BYTES=$(find "$DENSE" -type f ! -name .complete -printf '%s\n' | awk '{s+=$1} END {print s}')
DENSE_SIZE=$(awk -v b="$DENSE_BYTES" 'BEGIN {printf "%.1f", b / 1048576}')
DENSE_LINES=$(find "$DENSE" -type f ! -name .complete -exec cat {} + | wc -l)
# Lines that gave at least one event: distinct refs (path:line) in extract's output.
DENSE_EVENT_LINES=$("$CULPRIT" extract --quiet "$DENSE" | grep -o '"ref": *"[^"]*"' | sort -u | wc -l)
DENSE_EVENTS=$("$CULPRIT" extract --quiet "$DENSE" | wc -l)
awk -v mb="$DENSE_SIZE" -v l="$DENSE_LINES" -v el="$DENSE_EVENT_LINES" -v e="$DENSE_EVENTS" 'BEGIN {
    printf "dense corpus: %s MB, %d lines, %d events; %.1f%% of lines give an event (target >= 80%%)\n", mb, l, e, 100 * el / l }'
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$DATA/dense.json" \
    -n "culprit extract" "$CULPRIT extract --quiet $DENSE > /dev/null" \
    -n "rg -c" "rg -c -f $PATTERNS $DENSE > /dev/null" \
    -n "culprit analyze" "$CULPRIT analyze --quiet --format json $DENSE > /dev/null" >/dev/null
DEXTRACT=$(mean "$DATA/dense.json" 0)
DRG=$(mean "$DATA/dense.json" 1)
DANALYZE=$(mean "$DATA/dense.json" 2)
awk -v mb="$DENSE_SIZE" -v c="$DEXTRACT" -v r="$DRG" -v a="$DANALYZE" 'BEGIN {
    printf "culprit extract: %6.2f s  %7.1f MB/s\n", c, mb / c
    printf "rg -c          : %6.2f s  %7.1f MB/s\n", r, mb / r
    printf "culprit analyze: %6.2f s  %7.1f MB/s\n", a, mb / a
    printf "dense: extract throughput / ripgrep throughput = %.2f (target >= 1.00)\n", r / c
    printf "dense: analyze / extract time = %.2f (target <= 1.10)\n", a / c }'
