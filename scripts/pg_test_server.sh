#!/usr/bin/env bash
# Throw-away PostgreSQL server on a free loopback port for the test run.
#   scripts/pg_test_server.sh start   -> prints "export PG...=..." lines
#   scripts/pg_test_server.sh stop
# Installs PostgreSQL from Debian's packages when no server binaries exist.
set -euo pipefail

state_dir="${PG_TEST_DIR:-/tmp/revenue_enablement_pg}"
pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$dir" ] && command -v pg_ctl >/dev/null 2>&1; then
        dir=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
    fi
    echo "$dir"
}

as_owner() {
    # initdb and postgres refuse to run as root: use the postgres account then.
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    local bin
    bin=$(pg_bin)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
        echo "PostgreSQL server not found; installing it with apt-get" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq postgresql >&2
        bin=$(pg_bin)
    fi
    stop >/dev/null 2>&1 || true
    rm -rf "$state_dir"
    mkdir -p "$state_dir"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$state_dir"
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
    as_owner "$bin/initdb" -D "$state_dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$state_dir/initdb.log" 2>&1 \
        || { cat "$state_dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$state_dir/data" -l "$state_dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $state_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c jit=off -c timezone=UTC" \
        start >&2 || { cat "$state_dir/server.log" >&2; exit 1; }
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres revenue_enablement
    echo "$port" >"$state_dir/port"
    echo "export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres PGPASSWORD= PGDATABASE=revenue_enablement"
}

stop() {
    local bin
    bin=$(pg_bin)
    if [ -n "$bin" ] && [ -d "$state_dir/data" ]; then
        as_owner "$bin/pg_ctl" -D "$state_dir/data" -m fast -w stop >&2 || true
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
