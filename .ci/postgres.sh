#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on a loopback port for the SQL push-down tests, and stops it on exit.
# Usage: source .ci/postgres.sh   (exports CRM_ANALYTICS_PG_URL; installs Debian's postgresql if missing)
set -euo pipefail
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
pg_port="${CRM_ANALYTICS_PG_PORT:-54329}"
pg_dir="$(mktemp -d /tmp/crm-analytics-pg.XXXXXX)"
chown postgres:postgres "$pg_dir"
runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" -l "$pg_dir/log" -w start >/dev/null
stop_postgres() { runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap stop_postgres EXIT
export CRM_ANALYTICS_PG_URL="postgres://postgres@127.0.0.1:$pg_port/postgres"
echo "== PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"
