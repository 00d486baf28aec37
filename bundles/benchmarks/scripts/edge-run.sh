#!/usr/bin/env bash
# HTTP edge (issue 14): PiCloud's four kinds of HTTP answer against bare Jetty 12 handlers doing the same work in
# plain Java, side by side in one run. See docs/performance.md, "HTTP edge (issue 14)".
#
# Usage: bundles/benchmarks/scripts/edge-run.sh   (after `mvn -B install -DskipTests`; needs wrk and openssl)
#
# 1. starts a copy of the assembled distribution on a fresh database of the PostgreSQL on 127.0.0.1:5432 and
#    deploys: `hello` (GET /fn/hello), `echo` (POST /fn/echo with a ~300-byte JSON body: sums its items, answers
#    #{sum, count}), `user` behind an http route GET /r/users/{id}, `hook` behind a webhook binding (github preset,
#    a secret) doing echo's work; starts EdgeBareServers (bundles/benchmarks) doing the same in plain Java;
# 2. after a warm-up of each target, loads the eight targets in turn with wrk (EDGE_THREADS 2, EDGE_CONNECTIONS 32,
#    EDGE_DURATION 10s each), EDGE_ROUNDS rounds (default 3), every answer checked (a non-2xx or a socket error
#    fails the run); prints each target's median round (requests/s, p50, p99), the ratios PiCloud / bare and
#    p99 PiCloud / p99 bare, and the load average before and after.
#
# EDGE_ASSEMBLY: another assembled distribution (default karaf-distribution/target/assembly, e.g. a copy with
# other bundle jars in system/ for a before/after comparison); EDGE_JAVA_OPTS: extra JVM options of PiCloud (e.g.
# -Xlog:gc:file=gc.log or -XX:StartFlightRecording:settings=profile,filename=edge.jfr); EDGE_KEEP=1 keeps PiCloud
# running after the rounds until Enter is pressed (to attach jcmd); EDGE_TARGETS: a subset, e.g.
# "fn-echo bare-echo".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
assembly="${EDGE_ASSEMBLY:-$root/karaf-distribution/target/assembly}"
bench_jar="$root/bundles/benchmarks/target/benchmarks.jar"
port=${EDGE_HTTP_PORT:-18380}
bare_port=${EDGE_BARE_PORT:-18390}
duration=${EDGE_DURATION:-10s}
rounds=${EDGE_ROUNDS:-3}
connections=${EDGE_CONNECTIONS:-32}
threads=${EDGE_THREADS:-2}
token="edge-run-$(date +%s)-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"
secret="edge-secret-$(od -An -tx1 -N8 /dev/urandom | tr -d " \n")"
db="picloud_edge_$(date +%s)"

for tool in wrk openssl psql curl java; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done
[ -x "$assembly/bin/picloud" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }
[ -f "$bench_jar" ] || { echo "build first: mvn -B install -DskipTests ($bench_jar)" >&2; exit 1; }

dist=$(mktemp -d)
data_dir=$(mktemp -d)
work=$(mktemp -d)
cp -a "$assembly/." "$dist/"
# every connection may be inside a run of the same script at once (a loaded machine preempts runs midway): the
# default gate of 16 concurrent runs per script would answer some of them 429, which is not what is measured here
echo "maxConcurrentRunsPerScript = $connections" >>"$dist/etc/io.picloud.executor.cfg"
psql -h 127.0.0.1 -U postgres -qc "create database $db" postgres
cleanup() {
  PICLOUD_DATA_DIR=$data_dir "$dist/bin/picloud" stop >/dev/null 2>&1 || true
  [ -z "${bare_pid:-}" ] || kill "$bare_pid" 2>/dev/null || true
  sleep 3
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" postgres >/dev/null || true
  rm -rf "$dist" "$data_dir" "$work"
}
trap cleanup EXIT

export PICLOUD_HTTP_PORT=$port PICLOUD_BOOTSTRAP_TOKEN=$token PICLOUD_DATA_DIR=$data_dir
export PICLOUD_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" PICLOUD_DB_USER=postgres PICLOUD_DB_PASSWORD=
export EXTRA_JAVA_OPTS="${EDGE_JAVA_OPTS:-}"
"$dist/bin/picloud" start
until curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; do sleep 0.1; done
java -cp "$bench_jar" io.picloud.benchmarks.EdgeBareServers "$bare_port" "$secret" >/dev/null &
bare_pid=$!

api() { curl -fsS -H "Authorization: Bearer $token" "$@"; }
deploy() { api -X PUT -H 'Content-Type: text/plain' --data-binary "$2" "http://127.0.0.1:$port/api/v1/scripts/$1" >/dev/null; }
bind() { api -X POST -H 'Content-Type: application/json' --data-binary "$1" "http://127.0.0.1:$port/api/v1/triggers" >/dev/null; }

body='{"items":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80]}'
# the JSON work: /fn and http routes give the body parsed as request.json; a webhook's event has it as payload
sum_script='fn handle(input) {
  let items = if "json" in input { input.json.items } else { input.payload.items };
  let sum = 0; for x in items { sum += x; } #{ sum: sum, count: items.len() }
}'
deploy hello '"Hello, world!"'
deploy echo "$sum_script"
deploy hook "$sum_script"
deploy user 'fn handle(request) { let id = request.params.id; #{ id: id, name: "user " + id } }'
bind '{"type":"http","script":"user","config":{"method":"GET","path":"/users/{id}"}}'
bind "{\"type\":\"webhook\",\"script\":\"hook\",\"config\":{\"path\":\"edge\",\"preset\":\"github\",\"secret\":\"$secret\"}}"
signature="sha256=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" | awk '{print $NF}')"

