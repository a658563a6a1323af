#!/usr/bin/env bash
# Reading change records: `culprit analyze` on the 2025-03-12 sample with a generated
# deploys CSV of 1,000,000 rows (200 services over two years, about 60 MB) beside the
# sample's own, against the same run without it: the difference is what reading and
# sifting the records costs. Target: under 10 s for 1,000,000 rows (release build).
# Step 4 of `make bench`; runs alone too: scripts/bench-deploys.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS="${BENCH_DEPLOY_ROWS:-1000000}"
RUNS="${BENCH_RUNS:-3}"
DATA=bench-data/deploys
CSV="$DATA/deploys-$ROWS.csv"
CULPRIT=.build/release/culprit
SAMPLE=samples/2025-03-12-auth-leak
[ -x /usr/bin/time ] || { echo "bench: GNU time (/usr/bin/time) is required: apt-get install time" >&2; exit 1; }

echo "== building (release)"
swift build -c release --product culprit >/dev/null

mkdir -p "$DATA"
if [ ! -f "$CSV" ]; then
    echo "== generating $ROWS deploy rows"
    python3 - "$ROWS" "$CSV" <<'PY'
import datetime, sys
rows, path = int(sys.argv[1]), sys.argv[2]
end = datetime.datetime(2025, 3, 13, tzinfo=datetime.timezone.utc)
step = datetime.timedelta(days=730) / rows
with open(path, "w") as out:
    out.write("time,service,version,kind,sha,actor\n")
    for i in range(rows):
        at = end - step * (rows - i)
        kind = "rollback" if i % 97 == 0 else "deploy"
        out.write(f"{at:%Y-%m-%dT%H:%M:%S}Z,svc-{i % 200},1.{i // 200}.0,{kind},{i * 2654435761 % 16**7:07x},ci-bot\n")
PY
fi
echo "deploys: $ROWS rows, $(du -m "$CSV" | cut -f1) MB, $(nproc) cores"

best() { # best wall seconds and its peak RSS (KB) of RUNS runs of "$@"
    local best_wall="" best_rss="" measured="$DATA/time.txt"
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f '%e %M' -o "$measured" "$@" >/dev/null 2>&1
        read -r wall rss <"$measured"
        if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN {exit !(a < b)}'; then best_wall=$wall; best_rss=$rss; fi
    done
    echo "$best_wall $best_rss"
}

echo
echo "== 4. change records: analyze with and without $ROWS deploy rows"
ARGS=(analyze --quiet --format json --tz Africa/Lagos "$SAMPLE/logs" --deploys "$SAMPLE/deploys.csv")
read -r WITHOUT WITHOUT_RSS < <(best "$CULPRIT" "${ARGS[@]}")
read -r WITH WITH_RSS < <(best "$CULPRIT" "${ARGS[@]}" --deploys "$CSV")
TOP=$("$CULPRIT" "${ARGS[@]}" --deploys "$CSV" | python3 -c 'import json,sys; s=json.load(sys.stdin)["suspects"][0]; print(s["service"], s["version"], s["verdict"])')
awk -v with="$WITH" -v without="$WITHOUT" -v rows="$ROWS" -v rss="$WITH_RSS" -v base="$WITHOUT_RSS" -v top="$TOP" 'BEGIN {
    cost = with - without
    printf "analyze without the rows: %6.2f s, peak RSS %.0f MB\n", without, base / 1024
    printf "analyze with the rows:    %6.2f s, peak RSS %.0f MB (top suspect still: %s)\n", with, rss / 1024, top
    printf "reading %d rows costs %.2f s: %.0f rows/s (target: 1,000,000 rows under 10 s)\n", rows, cost, (cost > 0 ? rows / cost : 0) }'
