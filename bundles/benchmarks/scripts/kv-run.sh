#!/usr/bin/env bash
# kv load run: see docs/performance.md ("kv") for what it measures and the figures.
#
# Usage: bundles/benchmarks/scripts/kv-run.sh   (after `mvn -B install -DskipTests`; needs wrk: apt-get install wrk)
#
# Starts a copy of the assembled distribution on a fresh database (PostgreSQL on 127.0.0.1:5432 beside it), deploys
# a hello-world script and a counter script (kv::incr on one key), loads each in turn with wrk, same settings (the
# counter twice: with concurrent increments combined, the default, and with one statement per call), for
# KV_ROUNDS rounds (default 3) of KV_DURATION (default 10s), prints each target's median round (requests/s, p50,
# p99), then checks that no increment was lost: the counter's value is at least the number of answered requests
# (and above it by at most the requests in flight when wrk stopped, one per connection).
# KV_CONNECTIONS (default 16) with KV_MAX_RUNS (the executor's maxConcurrentRunsPerScript, default 16) load more
# connections at once.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
assembly="$root/karaf-distribution/target/assembly"
port=${KV_HTTP_PORT:-18180}
duration=${KV_DURATION:-10s}
rounds=${KV_ROUNDS:-3}
connections=${KV_CONNECTIONS:-16} # the executor runs at most 16 runs of one script at once (maxConcurrentRunsPerScript)
threads=${KV_THREADS:-2}
token="kv-run-$(date +%s)-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"
db="picloud_kv_$(date +%s)"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -x "$assembly/bin/picloud" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }

# a copy of its own, so that another run of the same assembly cannot share its data/ or its lock
dist=$(mktemp -d)
cp -a "$assembly/." "$dist/"
if [ -n "${KV_MAX_RUNS:-}" ]; then # more concurrent runs of one script, for more connections
  echo "maxConcurrentRunsPerScript = $KV_MAX_RUNS" >>"$dist/etc/io.picloud.executor.cfg"
fi
psql -h 127.0.0.1 -U postgres -qc "create database $db" postgres
data_dir=$(mktemp -d)
cleanup() {
  "$dist/bin/picloud" stop >/dev/null 2>&1 || true
  sleep 3
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" postgres || true
  rm -rf "$data_dir" "$dist"
}
trap cleanup EXIT

export PICLOUD_HTTP_PORT=$port PICLOUD_BOOTSTRAP_TOKEN=$token PICLOUD_DATA_DIR=$data_dir
export PICLOUD_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" PICLOUD_DB_USER=postgres PICLOUD_DB_PASSWORD=
"$dist/bin/picloud" start
until curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; do sleep 0.1; done

api() { curl -fsS -H "Authorization: Bearer $token" "$@"; }
deploy() { api -X PUT -H 'Content-Type: text/plain' --data-binary "$2" "http://127.0.0.1:$port/api/v1/scripts/$1" >/dev/null; }
deploy hello '"Hello, world!"'
deploy counter '#{ hits: kv::incr("hits") }'
curl -fsS "http://127.0.0.1:$port/fn/hello" >/dev/null
curl -fsS "http://127.0.0.1:$port/fn/counter" >/dev/null
answered=1 # the request above

# total answered requests of a wrk run; fails the run on any non-2xx answer or socket error
run() { # url duration [--latency]
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"$2" ${3:-} "$1")
  if grep -qE "Non-2xx|Socket errors" <<<"$out"; then
    echo "errors under load on $1:" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "$out"
}
count() { awk '/requests in/ {print $1}' <<<"$1"; }

echo "== warm-up" >&2
run "http://127.0.0.1:$port/fn/hello" 5s >/dev/null
out=$(run "http://127.0.0.1:$port/fn/counter" 5s)
answered=$((answered + $(count "$out")))

# kv-incr-single: the same script with combineIncrements=false (one statement per kv::incr call), for comparison
kv_cfg="$dist/etc/io.picloud.host.kv.cfg"
combine() { # true|false: rewrites the setting; the configuration is watched, the component takes it in place
  grep -v '^combineIncrements' "$kv_cfg" >"$kv_cfg.new" || true
  echo "combineIncrements = $1" >>"$kv_cfg.new"
  mv "$kv_cfg.new" "$kv_cfg"
  sleep 7 # fileinstall looks at etc/ every 5 s
}
declare -A urls=([hello]="http://127.0.0.1:$port/fn/hello" [kv-incr]="http://127.0.0.1:$port/fn/counter"
                 [kv-incr-single]="http://127.0.0.1:$port/fn/counter")
targets=(hello kv-incr kv-incr-single)
results=$(mktemp)
for round in $(seq 1 "$rounds"); do
  for target in "${targets[@]}"; do
    [ "$target" = kv-incr-single ] && combine false
    out=$(run "${urls[$target]}" "$duration" --latency)
    [ "$target" = kv-incr-single ] && combine true
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    echo "round $round $target requests/s=$rps p50=$p50 p99=$p99" >&2
    echo "$target $rps $p50 $p99" >>"$results"
    if [ "$target" != hello ]; then
      answered=$((answered + $(count "$out")))
    fi
  done
done

median() {
  awk -v t="$1" '$1==t {print $2, $3, $4}' "$results" | sort -n | awk '{line[NR]=$0} END {print line[int((NR+1)/2)]}'
}
for target in "${targets[@]}"; do
  read -r rps p50 p99 <<<"$(median "$target")"
  echo "$target requests/s=$rps p50=$p50 p99=$p99 (median of $rounds rounds, $connections connections)"
  declare "rps_${target//-/_}=$rps"
done
echo "ratio kv-incr/hello: $(awk -v a="$rps_kv_incr" -v b="$rps_hello" 'BEGIN {printf "%.2f", a/b}')"
echo "ratio kv-incr/kv-incr-single: $(awk -v a="$rps_kv_incr" -v b="$rps_kv_incr_single" 'BEGIN {printf "%.2f", a/b}')"
rm -f "$results"

sleep 1
value=$(api "http://127.0.0.1:$port/api/v1/kv/counter/hits" | sed -E 's/.*"value":([0-9]+).*/\1/')
echo "counter=$value answered=$answered in-flight-at-stop=$((value - answered))"
if [ "$value" -lt "$answered" ] || [ $((value - answered)) -gt $(( connections * (2 * rounds + 1) )) ]; then
  echo "LOST OR EXTRA INCREMENTS" >&2
  exit 1
fi
echo "no lost increment"
