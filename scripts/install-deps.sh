#!/usr/bin/env bash
# Installs what culprit needs to build and test on Debian/Ubuntu, only when missing.
#   scripts/install-deps.sh build   libpcre2-dev, zlib, pkg-config, git (for --repo and its tests)
#   scripts/install-deps.sh test    the above, plus the test-only tools (Chromium, Prometheus, clickhouse-server)
#   scripts/install-deps.sh bench   the above, plus ripgrep and hyperfine
#   scripts/install-deps.sh drill   build's, plus what `make drill` runs: nginx, supervisor,
#                                   gunicorn, a JDK, Node.js and curl
set -euo pipefail
level="${1:-build}"

packages=()
need() { # need PACKAGE CHECK-COMMAND...
    local package="$1"; shift
    if ! "$@" >/dev/null 2>&1; then packages+=("$package"); fi
}

need pkg-config command -v pkg-config
need libpcre2-dev pkg-config --exists libpcre2-8
need zlib1g-dev pkg-config --exists zlib
need git command -v git
if [ "$level" = test ] || [ "$level" = bench ]; then
    need chromium sh -c 'command -v chromium || command -v chromium-browser'
    need prometheus command -v prometheus
    need fonts-dejavu-core test -d /usr/share/fonts/truetype/dejavu
    need clickhouse-server sh -c 'command -v clickhouse-server || test -x /usr/sbin/clickhouse-server'
fi
if [ "$level" = drill ]; then
    need nginx-light sh -c 'command -v nginx || test -x /usr/sbin/nginx'
    need supervisor sh -c 'command -v supervisord && command -v supervisorctl'
    need gunicorn command -v gunicorn
    need default-jdk-headless sh -c 'command -v java && command -v javac'
    need nodejs command -v node
    need curl command -v curl
fi
if [ "$level" = bench ]; then
    need ripgrep command -v rg
    need hyperfine command -v hyperfine
    need time test -x /usr/bin/time
fi

[ "${#packages[@]}" -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
        echo "install-deps: need root (or sudo) to install: ${packages[*]}" >&2; exit 1
    fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps: no apt-get here; install these yourself: ${packages[*]}" >&2
    exit 1
fi
echo "install-deps: installing ${packages[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
# Test-only tools are optional: their tests skip with a message when absent.
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null || {
    echo "install-deps: some packages could not be installed; retrying one by one" >&2
    for package in "${packages[@]}"; do
        $sudo apt-get install -y -qq --no-install-recommends "$package" >/dev/null \
            || echo "install-deps: $package unavailable" >&2
    done
}
pkg-config --exists libpcre2-8 || { echo "install-deps: libpcre2-dev is required" >&2; exit 1; }
