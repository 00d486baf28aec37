#!/usr/bin/env bash
# Launch -> first answer of the all-in-one PiCloud with its embedded PostgreSQL, a first launch (empty data
# directory) and a restart with data, for a build and a baseline alternately, LAUNCH_ROUNDS times (default 3):
# see docs/performance.md, "Footprint and start". Prints, per launch, the milliseconds from `bin/picloud start` to
# `GET /api/v1/health` 200 and the JVM's CPU time by then.
#
# LAUNCH_ASSEMBLY: the distribution to measure (default karaf-distribution/target/assembly; an unpacked tar.gz is
#   what users run). LAUNCH_BASELINE: the one to compare with; "prepared-off" (the default) is a copy of
#   LAUNCH_ASSEMBLY without the build-time preparation of 2026-12-08: no lib/postgresql (so binaries unpacked,
#   initdb and the migration at the first start) and Liquibase's bundle started at every boot.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
assembly=${LAUNCH_ASSEMBLY:-$root/karaf-distribution/target/assembly}
baseline=${LAUNCH_BASELINE:-prepared-off}
rounds=${LAUNCH_ROUNDS:-3}
port=${PICLOUD_HTTP_PORT:-18180}
[ -x "$assembly/bin/picloud" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ "$baseline" = prepared-off ]; then
  baseline=$work/baseline
  cp -a "$assembly" "$baseline"
  rm -rf "$baseline/lib/postgresql"
  sed -i 's#<bundle start="false">mvn:org.liquibase#<bundle>mvn:org.liquibase#' \
    "$baseline"/system/io/picloud/io.picloud.features/*/io.picloud.features-*-features.xml
fi

unset PICLOUD_DB_URL PICLOUD_DB_USER PICLOUD_DB_PASSWORD PICLOUD_DATA_DIR KARAF_DATA
export PICLOUD_HTTP_PORT=$port PICLOUD_HTTP_HOST=127.0.0.1
export PICLOUD_BOOTSTRAP_TOKEN="launch-$(date +%s)-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

launch() { # dist: starts it, prints "<ms to health 200> ms (JVM CPU <ms>)"
  local t0 pid
  t0=$(now_ms)
  "$1/bin/picloud" start
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/api/v1/health" 2>/dev/null; do
    sleep 0.02
    [ $(( $(now_ms) - t0 )) -lt 120000 ] || { echo "no answer in 120 s" >&2; exit 1; }
  done
  local ms=$(( $(now_ms) - t0 ))
  pid=$(pgrep -f "karaf.base=$1 " | head -1)
  echo "$ms ms (JVM CPU $(awk '{ sub(/^.*\) /, ""); print ($12 + $13) * 10 }' "/proc/$pid/stat") ms)"
}
stop() {
  "$1/bin/picloud" stop >/dev/null
  for _ in $(seq 1 300); do pgrep -f "karaf.base=$1 " >/dev/null || break; sleep 0.1; done
  sleep 1 # the embedded PostgreSQL's fast shutdown
}
measure() { # name assembly
  local dist=$work/run
  rm -rf "$dist"
  cp -a "$2" "$dist"
  sync
  local first restart
  first=$(launch "$dist"); stop "$dist"
  restart=$(launch "$dist"); stop "$dist"
  printf '%-9s first launch %-28s restart %s\n' "$1" "$first" "$restart"
  rm -rf "$dist"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq 1 "$rounds"); do
  measure build "$assembly"
  measure baseline "$baseline"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
