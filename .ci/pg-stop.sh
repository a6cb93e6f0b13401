#!/usr/bin/env bash
# Stops the cluster started by pg-start.sh and removes it.
set -u
dir=${1:?usage: pg-stop.sh DIR}
bin=/usr/lib/postgresql/15/bin
if [ -d "$dir/data" ]; then
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
	else "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1; fi
fi
rm -rf "$dir"
