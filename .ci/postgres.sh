#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1:55432 (or the next free port) (installs the Debian package if missing)
# and print the SQLAlchemy URL for it. Used by .ci/run; runs as root, the server as 'postgres'.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # the package's own service start may fail without an init system; the binaries are what we need
  apt-get install -y -qq postgresql >&2 || true
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "postgres.sh: installing the Debian package 'postgresql' failed" >&2; exit 1; }
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=$(mktemp -d /tmp/vncite-pg.XXXXXX)
chown postgres "$PGDATA"
su postgres -s /bin/sh -c "$PGBIN/initdb -D $PGDATA -A trust -U postgres" >&2
# the first free port from 55432 (another server, e.g. a developer's, may hold it)
PORT=55432
while (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null; do PORT=$((PORT + 1)); done
su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $PGDATA -w -l $PGDATA/server.log -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' start" >&2
echo "postgresql+psycopg2://postgres@127.0.0.1:$PORT/postgres"
