#!/usr/bin/env bash
# Alert latency on a live pipe: wall time from writing an OOM-kill line into
# `culprit watch -` to reading its alert, over several trials (median and max).
set -euo pipefail
CULPRIT="${1:-.build/release/culprit}"
TRIALS="${2:-5}"
work=$(mktemp -d)
trap 'rm -rf "$work"; kill "${pid:-0}" 2>/dev/null || true' EXIT
mkfifo "$work/in" "$work/out"
"$CULPRIT" watch - --format ndjson --quiet <"$work/in" >"$work/out" &
pid=$!
exec 3>"$work/in" 4<"$work/out"
echo "2025-03-12T02:00:00Z INFO checkout started" >&3
latencies=()
for trial in $(seq 1 "$TRIALS"); do
    sleep 0.3
    start=$(date +%s%N)
    printf '2025-03-12T02:%02d:00Z kernel: Out of memory: Killed process %d (checkout%d) total-vm:4712844kB, anon-rss:2048885kB\n' \
        "$trial" "$((4000 + trial))" "$trial" >&3
    read -r -t 10 alert <&4 || { echo "alert latency: no alert within 10 s" >&2; exit 1; }
    end=$(date +%s%N)
    latencies+=($(( (end - start) / 1000 )))
done
exec 3>&-
printf '%s\n' "${latencies[@]}" | sort -n | awk '{a[NR]=$1} END {
    printf "alert latency on a live pipe: median %.1f ms, max %.1f ms over %d alerts (target < 1000 ms)\n", a[int((NR+1)/2)]/1000, a[NR]/1000, NR }'
