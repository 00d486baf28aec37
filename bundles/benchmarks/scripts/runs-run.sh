#!/usr/bin/env bash
# Async runs end to end, and idle CPU with the run queue present: see docs/performance.md ("Run queue").
#
# Usage: bundles/benchmarks/scripts/runs-run.sh   (after `mvn -B install -DskipTests`; needs wrk: apt-get install wrk)
#
# 1. Throughput, PostgreSQL 15 on 127.0.0.1:5432 beside PiCloud: starts a copy of the assembled distribution on a
#    fresh database, deploys `work` (sums a JSON body's items, answers a map); loads, in turn, the synchronous
#    `POST /fn/work` (the baseline) and `POST /api/v1/scripts/work/runs` (each 202 a run queued durably) with wrk,
#    RUNS_DURATION (default 10s) each, RUNS_CONNECTIONS (default 16); waits until the queue is empty and reads, in
#    the database, how many runs ended in each status and the span from the first run queued to the last one
#    finished: accepted runs / span = async runs per second end to end. Fails when a run is not succeeded or when
#    the succeeded runs differ from the 202 answers wrk counted (none lost, none extra).
# 2. Idle: starts a second copy with its embedded PostgreSQL, deploys 100 scripts and one async run, waits 10 s,
#    then reads the CPU time of the JVM and of every embedded PostgreSQL process over RUNS_IDLE_SECONDS (60).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
assembly="$root/karaf-distribution/target/assembly"
port=${RUNS_HTTP_PORT:-18280}
duration=${RUNS_DURATION:-10s}
connections=${RUNS_CONNECTIONS:-16}
threads=${RUNS_THREADS:-2}
idle_seconds=${RUNS_IDLE_SECONDS:-60}
token="runs-run-$(date +%s)-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"
db="picloud_runs_$(date +%s)"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -x "$assembly/bin/picloud" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }

dist=$(mktemp -d)
idle_dist=$(mktemp -d)
cp -a "$assembly/." "$dist/"
cp -a "$assembly/." "$idle_dist/"
# the benchmark's own key makes every request: no per-key rate limit here (the operator's setting)
echo "keyPerSecond = 0" >>"$dist/etc/io.picloud.ratelimit.cfg"
if [ -n "${RUNS_WORKER_THREADS:-}" ]; then # the run workers per node (io.picloud.runs threads, default 16)
  echo "threads = $RUNS_WORKER_THREADS" >>"$dist/etc/io.picloud.runs.cfg"
fi
psql -h 127.0.0.1 -U postgres -qc "create database $db" postgres
data_dir=$(mktemp -d)
idle_data=$(mktemp -d)
lua=$(mktemp --suffix=.lua)
cleanup() {
  PICLOUD_DATA_DIR=$data_dir "$dist/bin/picloud" stop >/dev/null 2>&1 || true
  PICLOUD_DATA_DIR=$idle_data "$idle_dist/bin/picloud" stop >/dev/null 2>&1 || true
  sleep 3
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" postgres || true
  rm -rf "$data_dir" "$idle_data" "$dist" "$idle_dist" "$lua"
}
trap cleanup EXIT

body='{"items":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80]}'
# one script for both paths: /fn gives it the request (items in its json), a queued run the event (in its payload)
script='fn handle(input) {
  let items = if "json" in input { input.json.items } else { input.payload.items };
  let sum = 0; for x in items { sum += x; } #{ sum: sum, count: items.len() }
}'

start() { # dist data-dir [db-url]
  export PICLOUD_HTTP_PORT=$port PICLOUD_BOOTSTRAP_TOKEN=$token PICLOUD_DATA_DIR=$2
  if [ -n "${3:-}" ]; then
    export PICLOUD_DB_URL=$3 PICLOUD_DB_USER=postgres PICLOUD_DB_PASSWORD=
  else
    unset PICLOUD_DB_URL PICLOUD_DB_USER PICLOUD_DB_PASSWORD
  fi
  "$1/bin/picloud" start
  until curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; do sleep 0.1; done
}
api() { curl -fsS -H "Authorization: Bearer $token" "$@"; }
deploy() { api -X PUT -H 'Content-Type: text/plain' --data-binary "$2" "http://127.0.0.1:$port/api/v1/scripts/$1" >/dev/null; }
sql() { psql -h 127.0.0.1 -U postgres -At -d "$db" -c "$1"; }

# wrk's POST with the body; counts answers by status
cat >"$lua" <<EOF
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
local counts = {}
response = function(status, headers, body) counts[status] = (counts[status] or 0) + 1 end
done = function(summary, latency, requests) end
EOF

