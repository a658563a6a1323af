#!/usr/bin/env bash
# Builds the libFuzzer targets in Tests/Fuzz (the library's layers and Yams compiled with
# -sanitize=fuzzer,address) and runs each for a bounded time.
#   scripts/fuzz.sh [TARGET...]           FUZZ_SECONDS (default 60) per target; the corpus grows in .build-fuzz/corpus
#   scripts/fuzz.sh --smoke [TARGET...]   FUZZ_SMOKE_SECONDS (default 10) per target, -seed=1, a fresh corpus (make test)
#   scripts/fuzz.sh --build               build only
#   scripts/fuzz.sh --list                the targets
# Targets build and run FUZZ_JOBS at a time (default: one per core).
# Each run starts from the target's committed seeds and regressions, and from
# seeds cut at run time from samples/ and, when present, ../shared/realdata.
# A crash leaves its input in .build-fuzz/artifacts/TARGET/; the run fails unless
# the crash is one listed in Tests/Fuzz/known-crashes.txt (reported, fix pending).
# Keep a crash's input in Tests/Fuzz/TARGET/regressions/: every run replays them.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT="${SWIFT:-swift}"
SWIFTC="${SWIFTC:-swiftc}"
FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
FUZZ_SMOKE_SECONDS="${FUZZ_SMOKE_SECONDS:-10}"
REALDATA="${REALDATA:-../shared/realdata}"
OUT=.build-fuzz
FUZZ=Tests/Fuzz

say() { echo "fuzz: $*" >&2; }

# Swift's own crash backtracer fights ASan's for the same signal (and can hang):
# libFuzzer's report of the crash is the one wanted. Leaks are not what is tested.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"

