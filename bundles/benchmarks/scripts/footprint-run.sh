#!/usr/bin/env bash
# Footprint and start of the all-in-one PiCloud with its embedded PostgreSQL: see docs/performance.md, section
# "Footprint and start (issue 14)", for what it measures and the figures.
#
# Usage: bundles/benchmarks/scripts/footprint-run.sh   (after `mvn -B install -DskipTests`; needs wrk and curl)
#   FOOTPRINT_IDLE_SECONDS (60)  length of the idle CPU measurement
#   FOOTPRINT_SETTLE_SECONDS (120)  wait after the last call before it (the tail of the start and of the calls: the
#   JIT, fileinstall's first rounds, still showed at 20 s)
#   LOAD_DURATION (15s), LOAD_CONNECTIONS (32), LOAD_THREADS (2): each of the three wrk runs of the load phase
#   JAVA_MAX_MEM, EXTRA_JAVA_OPTS: passed to bin/picloud as in production (e.g. another collector)
#   FOOTPRINT_ASSEMBLY: the distribution directory to copy (default karaf-distribution/target/assembly)
#   FOOTPRINT_TIMELINE=1: also prints where the two launches spent their time (Karaf's feature service and zonky
#   at INFO, each log line's time since launch) to stderr
#
# 1. copies the assembled distribution to a temporary directory (an empty data directory, no Karaf cache) and
#    starts it with `bin/picloud start`, no PICLOUD_DB_URL: the embedded PostgreSQL; times launch -> first answer
#    (GET /api/v1/health 200: the database reached and the schema current) and launch -> GET /fn/hello 200;
# 2. stops it (checks that no PostgreSQL of its data directory is left) and starts it again on the same data:
#    the restart times;
# 3. deploys 100 scripts and calls each once, waits FOOTPRINT_SETTLE_SECONDS, then reads the CPU time of the JVM
#    and of every process of the embedded PostgreSQL over FOOTPRINT_IDLE_SECONDS, and the PSS
#    (/proc/<pid>/smaps_rollup) of all of them;
# 4. loads GET /fn/hello, POST /fn/echo (a 300-byte JSON body, the script sums its items) and GET /fn/count (a kv
#    counter: the database's work) with wrk, one after the other, and reads the PSS again;
# 5. kills the JVM with SIGKILL and times until the embedded PostgreSQL is gone (its watchdog stops it), starts
#    again and checks the 100 scripts and the counter are there, with one postmaster.
# The PostgreSQL processes daemonize into their own session: they are found by the postmaster's pid in
# <data>/postgres/postmaster.pid and the processes whose parent it is, not by process group.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
assembly=${FOOTPRINT_ASSEMBLY:-$root/karaf-distribution/target/assembly}
port=${PICLOUD_HTTP_PORT:-18180}
idle_seconds=${FOOTPRINT_IDLE_SECONDS:-60}
duration=${LOAD_DURATION:-15s}
connections=${LOAD_CONNECTIONS:-32}
threads=${LOAD_THREADS:-2}
token="footprint-$(date +%s)-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -x "$assembly/bin/picloud" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }

work=$(mktemp -d)
dist="$work/picloud"
cp -a "$assembly" "$dist"
pg_data="$dist/data/picloud/postgres"
if [ "${FOOTPRINT_TIMELINE:-}" = 1 ]; then
  printf '%s\n' 'log4j2.logger.fpfeatures.name = org.apache.karaf.features' 'log4j2.logger.fpfeatures.level = INFO' \
    'log4j2.logger.fpzonky.name = io.zonky.test.db.postgres.embedded' 'log4j2.logger.fpzonky.level = INFO' \
    >>"$dist/etc/org.ops4j.pax.logging.cfg"
