#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests and exports PLANBOT_TEST_DATABASE_URL. Source it:
#   source scripts/ci-postgres.sh     (an EXIT trap stops the cluster and removes its folder)
# Debian's postgresql package is installed when missing. The server refuses to run as root, so as root it runs as
# the `postgres` user; it listens only on a socket inside the temporary folder.
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
  else
    echo "ci-postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2
    return 1 2>/dev/null || exit 1
  fi
fi
PG_BIN=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)")
PG_DIR=$(mktemp -d /tmp/planbot-pg.XXXXXX)
chmod 755 "$PG_DIR"
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$PG_DIR"; fi
as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" --auth=trust --username=postgres --locale=C.UTF-8 --encoding=UTF8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w start \
  -o "-c listen_addresses='' -c unix_socket_directories='$PG_DIR' -c fsync=off -c max_connections=200" >/dev/null
as_pg "$PG_BIN/createdb" -h "$PG_DIR" -U postgres planbot_test
export PLANBOT_TEST_DATABASE_URL="postgres://postgres@localhost/planbot_test?host=$PG_DIR"
stop_ci_postgres() {
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_ci_postgres EXIT
echo "ci-postgres: PostgreSQL at $PLANBOT_TEST_DATABASE_URL" >&2
