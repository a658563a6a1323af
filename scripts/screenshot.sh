#!/usr/bin/env bash
# Takes screenshots of an HTML report with headless Chromium, to look at the
# page the way a person sees it: 1280 px wide (a laptop) and 390 px wide (a phone).
#
#   scripts/screenshot.sh [REPORT.html] [OUT.png]
#
# Without REPORT.html, renders the 2025-03-12 incident sample with the release
# binary (built if missing; CULPRIT_BIN overrides it). OUT.png defaults to
# docs/report-screenshot.png; the phone's is OUT-phone.png beside it.
# Installs chromium with apt-get when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

incident=samples/2025-03-12-auth-leak
out="${2:-docs/report-screenshot.png}"
phone="${out%.png}-phone.png"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

browser="${CHROMIUM:-}"
if [ -z "$browser" ]; then
    browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
fi
if [ -z "$browser" ]; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "screenshot: installing chromium" >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
    browser="$(command -v chromium)"
fi

if [ $# -ge 1 ]; then
    page="$1"
    [ -f "$page" ] || { echo "screenshot: $page: no such file" >&2; exit 1; }
else
    bin="${CULPRIT_BIN:-.build/release/culprit}"
    if [ ! -x "$bin" ]; then
        echo "screenshot: building $bin" >&2
        swift build -c release --product culprit >&2
    fi
    [ -d "$incident/logs" ] || { echo "screenshot: $incident/logs is missing; run 'make samples' first" >&2; exit 1; }
    page="$work/report.html"
    args=("$incident/logs" --deploys "$incident/deploys.csv" --tz Africa/Lagos --format html -o "$page")
    # `report` writes the page; a binary from before it existed has `analyze --format html`.
    command="report"
    "$bin" report --help >/dev/null 2>&1 || command="analyze"
    # analyze exits non-zero when it names a culprit (--fail-on); the page is what matters.
    "$bin" "$command" "${args[@]}" || [ -s "$page" ] || { echo "screenshot: culprit $command wrote no report" >&2; exit 1; }
fi

mkdir -p "$(dirname "$out")"
absolute="$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"
# shoot WIDTH HEIGHT OUT.png
shoot() {
    rm -f "$3"
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
        --user-data-dir="$work/profile" --window-size="$1,$2" \
        --screenshot="$3" "file://$absolute" >/dev/null 2>"$work/chromium.err" || {
        cat "$work/chromium.err" >&2; exit 1; }
    [ -s "$3" ] || { echo "screenshot: chromium wrote no image" >&2; cat "$work/chromium.err" >&2; exit 1; }
    echo "$3"
}
shoot 1280 2400 "$out"
shoot 390 2400 "$phone"
