#!/usr/bin/env bash
# Cost of per-script endpoint access: see docs/performance.md ("Endpoint access").
#
# Usage: bundles/benchmarks/scripts/access-run.sh   (after `mvn -B install -DskipTests`; needs wrk: apt-get install wrk)
#
# Starts the assembled distribution on a free database, deploys the same hello-world script twice: `hello`
# (access public) and `hello-key` (access key), and loads them in turn with wrk, same settings, for LOAD_ROUNDS
# rounds (default 3) of LOAD_DURATION (default 10s): /fn/hello without a key, /fn/hello-key with the owner's key in
# `Authorization: Bearer`. Prints each target's median round and the ratio of the medians (goal: >= 0.90).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
dist=${PICLOUD_DIST:-"$root/karaf-distribution/target/assembly"}
port=${PICLOUD_HTTP_PORT:-18080}
duration=${LOAD_DURATION:-10s}
rounds=${LOAD_ROUNDS:-3}
connections=${LOAD_CONNECTIONS:-32}
threads=${LOAD_THREADS:-2}
token="access-run-$(date +%s)-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"
db="picloud_access_$(date +%s)"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -x "$dist/bin/picloud" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }

psql -h 127.0.0.1 -U postgres -qc "create database $db" postgres
data_dir=$(mktemp -d)
cleanup() {
  "$dist/bin/picloud" stop >/dev/null 2>&1 || true
  sleep 2
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" postgres || true
  rm -rf "$data_dir"
}
trap cleanup EXIT

export PICLOUD_HTTP_PORT=$port PICLOUD_BOOTSTRAP_TOKEN=$token PICLOUD_DATA_DIR=$data_dir
export PICLOUD_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" PICLOUD_DB_USER=postgres PICLOUD_DB_PASSWORD=
"$dist/bin/picloud" start
until curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; do sleep 0.05; done

api() { curl -fsS -H "Authorization: Bearer $token" "$@"; }
for name in hello hello-key; do
  api -X PUT -H 'Content-Type: text/plain' --data-binary '"Hello, world!"' \
    "http://127.0.0.1:$port/api/v1/scripts/$name" >/dev/null
done
api -X PATCH -H 'Content-Type: application/json' -d '{"access": "key"}' \
  "http://127.0.0.1:$port/api/v1/scripts/hello-key" >/dev/null
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/fn/hello-key")" = 401 ] \
  || { echo "hello-key answered without a key" >&2; exit 1; }
curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port/fn/hello-key" >/dev/null

echo "== warm-up" >&2
wrk -t"$threads" -c"$connections" -d5s "http://127.0.0.1:$port/fn/hello" >/dev/null
wrk -t"$threads" -c"$connections" -d5s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/fn/hello-key" >/dev/null

results=$(mktemp)
for round in $(seq 1 "$rounds"); do
  for target in public key; do
    if [ "$target" = public ]; then
      out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port/fn/hello")
    else
      out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" \
        "http://127.0.0.1:$port/fn/hello-key")
    fi
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx/ {print $4}' <<<"$out")
    echo "round $round $target requests/s=$rps p50=$p50 p99=$p99 non-2xx=${non2xx:-0}" >&2
    echo "$target $rps $p50 $p99" >>"$results"
  done
done

median() { # target: prints "requests/s p50 p99" of its median round by requests/s
  awk -v t="$1" '$1==t {print $2, $3, $4}' "$results" | sort -n | awk '{line[NR]=$0} END {print line[int((NR+1)/2)]}'
}
for target in public key; do
  read -r rps p50 p99 <<<"$(median "$target")"
  echo "$target requests/s=$rps p50=$p50 p99=$p99 (median of $rounds rounds)"
  declare "rps_$target=$rps"
done
echo "ratio key/public: $(awk -v a="$rps_key" -v b="$rps_public" 'BEGIN {printf "%.2f", a/b}')"