all_targets() {
    for dir in "$FUZZ"/*/; do
        dir="${dir%/}"
        [ -f "$dir/main.swift" ] && basename "$dir"
    done
}

# Largest input per target: lines for the decoders, a few KiB of log for the extractors.
max_len() {
    case "$1" in
        timestamp) echo 256 ;;
        line-decoder | json-record | logfmt) echo 4096 ;;
        pattern-pack) echo 8192 ;;
        *) echo 4096 ;;
    esac
}

# --- toolchain ---------------------------------------------------------------

clang_for_swiftc() {
    local swiftc_path
    swiftc_path="$(command -v "$SWIFTC")" || return 1
    local beside
    beside="$(dirname "$(readlink -f "$swiftc_path")")/clang"
    if [ -x "$beside" ]; then echo "$beside"; else command -v clang; fi
}

# Whether this toolchain links a libFuzzer program at all (Xcode's does not ship libFuzzer).
can_build_fuzzers() {
    command -v "$SWIFTC" >/dev/null 2>&1 || { say "no swiftc on PATH"; return 1; }
    CLANG="$(clang_for_swiftc)" || { say "no clang beside swiftc"; return 1; }
    mkdir -p "$OUT/probe"
    cat >"$OUT/probe/probe.swift" <<'EOF'
@_cdecl("LLVMFuzzerTestOneInput")
public func probe(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt { 0 }
EOF
    if ! "$SWIFTC" -parse-as-library -sanitize=fuzzer,address "$OUT/probe/probe.swift" -o "$OUT/probe/probe" \
        >"$OUT/probe/log" 2>&1; then
        say "$SWIFTC cannot link a libFuzzer target here ($(head -n 1 "$OUT/probe/log"))"
        return 1
    fi
}

# --- build -------------------------------------------------------------------

# Whether $1 is missing or older than any of the files after it.
stale() {
    local output="$1"; shift
    [ -e "$output" ] || return 0
    [ -n "$(find "$@" -newer "$output" -print -quit 2>/dev/null)" ]
}

SANITIZE=(-sanitize=fuzzer,address)
# The layer modules the targets use, in dependency order (Package.swift).
# CulpritClickHouse is built from its wire parsers only (CLICKHOUSE_WIRE): the rest needs SwiftNIO.
FUZZ_MODULES=(CulpritModel CulpritIngest CulpritExtract CulpritCorrelate CulpritRender CulpritClickHouse)
CLICKHOUSE_WIRE=(ClickHouseAddress ClickHouseError TabSeparated)
FUZZ_OBJECTS=("${FUZZ_MODULES[@]/#/$OUT/obj/}")
FUZZ_OBJECTS=("${FUZZ_OBJECTS[@]/%/.o}")
# -O, not -Onone: the chunk extractor ran 3,000 inputs in 5.9 s instead of 21.0 s
# (3.6x; the small parsers, whose time is libFuzzer's own, gain nothing), and the
# overflow and bounds checks the fuzzer is after stay in (-Ounchecked would drop them).
OPTIMIZE=(-O -gline-tables-only)

build() {
    mkdir -p "$OUT/gen" "$OUT/obj" "$OUT/modules" "$OUT/bin"
    "$SWIFT" package --scratch-path "$OUT" resolve >/dev/null
    local yams="$OUT/checkouts/Yams/Sources"
    [ -d "$yams/Yams" ] || { say "Yams sources not found in $OUT/checkouts"; exit 1; }

    # The built-in packs, embedded the way the EmbedPatterns plugin embeds them.
    if stale "$OUT/gen/EmbeddedPatternPacks.swift" Sources/PatternEmbedder patterns; then
        "$SWIFTC" -O Sources/PatternEmbedder/main.swift -o "$OUT/gen/PatternEmbedder"
        "$OUT/gen/PatternEmbedder" "$OUT/gen/EmbeddedPatternPacks.swift" patterns/*.yaml
    fi

    if stale "$OUT/obj/cyaml.stamp" "$yams/CYaml"; then
        say "building CYaml"
        for source in "$yams"/CYaml/src/*.c; do
            "$CLANG" -c -O1 -gline-tables-only -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_EXPORT \
                -I "$yams/CYaml/include" "$source" -o "$OUT/obj/cyaml-$(basename "$source" .c).o"
        done
        touch "$OUT/obj/cyaml.stamp"
    fi

    if stale "$OUT/obj/Yams.o" "$yams/Yams" "$OUT/obj/cyaml.stamp"; then
        say "building Yams"
        "$SWIFTC" -parse-as-library -module-name Yams -wmo "${OPTIMIZE[@]}" "${SANITIZE[@]}" -D SWIFT_PACKAGE \
            -suppress-warnings -I "$yams/CYaml/include" \
            -emit-module -emit-module-path "$OUT/modules/Yams.swiftmodule" -c -o "$OUT/obj/Yams.o" "$yams"/Yams/*.swift
    fi

    # The library's layers, bottom first, each a module built with -enable-testing and
    # the package's name, so the targets reach their internal and package types
    # (ChunkExtractor, JSONRecordParser…) as the unit tests do.
    local module previous=()
    for module in "${FUZZ_MODULES[@]}"; do
        if stale "$OUT/obj/$module.o" "Sources/$module" Sources/CPCRE2 Sources/CZlib "$OUT/obj/Yams.o" \
            "$OUT/gen/EmbeddedPatternPacks.swift" "${previous[@]}"; then
            say "building $module"
            local sources=()
            if [ "$module" = CulpritClickHouse ]; then
                sources=("${CLICKHOUSE_WIRE[@]/#/Sources/$module/}")
                sources=("${sources[@]/%/.swift}")
            else
                while IFS= read -r -d '' source; do sources+=("$source"); done \
                    < <(find "Sources/$module" -name '*.swift' -print0 | sort -z)
            fi
            [ "$module" = CulpritExtract ] && sources+=("$OUT/gen/EmbeddedPatternPacks.swift")
            "$SWIFTC" -parse-as-library -module-name "$module" -package-name culprit -swift-version 6 -enable-testing -wmo \
                "${OPTIMIZE[@]}" "${SANITIZE[@]}" -I "$OUT/modules" -I "$yams/CYaml/include" -I Sources/CPCRE2 -I Sources/CZlib \
                -emit-module -emit-module-path "$OUT/modules/$module.swiftmodule" -c -o "$OUT/obj/$module.o" \
                "${sources[@]}"
        fi
        previous+=("$OUT/obj/$module.o")
    done

    local target
    for target in "$@"; do
        if ! stale "$OUT/bin/$target" "$FUZZ/$target/main.swift" "$FUZZ/Support" "${FUZZ_OBJECTS[@]}"; then continue; fi
        say "building $target"
        build_target "$target" &
        throttle
    done
    wait_all || { say "a target did not build"; exit 1; }
}

build_target() {
    local yams="$OUT/checkouts/Yams/Sources"
    "$SWIFTC" -parse-as-library -module-name "FuzzTarget" -package-name culprit -swift-version 6 "${OPTIMIZE[@]}" "${SANITIZE[@]}" \
        -I "$OUT/modules" -I "$yams/CYaml/include" -I Sources/CPCRE2 -I Sources/CZlib \
        -use-ld=lld "$FUZZ/$1/main.swift" "$FUZZ"/Support/*.swift \
        "${FUZZ_OBJECTS[@]}" "$OUT/obj/Yams.o" "$OUT"/obj/cyaml-*.o -lpcre2-8 -lz \
        -o "$OUT/bin/$1"
}

# At most FUZZ_JOBS background jobs (default: one per core): throttle waits for a
# free slot, wait_all for the rest, failing when any job failed.
JOBS="${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}"
failed_jobs=0
throttle() {
    while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n || failed_jobs=$((failed_jobs + 1)); done
}
wait_all() {
    while [ "$(jobs -rp | wc -l)" -gt 0 ]; do wait -n || failed_jobs=$((failed_jobs + 1)); done
    local failed="$failed_jobs"
    failed_jobs=0
    [ "$failed" = 0 ]
}

# --- seeds -------------------------------------------------------------------

# Log files to cut seeds from: the samples, and the real logs when present.
log_files() {
    find samples -path '*/logs/*' -type f | sort
    if [ -d "$REALDATA" ]; then
        find "$REALDATA/formats" "$REALDATA/loghub" -maxdepth 1 -type f -name '*.log' 2>/dev/null | sort
    fi
}

# write_lines NAME CHOICES MAX_LEN: each line of stdin (its first MAX_LEN bytes) as a seed
# file NAME1, NAME2…, after the choice bytes CHOICES.
write_lines() {
    local name="$1" choices="$2" limit="$3" count=0 line
    while IFS= read -r line; do
        count=$((count + 1))
        printf '%s%s\n' "$choices" "${line:0:$limit}" >"$name$count"
    done
}

# seeds TARGET: fills $OUT/seeds/TARGET from the logs (not committed: real logs stay out of the repository).
seeds() {
    local target="$1" dir="$OUT/seeds/$1"
    rm -rf "$dir"
    mkdir -p "$dir"
    local files=()
    while IFS= read -r file; do files+=("$file"); done < <(log_files)
    local file name
    case "$target" in
        line-decoder)
            # Every line in the text envelope ('0', UTC), and logfmt files' lines in the logfmt one ('3') too.
            for file in "${files[@]}"; do head -n 25 "$file"; done | LC_ALL=C write_lines "$dir/line-" 00 2000
            for file in "${files[@]}"; do
                case "$file" in *logfmt*) head -n 25 "$file" ;; esac
            done | LC_ALL=C write_lines "$dir/logfmt-" 30 2000 ;;
        json-record)
            cat "${files[@]}" | LC_ALL=C grep -a '^{' | head -n 2000 | LC_ALL=C write_lines "$dir/line-" "" 4000 ;;
        logfmt)
            cat "${files[@]}" | LC_ALL=C grep -a -E '^[A-Za-z_.@/-]+=' | head -n 2000 | LC_ALL=C write_lines "$dir/line-" "" 4000 ;;
        timestamp)
            for file in "${files[@]}"; do head -n 10 "$file"; done | LC_ALL=C write_lines "$dir/line-" 0 200 ;;
        chunk-extractor | streaming-extractor)
            # Four choice bytes (UTC, no line limit, detected envelope, a service path; for the
            # streaming target a cut after every other line), then the first 4 KiB of a log (max_len).
            local prefix=0000
            [ "$target" = streaming-extractor ] && prefix=000U
            for file in "${files[@]}"; do
                name="$(basename "$(dirname "$file")")-$(basename "$file")"
                { printf '%s' "$prefix"; head -c 4096 "$file"; } >"$dir/$name"
            done ;;
        pattern-pack)
            # Each built-in pattern as a pack of its own: small inputs keep this target fast.
            local pack
            for pack in patterns/*.yaml; do
                awk -v stem="$dir/$(basename "$pack" .yaml)-" '
                    !listed { header = header $0 "\n"; if ($0 ~ /^patterns:/) listed = 1; next }
                    /^  - / { if (file) close(file); count++; file = stem count ".yaml"; printf "%s", header > file }
                    file { print > file }
                ' "$pack"
            done ;;
        deploy-records)
            for file in samples/*/deploys.*; do
                name="$(basename "$(dirname "$file")")-$(basename "$file")"
                { printf '0'; cat "$file"; } >"$dir/$name"
            done ;;
        gzip)
            # Mode 0 (these bytes are gzip), pieces of 65 bytes, reads of 1041; mode 1 (gzip these bytes).
            for file in "${files[@]}"; do
                name="$(basename "$(dirname "$file")")-$(basename "$file")"
                { printf '0AA0'; head -c 4096 "$file" | gzip -c; } >"$dir/$name.gz"
            done
            for file in "${files[@]:0:10}"; do
                name="$(basename "$(dirname "$file")")-$(basename "$file")"
                { printf '1AA0'; head -c 2048 "$file"; } >"$dir/$name"
            done ;;
    esac
}

