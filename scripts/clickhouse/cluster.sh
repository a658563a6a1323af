#!/usr/bin/env bash
# Starts or stops a local ClickHouse cluster for culprit's tests and bench: N
# clickhouse-server processes on loopback, each its own shard of the cluster
# `culprit_cluster` (so a Distributed table over it spans all of them).
#   scripts/clickhouse/cluster.sh start DIR [N] [BASE_PORT]   prints one HTTP port per line
#   scripts/clickhouse/cluster.sh stop DIR
#   scripts/clickhouse/cluster.sh stop-one DIR K    stops server K (as a crash would: SIGKILL)
#   scripts/clickhouse/cluster.sh start-one DIR K   starts server K again on its own data, prints its port
# Server k (from 0) listens for HTTP on BASE_PORT+2k and for its native protocol
# on BASE_PORT+2k+1. Logs and data stay in DIR/sK.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
action="${1:?usage: cluster.sh start|stop DIR [N] [BASE_PORT]}"
dir="${2:?usage: cluster.sh start|stop DIR [N] [BASE_PORT]}"
count="${3:-2}"
base="${4:-18120}"
server="$(command -v clickhouse-server || echo /usr/sbin/clickhouse-server)"
[ -x "$server" ] || server="$(command -v clickhouse || true)"

stop() {
    for pidfile in "$dir"/s*/pid; do
        [ -f "$pidfile" ] || continue
        pid="$(cat "$pidfile")"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "$pidfile"
    done
}

launch() { # launch K: starts server K from its config in DIR/sK
    local sdir="$dir/s$1"
    if [ "$(basename "$server")" = clickhouse ]; then
        (cd "$sdir" && exec "$server" server --config-file="$sdir/config.xml" >>"$sdir/stdout.log" 2>&1) &
    else
        (cd "$sdir" && exec "$server" --config-file="$sdir/config.xml" >>"$sdir/stdout.log" 2>&1) &
    fi
    echo $! >"$sdir/pid"
}

wait_ready() { # wait_ready K: prints K's HTTP port once it accepts connections
    local port
    port="$(sed -n 's|.*<http_port>\([0-9]*\)</http_port>.*|\1|p' "$dir/s$1/config.xml")"
    for _ in $(seq 1 300); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
        kill -0 "$(cat "$dir/s$1/pid")" 2>/dev/null || break
        sleep 0.1
    done
    echo "cluster.sh: server $1 did not start on port $port; see $dir/s$1/server.err.log:" >&2
    tail -5 "$dir/s$1/server.err.log" "$dir/s$1/stdout.log" >&2 2>/dev/null || true
    return 1
}

if [ "$action" = stop ]; then stop; exit 0; fi
if [ "$action" = stop-one ]; then
    k="${3:?usage: cluster.sh stop-one DIR K}"
    pid="$(cat "$dir/s$k/pid" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    rm -f "$dir/s$k/pid"
    exit 0
fi
if [ "$action" = start-one ]; then
    k="${3:?usage: cluster.sh start-one DIR K}"
    launch "$k"
    wait_ready "$k"
    exit $?
fi
[ "$action" = start ] || { echo "cluster.sh: unknown action $action" >&2; exit 2; }
if [ -z "$server" ] || [ ! -x "$server" ]; then
    echo "cluster.sh: clickhouse-server is not installed (apt-get install clickhouse-server)" >&2; exit 3
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
stop

shards=""
for k in $(seq 0 $((count - 1))); do
    shards+="            <shard><replica><host>127.0.0.1</host><port>$((base + 2 * k + 1))</port></replica></shard>"$'\n'
done
for k in $(seq 0 $((count - 1))); do
    sdir="$dir/s$k"
    mkdir -p "$sdir/data" "$sdir/tmp" "$sdir/user_files" "$sdir/format_schemas"
    cp "$here/users.xml" "$sdir/users.xml"
    sed -e "s|@DIR@|$sdir|g" -e "s|@HTTP@|$((base + 2 * k))|g" -e "s|@TCP@|$((base + 2 * k + 1))|g" \
        "$here/server.xml.in" | awk -v shards="$shards" '{ if ($0 == "@SHARDS@") printf "%s", shards; else print }' >"$sdir/config.xml"
    launch "$k"
done
for k in $(seq 0 $((count - 1))); do
    wait_ready "$k" || { stop; exit 1; }
done
