#!/usr/bin/env bash
# make drill: real services on loopback, a real leak deployed, culprit run on what they logged.
#
#   nginx (gateway) -> orders (Node.js, pino-format JSON on stdout)
#                   -> auth (JVM, java.util.logging console format, unified GC log)
#                   -> inventory (Python WSGI app under gunicorn)
# all kept up by supervisord. A load generator sends steady traffic through nginx.
# Timeline (each span drawn from DRILL_SEED): baseline; an innocent deploy of auth;
# the deploy of orders 2.4.0, whose response cache keeps every response forever, so
# V8 dies with "JavaScript heap out of memory" under --max-old-space-size=48;
# supervisord restarts it, it dies again; a rollback to 2.3.0; recovery.
# Each deploy/rollback is appended to deploys.csv when it is performed, as a CD
# system records it. Then culprit analyzes the logs and the run passes when the
# top suspect is orders 2.4.0 `likely` and no other change is `likely`.
#
# Environment: DRILL_RUNS (default 1), DRILL_SEED (default: the current epoch second;
# run N uses DRILL_SEED+N-1), CULPRIT (default .build/release/culprit),
# DRILL_DIR (default drill-runs/). Runs are kept in DRILL_DIR/<UTC time>-seed<SEED>/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
culprit=${CULPRIT:-$repo/.build/release/culprit}
runs=${DRILL_RUNS:-1}
seed0=${DRILL_SEED:-$(date +%s)}
outdir=${DRILL_DIR:-$repo/drill-runs}
export TZ=UTC  # the services' local time, as on most servers

[ -x "$culprit" ] || { echo "drill: $culprit is missing; run make release first" >&2; exit 2; }
for tool in nginx supervisord supervisorctl gunicorn java javac node curl python3; do
    command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] \
        || { echo "drill: $tool is missing; run scripts/install-deps.sh drill" >&2; exit 2; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

say() { printf '%s drill: %s\n' "$(date -u +%H:%M:%S)" "$*"; }
pause() { sleep "$1" & wait $!; } # a sleep a signal can cut short
rand() { echo $(( $1 + RANDOM % ($2 - $1 + 1) )); } # rand LOW HIGH, from bash's seeded RANDOM

# Four free loopback ports, asked of the kernel.
free_ports() {
    python3 -c '
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))'
}

# The releases a CD system would have unpacked: run/releases/SERVICE/VERSION, `current` the live one.
build_releases() {
    local rel=$run/releases
    for version in 2.3.0 2.4.0; do
        mkdir -p "$rel/orders/$version/lib"
        cp "$here/services/orders/$version/server.js" "$rel/orders/$version/"
        cp "$here/services/orders/lib/log.js" "$rel/orders/$version/lib/"
        printf '{"name":"orders","version":"%s","private":true}\n' "$version" >"$rel/orders/$version/package.json"
    done
    mkdir -p "$rel/auth/build"
    javac -nowarn -d "$rel/auth/build" "$here/services/auth/src/com/example/auth/AuthServer.java"
    for version in 1.8.2 1.8.3; do
        mkdir -p "$rel/auth/$version"
        cp -R "$rel/auth/build/." "$rel/auth/$version/"
        printf 'version=%s\n' "$version" >"$rel/auth/$version/build.properties"
    done
    mkdir -p "$rel/inventory/0.9.1"
    cp "$here/services/inventory/inventory.py" "$rel/inventory/0.9.1/"
    ln -sfn 2.3.0 "$rel/orders/current"
    ln -sfn 1.8.2 "$rel/auth/current"
    ln -sfn 0.9.1 "$rel/inventory/current"
}