run() { # url duration: prints wrk's summary; fails on socket errors
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"$2" --latency -s "$lua" "$1")
  if grep -qE "Socket errors" <<<"$out"; then
    echo "socket errors under load on $1:" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "$out"
}
summary() { # name wrk-output
  echo "$1 requests/s=$(awk '/Requests\/sec/ {print $2}' <<<"$2") p50=$(awk '$1=="50%" {print $2}' <<<"$2") p99=$(awk '$1=="99%" {print $2}' <<<"$2")"
}

echo "== 1. throughput (PostgreSQL beside PiCloud)" >&2
start "$dist" "$data_dir" "jdbc:postgresql://127.0.0.1:5432/$db"
deploy work "$script"
api -X POST -H 'Content-Type: application/json' --data-binary "$body" "http://127.0.0.1:$port/fn/work" >/dev/null
run "http://127.0.0.1:$port/fn/work" 5s >/dev/null                       # warm-up of the sync path
sync_out=$(run "http://127.0.0.1:$port/fn/work" "$duration")
summary "sync POST /fn/work" "$sync_out"
run "http://127.0.0.1:$port/api/v1/scripts/work/runs" 3s >/dev/null      # warm-up of the queue
until [ "$(sql "select count(*) from runs where status not in ('succeeded','dead')")" = 0 ]; do sleep 0.2; done
sql "delete from runs" >/dev/null
async_out=$(run "http://127.0.0.1:$port/api/v1/scripts/work/runs" "$duration")
summary "async POST /api/v1/scripts/work/runs (submit)" "$async_out"
non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$async_out")
[ -z "$non2xx" ] || { echo "refused submits: $non2xx" >&2; echo "$async_out" >&2; exit 1; }
accepted=$(awk '/requests in/ {print $1}' <<<"$async_out")
submitted_ns=$(date +%s%N)
waited=0
until [ "$(sql "select count(*) from runs where status not in ('succeeded','dead')")" = 0 ]; do
  sleep 0.2
  waited=$((waited + 1))
  [ $waited -lt 3000 ] || { echo "runs still waiting after 10 min" >&2; exit 1; }
done
read -r succeeded dead span <<<"$(sql "select count(*) filter (where status='succeeded'), count(*) filter (where status='dead'), extract(epoch from max(finished_at) - min(created_at)) from runs" | tr '|' ' ')"
echo "accepted=$accepted succeeded=$succeeded dead=$dead span=${span}s"
echo "async runs/s end to end: $(awk -v n="$succeeded" -v s="$span" 'BEGIN {printf "%.0f", n/s}')"
echo "attempts per run: $(sql "select round(avg(attempts), 3) from runs")"
# wrk counts the answers it read; submits still in flight when it stopped (one per connection at most) were queued
# too: more runs than answers by at most the connections, never fewer
if [ "$succeeded" -lt "$accepted" ] || [ "$succeeded" -gt $((accepted + connections)) ] || [ "$dead" != 0 ]; then
  echo "RUNS LOST, EXTRA OR DEAD" >&2
  exit 1
fi
PICLOUD_DATA_DIR=$data_dir "$dist/bin/picloud" stop >/dev/null 2>&1 || true
sleep 5

echo "== 2. idle, embedded PostgreSQL" >&2
start "$idle_dist" "$idle_data"
for i in $(seq 1 100); do deploy "idle-$i" "let n = $i; \`script \${n}\`"; done
deploy work "$script"
api -X POST -H 'Content-Type: application/json' --data-binary "$body" "http://127.0.0.1:$port/api/v1/scripts/work/runs" >/dev/null
sleep 10
java_pid=$(pgrep -f "karaf.base=$idle_dist" | head -1)
# the postmaster (its command line names the data directory) and its children (checkpointer, walwriter ...)
pg_pids() { local pm; for pm in $(pgrep -f -- "-D $idle_data" || true); do echo "$pm"; pgrep -P "$pm" || true; done; }
ticks() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $t; }
pgs=$(pg_pids | tr '\n' ' ')
j0=$(ticks "$java_pid"); p0=$(ticks $pgs)
sleep "$idle_seconds"
j1=$(ticks "$java_pid"); p1=$(ticks $pgs)
hz=$(getconf CLK_TCK)
pct() { awk -v d="$1" -v hz="$hz" -v s="$idle_seconds" 'BEGIN {printf "%.3f s = %.2f%% of one core", d/hz, 100*d/hz/s}'; }
echo "idle-cpu-${idle_seconds}s JVM: $(pct $((j1 - j0)))"
echo "idle-cpu-${idle_seconds}s embedded PostgreSQL ($(wc -w <<<"$pgs") processes): $(pct $((p1 - p0)))"
echo "idle-cpu-${idle_seconds}s total: $(pct $((j1 - j0 + p1 - p0)))"