# --- run ---------------------------------------------------------------------

KNOWN="$FUZZ/known-crashes.txt"

# signature TARGET FILE: what a crash input does, in one line: where it traps (the
# first frame in Sources/) and what the trap says. Empty when it does not crash.
signature() {
    local target="$1" file="$2" log="$OUT/logs/$1.replay.log"
    if "$OUT/bin/$target" -timeout=30 -rss_limit_mb=4096 "$file" >"$log" 2>&1; then return 0; fi
    local frame message
    frame="$(grep -o -m 1 -E 'Sources/[A-Za-z0-9_/+.-]+\.swift:[0-9]+' "$log" || true)"
    message="$(grep -o -m 1 -E 'Fatal error: .*|Swift runtime failure: [a-z ]+|ERROR: AddressSanitizer: [a-z-]+|ERROR: libFuzzer: [a-z -]+' "$log" || true)"
    echo "${frame:-no frame in Sources/}: ${message:-crash}"
}

# known SIGNATURE: the line of known-crashes.txt whose text (before ` | `) the signature contains.
known() {
    local line pattern
    [ -f "$KNOWN" ] || return 1
    while IFS= read -r line; do
        case "$line" in '#'* | '') continue ;; esac
        pattern="${line%% | *}"
        case "$1" in *"$pattern"*) echo "$line"; return 0 ;; esac
    done <"$KNOWN"
    return 1
}