write_configs() {
    mkdir -p "$run/nginx" "$logs"/{gateway,orders,auth,inventory,supervisor}
    cat >"$run/nginx.conf" <<CONF
worker_processes 1;
error_log $logs/gateway/error.log;
pid $run/nginx.pid;
events { worker_connections 512; }
http {
    log_format timed '\$remote_addr - \$remote_user [\$time_local] "\$request" \$status \$body_bytes_sent '
                     '"\$http_referer" "\$http_user_agent" rt=\$request_time uct="\$upstream_connect_time" '
                     'uht="\$upstream_header_time" urt="\$upstream_response_time" ua="\$upstream_addr"';
    access_log $logs/gateway/access.log timed;
    client_body_temp_path $run/nginx/body;
    proxy_temp_path $run/nginx/proxy;
    fastcgi_temp_path $run/nginx/fastcgi;
    uwsgi_temp_path $run/nginx/uwsgi;
    scgi_temp_path $run/nginx/scgi;
    proxy_buffers 32 8k;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host \$host;
    proxy_set_header X-Request-Id \$request_id;
    proxy_read_timeout 15s;
    upstream orders { server 127.0.0.1:$port_orders; keepalive 8; }
    upstream auth { server 127.0.0.1:$port_auth; keepalive 8; }
    upstream inventory { server 127.0.0.1:$port_inventory; }
    server {
        listen 127.0.0.1:$port_gateway;
        location /api/orders { proxy_pass http://orders; }
        location /api/auth/ { proxy_pass http://auth; }
        location /api/inventory/ { proxy_pass http://inventory; }
        location = /healthz { return 200 "ok\n"; }
    }
}
CONF
    cat >"$run/supervisord.conf" <<CONF
[unix_http_server]
file=$run/supervisor.sock
chmod=0700

[supervisord]
logfile=$logs/supervisor/supervisord.log
pidfile=$run/supervisord.pid
childlogdir=$run
identifier=drill

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://$run/supervisor.sock

[program:gateway]
command=$nginx_bin -p $run/nginx -c $run/nginx.conf -e $logs/gateway/error.log -g "daemon off;"
autorestart=true
stopsignal=QUIT
stdout_logfile=$run/gateway.stdout
redirect_stderr=true

[program:auth]
command=java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xlog:gc*:file=$logs/auth/gc.log:time,uptime,level,tags:filecount=5,filesize=20m -cp $run/releases/auth/current com.example.auth.AuthServer
environment=PORT="$port_auth",TZ="UTC"
autorestart=true
startsecs=2
stopwaitsecs=10
stdout_logfile=$logs/auth/auth.log
redirect_stderr=true

[program:orders]
command=node --max-old-space-size=48 $run/releases/orders/current/server.js
environment=PORT="$port_orders",AUTH_URL="http://127.0.0.1:$port_auth",TZ="UTC"
autorestart=true
startsecs=2
stopwaitsecs=10
stdout_logfile=$logs/orders/orders.log
stderr_logfile=$logs/orders/orders.err.log

[program:inventory]
command=gunicorn --bind 127.0.0.1:$port_inventory --workers 1 --access-logfile $logs/inventory/access.log --chdir $run/releases/inventory/current inventory:app
environment=TZ="UTC"
autorestart=true
startsecs=2
stdout_logfile=$logs/inventory/gunicorn.log
redirect_stderr=true
CONF
}

ctl() { supervisorctl -c "$run/supervisord.conf" "$@"; }

# deploy SERVICE VERSION KIND ACTOR: switch `current`, record it, restart the program.
deploy() {
    ln -sfn "$2" "$run/releases/$1/current"
    printf '%s,%s,%s,%s,%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$1" "$2" "$3" "$4" >>"$rundir/deploys.csv"
    say "$3 $1 $2 (by $4)"
    ctl restart "$1" >/dev/null
}

crashes() { # unexpected exits of orders so far
    grep -c "exited: orders .*not expected" "$logs/supervisor/supervisord.log" || true
}

wait_up() { # every route answers through the gateway
    local deadline=$((SECONDS + 60))
    until curl -sf -o /dev/null "http://127.0.0.1:$port_gateway/api/inventory/sku-1" \
        && curl -sf -o /dev/null -X POST -d '{"user":"probe"}' "http://127.0.0.1:$port_gateway/api/auth/login" \
        && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port_gateway/api/orders")" = 401 ]; do
        [ $SECONDS -lt $deadline ] || { echo "drill: services did not come up; see $logs" >&2; return 1; }
        sleep 1
    done
}

stop_all() {
    [ -n "${stopfile:-}" ] && touch "$stopfile"
    if [ -n "${load_pid:-}" ]; then wait "$load_pid" 2>/dev/null || true; load_pid=""; fi
    if [ -n "${run:-}" ] && [ -f "$run/supervisord.pid" ]; then
        local pid; pid=$(cat "$run/supervisord.pid")
        ctl shutdown >/dev/null 2>&1 || true
        for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

one_run() {
    local seed=$1
    RANDOM=$seed
    rundir=$outdir/$(date -u +%Y%m%dT%H%M%SZ)-seed$seed
    run=$rundir/run
    logs=$rundir/logs
    stopfile=$run/stop
    mkdir -p "$run"
    read -r port_gateway port_orders port_auth port_inventory <<<"$(free_ports)"
    local baseline gap settle recovery
    baseline=$(rand 60 75) gap=$(rand 15 25) settle=$(rand 8 20) recovery=$(rand 40 50)
    say "run seed=$seed in ${rundir#"$repo"/}: baseline ${baseline}s, gap ${gap}s, rollback ${settle}s after the 2nd restart, recovery ${recovery}s"
    build_releases
    write_configs
    echo "time,service,version,kind,actor" >"$rundir/deploys.csv"
    supervisord -c "$run/supervisord.conf"
    wait_up
    python3 "$here/loadgen.py" "http://127.0.0.1:$port_gateway" "$seed" "$stopfile" >"$run/loadgen.log" 2>&1 &
    load_pid=$!
    say "services up (gateway :$port_gateway), load running"
    pause "$baseline"
    deploy auth 1.8.3 deploy ci-bot
    pause "$gap"
    local before; before=$(crashes)
    deploy orders 2.4.0 deploy ci-bot
    local deadline=$((SECONDS + 300))
    while [ "$(crashes)" -lt $((before + 2)) ] && [ $SECONDS -lt $deadline ]; do sleep 2; done
    say "orders crashed $(($(crashes) - before)) times since its deploy"
    pause "$settle"
    deploy orders 2.3.0 rollback oncall-amara
    pause "$recovery"
    stop_all
    say "stopped; loadgen: $(tail -n 3 "$run/loadgen.log" | tr '\n' ' ')"

    # What the CD system and the services left behind; now culprit.
    local ooms; ooms=$(grep -c "JavaScript heap out of memory" "$logs/orders/orders.err.log" || true)
    (cd "$rundir" && "$culprit" analyze logs --deploys deploys.csv --format json -o culprit.json 2>culprit.stderr \
        && "$culprit" analyze logs --deploys deploys.csv --format table >culprit.txt 2>>culprit.stderr \
        && "$culprit" extract logs >extract.ndjson 2>>culprit.stderr) || {
        echo "drill: culprit failed (see $rundir/culprit.stderr)" >&2; tail -5 "$rundir/culprit.stderr" >&2; return 1; }
    cat "$rundir/culprit.txt"
    local rc=0
    python3 "$here/check.py" "$rundir" "$ooms" >"$rundir/result.txt" || rc=$?
    cat "$rundir/result.txt"
    return $rc
}

# Each run in its own process, so that `set -e` holds inside it.
if [ -n "${DRILL_ONE_SEED:-}" ]; then
    one_run "$DRILL_ONE_SEED"
    exit
fi
status=0
results=()
for i in $(seq 1 "$runs"); do
    seed=$((seed0 + i - 1))
    if DRILL_ONE_SEED=$seed "$0"; then results+=("seed $seed: PASS"); else status=1; results+=("seed $seed: FAIL"); fi
done
printf 'drill: %s\n' "${results[@]}"
exit $status
