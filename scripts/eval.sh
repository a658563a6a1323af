#!/usr/bin/env bash
# culprit's accuracy on randomized incidents: for each seed, `loggen scenarios`
# writes EVAL_COUNT scenarios of each fault type with their right answers;
# culprit analyzes each; `loggen score` prints the table by fault type and the
# wrong scenarios.
#   EVAL_SEEDS   seeds to draw (default "1 2 3 4 5")
#   EVAL_COUNT   scenarios per fault type and seed (default 3)
#   EVAL_DIR     where scenarios and answers are kept (default .build/eval)
#   CULPRIT_BIN, LOGGEN_BIN   the binaries (default: the release builds)
set -euo pipefail
cd "$(dirname "$0")/.."

seeds="${EVAL_SEEDS:-1 2 3 4 5}"
count="${EVAL_COUNT:-3}"
dir="${EVAL_DIR:-.build/eval}"
culprit="${CULPRIT_BIN:-.build/release/culprit}"
loggen="${LOGGEN_BIN:-.build/release/loggen}"

for binary in "$culprit" "$loggen"; do
    [ -x "$binary" ] || { echo "eval: $binary is missing; run make eval (it builds both)" >&2; exit 2; }
done
culprit="$(cd "$(dirname "$culprit")" && pwd)/$(basename "$culprit")"

roots=()
for seed in $seeds; do
    root="$dir/seed-$seed"
    rm -rf "$root"
    "$loggen" scenarios --seed "$seed" --count "$count" --out "$root" >/dev/null
    roots+=("$root")
    for scenario in "$root"/*/; do
        scenario="${scenario%/}"
        mapfile -t args < "$scenario/args"
        # culprit runs from the scenario folder: args name files relative to it.
        if ! (cd "$scenario" && "$culprit" analyze logs "${args[@]}" --format json \
                -o culprit.json 2> culprit.err); then
            echo "eval: culprit failed on $scenario (see culprit.err)" >&2
        fi
    done
done

"$loggen" score "${roots[@]}" --markdown "$dir/table.md"
echo
echo "scenarios and culprit's answers: $dir/seed-*/NNN-<fault>/ (truth.json, culprit.json); table: $dir/table.md"