lua_post="$work/post.lua"
lua_hook="$work/hook.lua"
cat >"$lua_post" <<EOF
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
EOF
cat "$lua_post" >"$lua_hook"
echo "wrk.headers[\"X-Hub-Signature-256\"] = \"$signature\"" >>"$lua_hook"

declare -A urls=(
  [fn-hello]="http://127.0.0.1:$port/fn/hello"       [bare-hello]="http://127.0.0.1:$bare_port/"
  [fn-echo]="http://127.0.0.1:$port/fn/echo"         [bare-echo]="http://127.0.0.1:$((bare_port + 1))/"
  [route-user]="http://127.0.0.1:$port/r/users/42"   [bare-user]="http://127.0.0.1:$((bare_port + 2))/r/users/42"
  [webhook]="http://127.0.0.1:$port/hooks/edge"      [bare-webhook]="http://127.0.0.1:$((bare_port + 3))/"
)
declare -A luas=([fn-echo]=$lua_post [bare-echo]=$lua_post [webhook]=$lua_hook [bare-webhook]=$lua_hook)
declare -A bare_of=([fn-hello]=bare-hello [fn-echo]=bare-echo [route-user]=bare-user [webhook]=bare-webhook)
read -r -a targets <<<"${EDGE_TARGETS:-fn-hello bare-hello fn-echo bare-echo route-user bare-user webhook bare-webhook}"

until curl -fsS "${urls[bare-hello]}" >/dev/null 2>&1; do sleep 0.1; done
# every target answers 200 with the expected body before any load
check() { # target expected-substring
  local out
  if [ -n "${luas[$1]:-}" ]; then
    out=$(curl -fsS -X POST -H 'Content-Type: application/json' -H "X-Hub-Signature-256: $signature" \
      --data-binary "$body" "${urls[$1]}")
  else
    out=$(curl -fsS "${urls[$1]}")
  fi
  grep -qF "$2" <<<"$out" || { echo "$1 answered '$out', expected '$2'" >&2; exit 1; }
}
for target in fn-hello bare-hello; do check "$target" 'Hello, world!'; done
for target in fn-echo bare-echo webhook bare-webhook; do check "$target" '3240'; done
for target in route-user bare-user; do check "$target" '"user 42"'; done

load() { # target duration: wrk's output; fails on socket errors or non-2xx answers
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"$2" --latency ${luas[$1]:+-s "${luas[$1]}"} "${urls[$1]}")
  if grep -qE "Socket errors|Non-2xx" <<<"$out"; then
    echo "errors under load on $1:" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "$out"
}
ms() { # a wrk latency (850.00us, 1.20ms, 2.00s) in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n *= 1; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}

echo "== warm-up (load average: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
for target in "${targets[@]}"; do load "$target" 5s >/dev/null; done

results="$work/results"
for round in $(seq 1 "$rounds"); do
  for target in "${targets[@]}"; do
    out=$(load "$target" "$duration")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(ms "$(awk '$1=="50%" {print $2}' <<<"$out")")
    p99=$(ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
    echo "round $round $target requests/s=$rps p50=${p50}ms p99=${p99}ms load=$(cut -d' ' -f1 /proc/loadavg)" >&2
    echo "$target $rps $p50 $p99" >>"$results"
  done
done

median() { # target: "requests/s p50 p99" of its median round by requests/s
  awk -v t="$1" '$1==t {print $2, $3, $4}' "$results" | sort -n | awk '{line[NR]=$0} END {print line[int((NR+1)/2)]}'
}
declare -A rps_of p99_of
printf '%-13s %12s %9s %9s\n' target requests/s p50-ms p99-ms
for target in "${targets[@]}"; do
  read -r rps p50 p99 <<<"$(median "$target")"
  rps_of[$target]=$rps
  p99_of[$target]=$p99
  printf '%-13s %12.0f %9.3f %9.3f\n' "$target" "$rps" "$p50" "$p99"
done
echo "(medians of $rounds rounds of $duration, wrk -t$threads -c$connections; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
for target in fn-hello fn-echo route-user webhook; do
  bare=${bare_of[$target]}
  [ -n "${rps_of[$target]:-}" ] && [ -n "${rps_of[$bare]:-}" ] || continue
  awk -v t="$target" -v a="${rps_of[$target]}" -v b="${rps_of[$bare]}" -v pa="${p99_of[$target]}" \
    -v pb="${p99_of[$bare]}" 'BEGIN {printf "%-11s requests/s PiCloud/bare %.2f (goal >= 0.80)  p99 PiCloud/bare %.2f (goal <= 2)\n", t, a/b, pa/pb}'
done

if [ -n "${EDGE_KEEP:-}" ]; then
  echo "PiCloud pid $(pgrep -f "karaf.base=$dist" | head -1), bare pid $bare_pid; press Enter to stop" >&2
  read -r _
fi
