#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster for the tests and prints the DSN on
# stdout. Usage: eval "$(.ci/pg-start.sh DIR)"; stop it with .ci/pg-stop.sh DIR.
# As root the cluster runs as the postgres user. The locale is C.UTF-8 so that
# pg_trgm and collation handle Chinese text.
set -euo pipefail
dir=${1:?usage: pg-start.sh DIR}
bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/initdb" ]; then
	echo "PostgreSQL 15 is not installed ($bin/initdb missing)" >&2
	exit 1
fi
mkdir -p "$dir"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
	-o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null
echo "export JINGZI_TEST_PG='postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable'"
