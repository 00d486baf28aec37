#!/usr/bin/env bash
# HTTP load run and platform footprint: see docs/performance.md for what it measures and the figures.
#
# Usage: bundles/benchmarks/scripts/load-run.sh   (after `mvn -B install -DskipTests`; needs wrk: apt-get install wrk)
#
# 1. starts the assembled distribution on a free database, times launch -> first answered request;
# 2. deploys a hello-world script and loads /fn/hello with wrk, then loads a bare Jetty 12 handler answering the
#    same bytes (non-blocking, then blocking), same tool, same settings; prints requests/s, p50, p99 and the ratios;
# 3. deploys 100 scripts, idles 60 s and reports the CPU time PiCloud used and its resident memory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
dist="$root/karaf-distribution/target/assembly"
bench_jar="$root/bundles/benchmarks/target/benchmarks.jar"
port=${PICLOUD_HTTP_PORT:-18080}
bare_port=18099
duration=${LOAD_DURATION:-20s}
connections=${LOAD_CONNECTIONS:-32}
threads=${LOAD_THREADS:-2}
token="load-run-$(date +%s)"
db="picloud_load_$(date +%s)"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -x "$dist/bin/picloud" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }

psql -h 127.0.0.1 -U postgres -qc "create database $db" postgres
data_dir=$(mktemp -d)
cleanup() {
  "$dist/bin/picloud" stop >/dev/null 2>&1 || true
  [ -n "${bare_pid:-}" ] && kill "$bare_pid" 2>/dev/null || true
  sleep 2
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" postgres || true
  rm -rf "$data_dir"
}
trap cleanup EXIT

export PICLOUD_HTTP_PORT=$port PICLOUD_BOOTSTRAP_TOKEN=$token PICLOUD_DATA_DIR=$data_dir
export PICLOUD_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" PICLOUD_DB_USER=postgres PICLOUD_DB_PASSWORD=
start_ns=$(date +%s%N)
"$dist/bin/picloud" start
until curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; do sleep 0.05; done
ready_ns=$(date +%s%N)
echo "launch-to-first-answer-ms: $(( (ready_ns - start_ns) / 1000000 ))"

api() { curl -fsS -H "Authorization: Bearer $token" "$@"; }
api -X PUT -H 'Content-Type: text/plain' --data-binary '"Hello, world!"' "http://127.0.0.1:$port/api/v1/scripts/hello" >/dev/null
curl -fsS "http://127.0.0.1:$port/fn/hello" >/dev/null

run_wrk() { wrk -t"$threads" -c"$connections" -d"$duration" --latency "$1" | tee /dev/stderr; }
echo "== warm-up" >&2
wrk -t"$threads" -c"$connections" -d5s "http://127.0.0.1:$port/fn/hello" >/dev/null
echo "== PiCloud /fn/hello" >&2
picloud_out=$(run_wrk "http://127.0.0.1:$port/fn/hello" 2>/dev/null)

bare() { # mode (nonblocking|blocking): load the bare Jetty 12 handler the same way, print wrk's output
  java -cp "$bench_jar" io.picloud.benchmarks.BareJettyServer "$bare_port" "Hello, world!" "$1" >/dev/null &
  bare_pid=$!
  until curl -fsS "http://127.0.0.1:$bare_port/" >/dev/null 2>&1; do sleep 0.05; done
  wrk -t"$threads" -c"$connections" -d5s "http://127.0.0.1:$bare_port/" >/dev/null
  echo "== bare Jetty 12, $1 handler" >&2
  run_wrk "http://127.0.0.1:$bare_port/" 2>/dev/null
  kill "$bare_pid"; wait "$bare_pid" 2>/dev/null || true; bare_pid=
}
bare_out=$(bare nonblocking)
bare_blocking_out=$(bare blocking)

summary() { # name, wrk output
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$2")
  p50=$(awk '$1=="50%" {print $2}' <<<"$2")
  p99=$(awk '$1=="99%" {print $2}' <<<"$2")
  echo "$1 requests/s=$rps p50=$p50 p99=$p99" >&2
  echo "$rps"
}
picloud_rps=$(summary "picloud" "$picloud_out")
bare_rps=$(summary "bare-jetty-nonblocking" "$bare_out")
bare_blocking_rps=$(summary "bare-jetty-blocking" "$bare_blocking_out")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
echo "ratio picloud/bare (non-blocking handler): $(ratio "$picloud_rps" "$bare_rps")"
echo "ratio picloud/bare (blocking handler): $(ratio "$picloud_rps" "$bare_blocking_rps")"

for i in $(seq 1 100); do
  api -X PUT -H 'Content-Type: text/plain' --data-binary "let n = $i; \`script $i\`" \
    "http://127.0.0.1:$port/api/v1/scripts/idle-$i" >/dev/null
done
pid=$(pgrep -f "karaf.base=$dist" | head -1)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
sleep 5
t0=$(ticks "$pid")
sleep 60
t1=$(ticks "$pid")
hz=$(getconf CLK_TCK)
echo "idle-cpu-60s: $(awk -v d=$((t1 - t0)) -v hz="$hz" 'BEGIN {printf "%.3f s = %.2f%% of one core", d/hz, 100*d/hz/60}')"
echo "rss: $(awk '/VmRSS/ {printf "%.0f MiB", $2/1024}' "/proc/$pid/status")"
