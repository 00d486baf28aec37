#!/usr/bin/env bash
# Memory bombs against a small server: see docs/performance.md ("Memory bombs on a 256 MiB heap").
#
# Usage: bundles/benchmarks/scripts/bomb-run.sh   (after `mvn -B install -DskipTests`)
#
# Starts the assembled distribution with JAVA_MAX_MEM=256m and its embedded PostgreSQL, deploys three bombs
# (a string doubled into an array, nested maps, an output flood) and /fn/hello, then sends BOMB_ROUNDS rounds
# (default 5) of 4 concurrent bomb calls while a loop keeps calling /fn/hello. Prints each bomb call's status,
# error kind and time, the hello calls' count, failures and slowest answer, and the highest PSS of PiCloud's JVM
# plus its PostgreSQL processes, sampled every 100 ms.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
dist=${PICLOUD_DIST:-"$root/karaf-distribution/target/assembly"}
port=${PICLOUD_HTTP_PORT:-18080}
rounds=${BOMB_ROUNDS:-5}
token="bomb-run-$(date +%s)-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"
[ -x "$dist/bin/picloud" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }

data_dir=$(mktemp -d)
work=$(mktemp -d)
cleanup() {
  [ -n "${hello_pid:-}" ] && kill "$hello_pid" 2>/dev/null || true
  [ -n "${pss_pid:-}" ] && kill "$pss_pid" 2>/dev/null || true
  "$dist/bin/picloud" stop >/dev/null 2>&1 || true
  sleep 3
  rm -rf "$data_dir" "$work"
}
trap cleanup EXIT

export PICLOUD_HTTP_PORT=$port PICLOUD_BOOTSTRAP_TOKEN=$token PICLOUD_DATA_DIR=$data_dir JAVA_MAX_MEM=256m
unset PICLOUD_DB_URL
"$dist/bin/picloud" start
until curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; do sleep 0.2; done

deploy() { # name source
  curl -fsS -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: text/plain' --data-binary "$2" \
    "http://127.0.0.1:$port/api/v1/scripts/$1" >/dev/null
}
deploy hello '"Hello, world!"'
deploy bomb-strings 'let s = "x"; for i in 0..19 { s += s; } let a = []; for i in 0..100000 { a.push(s + i); } a.len()'
deploy bomb-maps 'let s = "x"; for i in 0..16 { s += s; } let m = #{}; for i in 0..100000 { m["k" + i] = #{ a: s + i, b: [s + i, #{ c: s + i }] }; } m.len()'
deploy bomb-output 'let line = "y"; for i in 0..14 { line += line; } for i in 0..1000000 { print(line); } 0'
for s in hello bomb-strings bomb-maps bomb-output; do curl -s -o /dev/null "http://127.0.0.1:$port/fn/$s" || true; done

procs() { # the JVM, the embedded postmaster and its children (backends, writer, walwriter ...)
  local pm
  pgrep -f "karaf.base=$dist"
  for pm in $(pgrep -f "$data_dir/postgres" || true); do echo "$pm"; pgrep -P "$pm" || true; done
}
pss() { # PSS in KiB of the JVM and its PostgreSQL processes
  local total=0 p
  for p in $(procs); do
    total=$(( total + $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
(max=0; while true; do v=$(pss); [ "$v" -gt "$max" ] && max=$v && echo "$max" >"$work/pss-max"; sleep 0.1; done) &
pss_pid=$!
echo "pss-before-kib: $(pss)"
for p in $(procs); do
  echo "  pid $p $(tr '\0' ' ' <"/proc/$p/cmdline" | cut -c1-60): pss $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup") KiB"
done

(while true; do
   curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$port/fn/hello" >>"$work/hello" || echo "000 0" >>"$work/hello"
 done) &
hello_pid=$!

bombs=(bomb-strings bomb-maps bomb-output bomb-strings)
for round in $(seq 1 "$rounds"); do
  calls=()
  for i in 0 1 2 3; do
    b=${bombs[$(( (i + round) % 4 ))]}
    curl -s -o "$work/body-$round-$i" -w "$b %{http_code} %{time_total}\n" "http://127.0.0.1:$port/fn/$b" \
      >"$work/call-$round-$i" &
    calls+=($!)
  done
  wait "${calls[@]}" || true
  for i in 0 1 2 3; do
    read -r b code t <"$work/call-$round-$i"
    kind=$(grep -o '"kind":"[A-Za-z]*"' "$work/body-$round-$i" | head -1 | cut -d'"' -f4)
    echo "round $round $b status=$code kind=${kind:-none} seconds=$t"
  done
done
sleep 0.5
kill "$hello_pid"; hello_pid=
kill "$pss_pid"; pss_pid=
awk '{n++; if ($1 != "200") f++; if ($2 > m) m = $2} END {printf "hello calls=%d failures=%d slowest=%.3f s\n", n, f, m}' "$work/hello"
echo "pss-max-kib: $(cat "$work/pss-max") ($(awk '{printf "%.0f MiB", $1/1024}' "$work/pss-max"))"
