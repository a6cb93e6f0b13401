#!/usr/bin/env bash
# Measures what a newcomer notices first: binary size, cold start to the first
# served page, and idle memory. Usage: scripts/measure-foundation.sh [runs]
# Prints one line per figure; docs/PERFORMANCE.md quotes its output.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
pid=

CGO_ENABLED=0 go build -o "$work/jingzi" ./cmd/jingzi
CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o "$work/jingzi-stripped" ./cmd/jingzi
echo "binary size: $(stat -c %s "$work/jingzi") bytes (stripped with -s -w: $(stat -c %s "$work/jingzi-stripped") bytes)"

"$work/jingzi" demo --db "$work/demo.db" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
for i in $(seq "$runs"); do
	start=$(date +%s%N)
	"$work/jingzi" serve --db "$work/demo.db" --addr "127.0.0.1:$port" >/dev/null 2>&1 &
	pid=$!
	until curl -fs -o /dev/null "http://127.0.0.1:$port/login"; do sleep 0.005; done
	end=$(date +%s%N)
	echo "cold start run $i: $(( (end - start) / 1000000 )) ms to the first login page"
	if [ "$i" = "$runs" ]; then
		for _ in $(seq 20); do curl -fs -o /dev/null "http://127.0.0.1:$port/login"; done
		sleep 2
		echo "idle RSS after start and 20 requests: $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status)"
	fi
	kill "$pid"
	wait "$pid" 2>/dev/null || true
done