# classify TARGET FILE WHERE: what a crash input is. A known crash is appended to
# $OUT/logs/TARGET.known (WHERE and the finding); returns 1 when it is not a known one.
classify() {
    local target="$1" file="$2" where="$3" sig entry
    sig="$(signature "$target" "$file")"
    if [ -z "$sig" ]; then
        [ "$where" = regression ] && return 0
        say "$target: $file crashed while fuzzing but not on replay (a timeout or memory limit?)"
        return 1
    fi
    if entry="$(known "$sig")"; then
        echo "$where: ${entry#* | }" >>"$OUT/logs/$target.known"
        return 0
    fi
    say "$target: NEW CRASH ($where): $sig"
    say "    replay: SWIFT_BACKTRACE=enable=no $OUT/bin/$target $file"
    return 1
}

# run TARGET SECONDS SMOKE: replays the target's regressions, then fuzzes it in
# fork mode (which goes on past a crash, so one known crash does not stop the
# search for others). Returns non-zero when a crash is not a known one.
run() {
    local target="$1" seconds="$2" smoke="$3" failed=0
    local corpus="$OUT/corpus/$target" artifacts="$OUT/artifacts/$target" log="$OUT/logs/$target.log"
    local options=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -max_total_time="$seconds"
                   -max_len="$(max_len "$target")" -timeout=20 -rss_limit_mb=4096 -dict="$FUZZ/hostile.dict"
                   -artifact_prefix="$artifacts/")
    if [ "$smoke" = 1 ]; then
        corpus="$OUT/smoke-corpus/$target"
        rm -rf "$corpus"
        options+=(-seed=1)
    fi
    mkdir -p "$corpus" "$artifacts" "$OUT/logs"
    rm -f "$OUT/logs/$target.known"
    local file
    for file in "$FUZZ/$target"/regressions/*; do
        [ -f "$file" ] || continue
        classify "$target" "$file" regression || failed=1
    done
    seeds "$target"
    local inputs=("$corpus" "$OUT/seeds/$target")
    [ -d "$FUZZ/$target/seeds" ] && inputs+=("$FUZZ/$target/seeds")
    local started="$OUT/logs/$target.started"
    touch "$started"
    "$OUT/bin/$target" "${options[@]}" "${inputs[@]}" >"$log" 2>&1 || true
    local runs
    runs="$(grep -o -E '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')"
    local found=0
    while IFS= read -r file; do
        found=$((found + 1))
        classify "$target" "$file" fuzzing || failed=1
    done < <(find "$artifacts" -type f -newer "$started" | sort)
    say "$target: ${runs:-0} inputs in ${seconds} s; $found crash input(s) found, $([ "$failed" = 0 ] && echo 'none new' || echo 'NEW ONES ABOVE')"
    if [ -f "$OUT/logs/$target.known" ]; then
        sort "$OUT/logs/$target.known" | uniq -c | sed 's/^ */    known, fix pending: ×/' >&2
    fi
    return "$failed"
}

