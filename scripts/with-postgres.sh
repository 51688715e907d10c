#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL: `scripts/with-postgres.sh <command...>`.
#
# Starts a fresh cluster (Debian's postgresql package; 15 is preferred) in a temporary directory,
# listening on 127.0.0.1 only, on a free port, with its unix socket in that directory; exports
# TEST_DATABASE_URL and DATABASE_URL (postgres://homeward@127.0.0.1:<port>/postgres) to the
# command; then always stops the cluster and deletes the directory, and exits with the command's
# status. Works as root (the server runs as the `postgres` user via runuser) and as a normal user.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 <command...>" >&2
    exit 2
fi

find_pg_bin() {
    if [ -n "${PG_BIN:-}" ]; then
        echo "$PG_BIN"
        return
    fi
    if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
        echo /usr/lib/postgresql/15/bin
        return
    fi
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then
        echo "$newest"
        return
    fi
    local initdb
    initdb=$(command -v initdb || true)
    if [ -n "$initdb" ]; then
        dirname "$initdb"
        return
    fi
    echo "PostgreSQL is not installed (no initdb): apt-get install -y postgresql" >&2
    exit 1
}

PG_BIN=$(find_pg_bin)

# Run a PostgreSQL tool as the user that owns the cluster (initdb refuses to run as root).
# Run from the cluster's directory, which that user can enter (root's home it cannot).
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd "$dir" && runuser -u postgres -- "$@")
    else
        (cd "$dir" && "$@")
    fi
}

# As root the directory must be reachable by the postgres user: use /tmp, not root's TMPDIR.
if [ "$(id -u)" -eq 0 ]; then
    dir=$(mktemp -d /tmp/homeward-pg.XXXXXX)
else
    dir=$(mktemp -d "${TMPDIR:-/tmp}/homeward-pg.XXXXXX")
fi
started=""

cleanup() {
    local status=$?
    if [ -n "$started" ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$dir/db" -m fast -w stop >/dev/null 2>&1 \
            || as_pg "$PG_BIN/pg_ctl" -D "$dir/db" -m immediate -w stop >/dev/null 2>&1 \
            || true
    fi
    rm -rf "$dir"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "there is no 'postgres' user: is the postgresql package installed?" >&2
        exit 1
    fi
    chown postgres "$dir"
fi

as_pg "$PG_BIN/initdb" -D "$dir/db" -A trust -U homeward -E UTF8 --no-locale --no-instructions >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Pick a free port; if another process takes it between the check and the start, try another.
for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 40000))
    if port_in_use "$port"; then
        continue
    fi
    if as_pg "$PG_BIN/pg_ctl" -D "$dir/db" -l "$dir/server.log" -w -t 60 start -o \
        "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        >/dev/null 2>&1; then
        started=yes
        break
    fi
    echo "PostgreSQL did not start on port $port (attempt $attempt); trying another" >&2
done

if [ -z "$started" ]; then
    echo "could not start PostgreSQL; its log:" >&2
    cat "$dir/server.log" >&2 || true
    exit 1
fi

export TEST_DATABASE_URL="postgres://homeward@127.0.0.1:$port/postgres"
export DATABASE_URL="$TEST_DATABASE_URL"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
