#!/usr/bin/env bash
# HTTP load run and platform footprint: see docs/performance.md for what it measures and the figures.
#
# Usage: bundles/benchmarks/scripts/load-run.sh   (after `mvn -B install -DskipTests`; needs wrk: apt-get install wrk)
#
# 1. starts the assembled distribution on a free database, times launch -> first answered request;
# 2. deploys a hello-world script and starts two bare Jetty 12 handlers answering the same bytes (a non-blocking
#    and a blocking one); loads /fn/hello and each bare handler in turn with wrk, same settings, for LOAD_ROUNDS
#    rounds (default 3) of LOAD_DURATION (default 10s); prints each target's median round (requests/s, p50, p99)
#    and the ratios of the medians;
# 3. deploys 100 scripts, idles 60 s and reports the CPU time PiCloud used and its resident memory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
dist="$root/karaf-distribution/target/assembly"
bench_jar="$root/bundles/benchmarks/target/benchmarks.jar"
port=${PICLOUD_HTTP_PORT:-18080}
bare_port=18099
bare_blocking_port=18098
duration=${LOAD_DURATION:-10s}
rounds=${LOAD_ROUNDS:-3}
connections=${LOAD_CONNECTIONS:-32}
threads=${LOAD_THREADS:-2}
token="load-run-$(date +%s)-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"
db="picloud_load_$(date +%s)"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -x "$dist/bin/picloud" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }

psql -h 127.0.0.1 -U postgres -qc "create database $db" postgres
data_dir=$(mktemp -d)
cleanup() {
  "$dist/bin/picloud" stop >/dev/null 2>&1 || true
  for bare_pid in ${bare_pids:-}; do kill "$bare_pid" 2>/dev/null || true; done
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

echo "== warm-up" >&2
wrk -t"$threads" -c"$connections" -d5s "http://127.0.0.1:$port/fn/hello" >/dev/null

# the bare handlers wait, idle, beside PiCloud; the targets are then loaded in turn, round after round, so that a
# slower or faster spell of the (shared, virtual) machine does not fall on one target only
bare() { # port, mode (nonblocking|blocking)
  java -cp "$bench_jar" io.picloud.benchmarks.BareJettyServer "$1" "Hello, world!" "$2" >/dev/null &
  bare_pids="${bare_pids:-} $!"
  until curl -fsS "http://127.0.0.1:$1/" >/dev/null 2>&1; do sleep 0.05; done
  wrk -t"$threads" -c"$connections" -d5s "http://127.0.0.1:$1/" >/dev/null
}
bare "$bare_port" nonblocking
bare "$bare_blocking_port" blocking

declare -A urls=([picloud]="http://127.0.0.1:$port/fn/hello" [bare-jetty-nonblocking]="http://127.0.0.1:$bare_port/"
                 [bare-jetty-blocking]="http://127.0.0.1:$bare_blocking_port/")
targets=(picloud bare-jetty-nonblocking bare-jetty-blocking)
results=$(mktemp)
for round in $(seq 1 "$rounds"); do
  for target in "${targets[@]}"; do
    out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "${urls[$target]}")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    echo "round $round $target requests/s=$rps p50=$p50 p99=$p99" >&2
    echo "$target $rps $p50 $p99" >>"$results"
  done
done

median() { # target: prints "requests/s p50 p99" of its median round by requests/s
  awk -v t="$1" '$1==t {print $2, $3, $4}' "$results" | sort -n | awk '{line[NR]=$0} END {print line[int((NR+1)/2)]}'
}
for target in "${targets[@]}"; do
  read -r rps p50 p99 <<<"$(median "$target")"
  echo "$target requests/s=$rps p50=$p50 p99=$p99 (median of $rounds rounds)"
  declare "rps_${target//-/_}=$rps"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a/b}'; }
echo "ratio picloud/bare (non-blocking handler): $(ratio "$rps_picloud" "$rps_bare_jetty_nonblocking")"
echo "ratio picloud/bare (blocking handler): $(ratio "$rps_picloud" "$rps_bare_jetty_blocking")"
for bare_pid in $bare_pids; do kill "$bare_pid"; done
bare_pids=

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