mode=fuzz
case "${1:-}" in
    --smoke) mode=smoke; shift ;;
    --build) mode=build; shift ;;
    --list) all_targets; exit 0 ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || mapfile -t targets < <(all_targets)
for target in "${targets[@]}"; do
    [ -f "$FUZZ/$target/main.swift" ] || { say "no target $target (see scripts/fuzz.sh --list)"; exit 2; }
done

if ! can_build_fuzzers; then
    say "skipped: this toolchain cannot build libFuzzer targets (Swift on Linux can)"
    exit 0
fi
[ -d "$REALDATA" ] || say "$REALDATA absent: seeding from samples/ and the committed seeds only"
build "${targets[@]}"
[ "$mode" = build ] && exit 0

seconds="$FUZZ_SECONDS"
smoke=0
if [ "$mode" = smoke ]; then seconds="$FUZZ_SMOKE_SECONDS"; smoke=1; fi
# The targets run FUZZ_JOBS at a time; each one's report is printed when all are done, in order.
mkdir -p "$OUT/logs"
for target in "${targets[@]}"; do
    ( if run "$target" "$seconds" "$smoke" >"$OUT/logs/$target.report" 2>&1; then status=0; else status=1; fi
      echo "$status" >"$OUT/logs/$target.status" ) &
    throttle
done
wait_all || true
crashed=()
for target in "${targets[@]}"; do
    cat "$OUT/logs/$target.report" >&2
    [ "$(cat "$OUT/logs/$target.status")" = 0 ] || crashed+=("$target")
done
if [ "${#crashed[@]}" -gt 0 ]; then
    say "${#crashed[@]} of ${#targets[@]} targets found a crash that is not in $KNOWN: ${crashed[*]}"
    exit 1
fi
say "${#targets[@]} targets, ${seconds} s each, $JOBS at a time: no new crash"