fi
cleanup() {
  "$dist/bin/picloud" stop >/dev/null 2>&1 || true
  for _ in $(seq 1 100); do jvm_pid >/dev/null || break; sleep 0.2; done
  local pm
  pm=$(postmaster_pid || true)
  [ -n "$pm" ] && kill -INT "$pm" 2>/dev/null || true
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT

unset PICLOUD_DB_URL PICLOUD_DB_USER PICLOUD_DB_PASSWORD PICLOUD_DATA_DIR KARAF_DATA
export PICLOUD_HTTP_PORT=$port PICLOUD_HTTP_HOST=127.0.0.1 PICLOUD_BOOTSTRAP_TOKEN=$token

jvm_pid() { pgrep -f "karaf.base=$dist " | head -1; }
postmaster_pid() { # the live postmaster of our data directory, if any
  local pid
  pid=$(head -1 "$pg_data/postmaster.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && echo "$pid"
}
pg_pids() { # the postmaster and its children
  local pm
  pm=$(postmaster_pid) || return 0
  echo "$pm"
  awk -v pm="$pm" '{ sub(/^.*\) /, ""); if ($2 == pm) print FILENAME }' /proc/[0-9]*/stat 2>/dev/null \
    | sed 's|/proc/||; s|/stat||'
}
pss_kib() { # sum of the PSS of the given pids, KiB
  local total=0 p v
  for p in "$@"; do
    v=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}
ticks() { # utime + stime of the given pids, plus the postmaster's reaped children (cutime + cstime)
  local total=0 p v
  for p in "$@"; do
    v=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

timeline() { # t0 (ms since the epoch): the log lines of the launch that began then, with their time since t0
  [ "${FOOTPRINT_TIMELINE:-}" = 1 ] || return 0
  local off day0
  off=$(date +%z)  # the log's times are local: t0 as milliseconds since local midnight
  day0=$(( ($1 / 1000 + ${off:0:1}(10#${off:1:2} * 3600 + 10#${off:3:2} * 60)) % 86400 * 1000 + $1 % 1000 ))
  awk -v t0="$day0" -F ' [|] ' '$1 ~ /^[0-9][0-9][0-9][0-9]-/ && ($4 !~ /FeaturesServiceImpl/ || $6 ~ /^(Adding features|Changes to perform|Installing bundles|Starting bundles|Done)/) {
      split($1, a, /[-T:,]/)
      ms = (a[4] * 3600 + a[5] * 60 + a[6]) * 1000 + a[7] - t0
      if (ms >= 0 && $6 !~ /^Applying schema change 00(0[2-9]|[1-9])/) printf "%8.3f  %-18.18s %-22.22s %s\n", ms / 1000, $3, $4, substr($6, 1, 170)
  }' "$dist/data/log/karaf.log" >&2
}
launch() { # name: starts PiCloud, prints "<ms to health 200> <ms to /fn/hello 200 or ->"
  local t0 health fn=-
  t0=$(now_ms)
  "$dist/bin/picloud" start
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/health" 2>/dev/null; do
    sleep 0.02
    [ $(( $(now_ms) - t0 )) -lt 120000 ] || { echo "no answer in 120 s" >&2; exit 1; }
  done
  health=$(( $(now_ms) - t0 ))
  if [ "$1" = restart ]; then
    until curl -fsS -o /dev/null "http://127.0.0.1:$port/fn/hello" 2>/dev/null; do sleep 0.02; done
    fn=$(( $(now_ms) - t0 ))
  fi
  echo "== $1: $health ms to GET /api/v1/health 200" >&2
  timeline "$t0"
  echo "$health $fn"
}
stop() {
  "$dist/bin/picloud" stop >/dev/null
  for _ in $(seq 1 300); do jvm_pid >/dev/null || break; sleep 0.1; done
  ! jvm_pid >/dev/null || { echo "PiCloud did not stop" >&2; exit 1; }
  for _ in $(seq 1 50); do postmaster_pid >/dev/null || break; sleep 0.1; done
  ! postmaster_pid >/dev/null || { echo "the embedded PostgreSQL outlived PiCloud" >&2; exit 1; }
}
api() { curl -fsS -H "Authorization: Bearer $token" "$@"; }

echo "== first launch (empty data directory)" >&2
read -r first_health _ <<<"$(launch first)"
api -X PUT -H 'Content-Type: text/plain' --data-binary '"Hello, world!"' \
  "http://127.0.0.1:$port/api/v1/scripts/hello" >/dev/null
curl -fsS -o /dev/null "http://127.0.0.1:$port/fn/hello"
echo "== stop, restart with data" >&2
stop
read -r restart_health restart_fn <<<"$(launch restart)"

echo "== 100 scripts" >&2
api -X PUT -H 'Content-Type: text/plain' \
  --data-binary 'let n = 0; for x in request.json.items { n += x } #{sum: n, count: request.json.items.len()}' \
  "http://127.0.0.1:$port/api/v1/scripts/echo" >/dev/null
api -X PUT -H 'Content-Type: text/plain' --data-binary 'kv::incr("count")' \
  "http://127.0.0.1:$port/api/v1/scripts/count" >/dev/null
for i in $(seq 1 97); do
  api -X PUT -H 'Content-Type: text/plain' --data-binary "let n = $i; \`script \${n}\`" \
    "http://127.0.0.1:$port/api/v1/scripts/idle-$i" >/dev/null
  curl -fsS -o /dev/null "http://127.0.0.1:$port/fn/idle-$i"
done
body=$(printf '{"name":"footprint","items":[%s]}' "$(seq -s, 1 90)")
curl -fsS -o /dev/null -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port/fn/echo"
curl -fsS -o /dev/null "http://127.0.0.1:$port/fn/count"

jvm=$(jvm_pid)
sleep "${FOOTPRINT_SETTLE_SECONDS:-120}"
echo "== idle ${idle_seconds} s" >&2
load_before=$(cut -d' ' -f1 /proc/loadavg)
mapfile -t pg0 < <(pg_pids)
j0=$(ticks "$jvm"); p0=$(ticks "${pg0[@]}")
sleep "$idle_seconds"
mapfile -t pg1 < <(pg_pids)
j1=$(ticks "$jvm"); p1=$(ticks "${pg1[@]}")
hz=$(getconf CLK_TCK)
pct() { awk -v d="$1" -v hz="$hz" -v s="$idle_seconds" 'BEGIN {printf "%.2f", 100 * d / hz / s}'; }
idle_jvm_cpu=$(pct $((j1 - j0))); idle_pg_cpu=$(pct $((p1 - p0)))
idle_jvm_pss=$(pss_kib "$jvm"); idle_pg_pss=$(pss_kib "${pg1[@]}")
idle_pg_count=${#pg1[@]}

echo "== load" >&2
lua=$(mktemp --suffix=.lua)
printf 'wrk.method = "POST"\nwrk.body = %s\nwrk.headers["Content-Type"] = "application/json"\n' \
  "$(printf '%s' "$body" | sed 's/"/\\"/g; s/^/"/; s/$/"/')" >"$lua"
rps() { awk '/Requests\/sec/ {printf "%.0f", $2}'; }
rps_hello=$(wrk -t"$threads" -c"$connections" -d"$duration" "http://127.0.0.1:$port/fn/hello" | rps)
rps_echo=$(wrk -t"$threads" -c"$connections" -d"$duration" -s "$lua" "http://127.0.0.1:$port/fn/echo" | rps)
rps_count=$(wrk -t"$threads" -c"$connections" -d"$duration" "http://127.0.0.1:$port/fn/count" | rps)
rm -f "$lua"
sleep 2
mapfile -t pg2 < <(pg_pids)
load_jvm_pss=$(pss_kib "$jvm"); load_pg_pss=$(pss_kib "${pg2[@]}")
load_jvm_rss=$(awk '/VmRSS/ {print $2}' "/proc/$jvm/status")
flags=$(tr '\0' ' ' <"/proc/$jvm/cmdline" | grep -oE -- '-Xmx[^ ]+|-XX:\+Use[A-Za-z0-9]+GC|-Xms[^ ]+|-XX:NewRatio=[0-9]+|-XX:MinHeapFreeRatio=[0-9]+|-XX:TieredStopAtLevel=[0-9]|-XX:SharedArchiveFile=[^ ]+' \
  | sed 's|=.*/|=|' | tr '\n' ' ' || true)
echo "== kill -9 of the JVM" >&2
pm_before=$(postmaster_pid)
t_kill=$(now_ms)
kill -9 "$jvm"
while [ -d "/proc/$pm_before" ]; do
  sleep 0.02
  [ $(( $(now_ms) - t_kill )) -lt 60000 ] || break
done
if [ -d "/proc/$pm_before" ]; then orphan="still running after 60 s"; else orphan="stopped $(( $(now_ms) - t_kill )) ms after the kill"; fi
"$dist/bin/picloud" stop >/dev/null 2>&1 || true  # the launcher shell, if it outlived its JVM
read -r after_kill_health _ <<<"$(launch after-kill)"
scripts_after=$(api "http://127.0.0.1:$port/api/v1/scripts" | grep -o '"name":"idle-' | wc -l)
count_after=$(curl -fsS "http://127.0.0.1:$port/fn/count")
postmasters=$(pgrep -fc -- "-D $pg_data" || true)


cat <<TABLE

| measure | result | goal |
|---|---|---|
| launch -> first answer, first launch (empty data directory) | $first_health ms | <= 3000 ms |
| launch -> first answer, restart with data | $restart_health ms (GET /fn/hello 200: $restart_fn ms) | <= 3000 ms |
| PSS idle, 100 scripts: JVM + PostgreSQL ($idle_pg_count processes) | $(mib "$idle_jvm_pss") + $(mib "$idle_pg_pss") = **$(mib $((idle_jvm_pss + idle_pg_pss))) MiB** | <= 256 MiB |
| idle CPU over ${idle_seconds} s: JVM + PostgreSQL | $idle_jvm_cpu % + $idle_pg_cpu % of one core | < 0.5 % |
| load: GET /fn/hello, POST /fn/echo, GET /fn/count (wrk -t$threads -c$connections -d$duration each) | $rps_hello, $rps_echo, $rps_count requests/s | |
| PSS after the load: JVM + PostgreSQL | $(mib "$load_jvm_pss") + $(mib "$load_pg_pss") = **$(mib $((load_jvm_pss + load_pg_pss))) MiB** (JVM RSS $(mib "$load_jvm_rss") MiB) | <= 400 MiB |
| kill -9 of the JVM: its PostgreSQL | $orphan; next start $after_kill_health ms, $scripts_after of 97 idle scripts and the counter ($count_after) kept, $postmasters postmaster | stopped, data kept, one postmaster |

JVM flags: ${flags:-(defaults)}; load average before the idle minute: $load_before (1 min), $(nproc) cores.
TABLE
