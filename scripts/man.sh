#!/usr/bin/env bash
# Writes culprit's man page from its ArgumentParser definitions, with
# swift-argument-parser's generate-manual tool (the tool behind its GenerateManual
# plugin), built from the package's own checkout: offline, non-interactive.
#
#   scripts/man.sh [CULPRIT_BINARY] [OUT.1]
#
# CULPRIT_BINARY defaults to .build/release/culprit, OUT.1 to docs/culprit.1.
# The page's date is the last commit's, so the same sources give the same page.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${1:-.build/release/culprit}"
out="${2:-docs/culprit.1}"
swift="${SWIFT:-swift}"
checkout=.build/checkouts/swift-argument-parser
tool=.build/manual-tool/release/generate-manual

[ -x "$bin" ] || { echo "man: $bin is missing; run 'make release'" >&2; exit 1; }
if [ ! -x "$tool" ]; then
    [ -d "$checkout" ] || "$swift" package resolve >&2
    echo "man: building generate-manual from $checkout" >&2
    "$swift" build -c release --package-path "$checkout" --scratch-path .build/manual-tool --product generate-manual >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
date="$(git log -1 --format=%cs 2>/dev/null || date -u +%Y-%m-%d)"
"$tool" "$bin" --date "$date" --output-directory "$work" >&2
[ -s "$work/culprit.1" ] || { echo "man: generate-manual wrote no culprit.1" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
# A blank line in a discussion is a paragraph break in mdoc, not an empty line.
sed 's/^$/.Pp/' "$work/culprit.1" > "$out"
echo "$out"
