#!/usr/bin/env bash
# Side-by-side throughput of jingzi's check rules and the npm linters
# autocorrect-node and zhlint on the same Chinese corpus (the seed repeated).
# Usage: check/peers/run.sh   (from anywhere; needs go, node, npm and the npm registry)
# Figures go into docs/perf/check.md by hand, with this script's output.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
copies=${COPIES:-200}        # autocorrect and jingzi: seed × 200 ≈ 3.1 MB
zh_copies=${ZH_COPIES:-20}   # zhlint is far slower: seed × 20 ≈ 0.3 MB

cd "$here"
[ -x node_modules/.bin/autocorrect ] && [ -x node_modules/.bin/zhlint ] || npm install --no-audit --no-fund
# The corpus lives outside the repository: autocorrect skips files that
# .gitignore matches.
corpus=$(mktemp -d /tmp/jingzi-peers.XXXXXX)
trap 'rm -rf "$corpus"' EXIT
seed="$root/check/testdata/seed.txt"
make_corpus() { # n file
	: >"$2"
	for _ in $(seq "$1"); do cat "$seed" >>"$2"; echo >>"$2"; done
}
make_corpus "$copies" $corpus/big.txt
make_corpus "$zh_copies" $corpus/small.md
cp $corpus/big.txt $corpus/big.md

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN{printf "%.2f", b/1e6}'; }
timed() { # label file command...
	local label=$1 file=$2; shift 2
	/usr/bin/time -o $corpus/time.txt -f '%e %U %S' "$@" >$corpus/out.txt 2>&1 || true
	read -r wall user sys < <(tail -1 $corpus/time.txt)
	awk -v l="$label" -v m="$(mb "$file")" -v w="$wall" -v u="$user" -v s="$sys" \
		'BEGIN{printf "%-28s %6.2f MB  wall %7.2f s  cpu %7.2f s  %8.2f MB/s wall  %8.2f MB/cpu-s", l, m, w, u+s, m/w, m/(u+s)}'
	echo "  [$(sed 's/\x1b\[[0-9;]*m//g' "$corpus/out.txt" | grep -aoE 'Error: [0-9]+|Found [0-9]+ errors' | tail -1)]"
}

echo "corpus: $(mb $corpus/big.txt) MB (seed × $copies), $(mb $corpus/small.md) MB (seed × $zh_copies)"
echo "== jingzi check (go test -bench, seed × 200, -cpu 1)"
(cd "$root" && go test -run '^$' -bench 'Rules|CheckStatement' -benchtime 10x -cpu 1 ./check/) | grep -E '^Benchmark'
echo "== peers (one thread each where the tool allows)"
timed "autocorrect --lint (big)" $corpus/big.txt node_modules/.bin/autocorrect --lint --threads 1 $corpus/big.txt
timed "autocorrect --lint (small)" $corpus/small.md node_modules/.bin/autocorrect --lint --threads 1 $corpus/small.md
# zhlint only accepts a path relative to the working directory.
timed "zhlint (small)" $corpus/small.md bash -c 'cd "$1" && exec "$2" small.md' _ "$corpus" "$here/node_modules/.bin/zhlint"
