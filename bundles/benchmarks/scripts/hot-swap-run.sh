#!/usr/bin/env bash
# Hot swap of trigger plugins under load: see docs/performance.md ("Hot swap of trigger plugins under load").
#
# Usage: bundles/benchmarks/scripts/hot-swap-run.sh   (after `mvn -B install -DskipTests`)
#
# 1. copies the assembled distribution to a temporary directory and, in that copy only, adds a Karaf shell user
#    with a random password and boots the ssh feature on a free local port (PiCloud ships with SSH off), so that
#    bin/client can run bundle:update and feature:uninstall/install while the load runs;
# 2. starts it on a fresh database, deploys a script and an http route binding (GET /r/hot-swap/{n});
# 3. loads GET /r/hot-swap/{n} for HOT_SWAP_SECONDS (30) with HOT_SWAP_CONNECTIONS (16) closed-loop connections
#    (HotSwapLoad, JDK HttpClient) while swapping the http route plugin every HOT_SWAP_EVERY (3) seconds,
#    alternating `bundle:update io.picloud.trigger.httproute` and
#    `feature:uninstall picloud-trigger-httproute` + `feature:install picloud-trigger-httproute`;
# 4. prints the requests sent / answered 2xx / rejected 503 (with Retry-After) / lost (I/O errors, other statuses).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
built="$root/karaf-distribution/target/assembly"
bench_jar="$root/bundles/benchmarks/target/benchmarks.jar"
port=${PICLOUD_HTTP_PORT:-18081}
ssh_port=${HOT_SWAP_SSH_PORT:-18102}
seconds=${HOT_SWAP_SECONDS:-30}
connections=${HOT_SWAP_CONNECTIONS:-16}
every=${HOT_SWAP_EVERY:-3}
token="hot-swap-$(date +%s)-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"
db="picloud_hotswap_$(date +%s)"
user=hotswap
password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')

[ -x "$built/bin/picloud" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }
[ -f "$bench_jar" ] || { echo "build first: mvn -B install -DskipTests -pl bundles/benchmarks" >&2; exit 1; }

work=$(mktemp -d)
dist="$work/picloud"
cp -r "$built" "$dist"
rm -rf "$dist/data"
# this copy only: a shell user and SSH on localhost, for bin/client
printf '\n%s = %s,_g_:admingroup\n_g_\\:admingroup = group,admin,manager,viewer,systembus,ssh\n' "$user" "$password" \
  >> "$dist/etc/users.properties"
sed -i "s/^sshPort *=.*/sshPort = $ssh_port/" "$dist/etc/org.apache.karaf.shell.cfg"
sed -i 's/^featuresBoot=\(.*\)$/featuresBoot=\1, ssh/' "$dist/etc/org.apache.karaf.features.cfg"
# bundle:update and feature:install take the plugin from this distribution's system/ folder, not from ~/.m2
echo "org.ops4j.pax.url.mvn.localRepository=$work/m2" >> "$dist/etc/org.ops4j.pax.url.mvn.cfg"

psql -h 127.0.0.1 -U postgres -qc "create database $db" postgres
cleanup() {
  "$dist/bin/picloud" stop >/dev/null 2>&1 || true
  [ -n "${load_pid:-}" ] && kill "$load_pid" 2>/dev/null || true
  sleep 3
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" postgres || true
  rm -rf "$work"
}
trap cleanup EXIT

export PICLOUD_HTTP_PORT=$port PICLOUD_BOOTSTRAP_TOKEN=$token PICLOUD_DATA_DIR="$work/data"
export PICLOUD_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" PICLOUD_DB_USER=postgres PICLOUD_DB_PASSWORD=
"$dist/bin/picloud" start
until curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; do sleep 0.2; done

shell() { # one or more shell commands, run through bin/client (stdin: see KARAF-NOTES, bin/client pitfalls)
  printf '%s\nlogout\n' "$*" | "$dist/bin/client" -a "$ssh_port" -u "$user" -p "$password" -r 30 -d 1 2>&1
}
until shell "bundle:list -s -t 0" | grep "io.picloud.trigger.httproute" | grep -q Active; do sleep 1; done
# picloud-all pulls the plugin in as a dependency; installing it by name makes it a feature of its own that
# feature:uninstall can remove (else: "Feature named 'picloud-trigger-httproute/0' is not installed")
shell "feature:install picloud-trigger-httproute" >/dev/null

api() { curl -fsS -H "Authorization: Bearer $token" "$@"; }
api -X PUT -H 'Content-Type: text/plain' --data-binary '`hello ${request.params.n}`' \
  "http://127.0.0.1:$port/api/v1/scripts/hot-swap" >/dev/null
api -X POST -H 'Content-Type: application/json' \
  --data '{"type":"http","script":"hot-swap","config":{"method":"GET","path":"/hot-swap/{n}"}}' \
  "http://127.0.0.1:$port/api/v1/triggers" >/dev/null
until curl -fsS "http://127.0.0.1:$port/r/hot-swap/1" >/dev/null 2>&1; do sleep 0.2; done

java -cp "$bench_jar" io.picloud.benchmarks.HotSwapLoad "http://127.0.0.1:$port/r/hot-swap/1" "$seconds" \
  "$connections" > "$work/load.out" &
load_pid=$!
# one client session for all swaps (a bin/client start costs seconds): the commands are fed as their time comes
swaps=$(( (seconds - 1) / every ))
for i in $(seq 1 "$swaps"); do
  sleep "$every"
  if [ $((i % 2)) -eq 1 ]; then
    echo "swap $i: bundle:update io.picloud.trigger.httproute" >&2
    echo "bundle:update io.picloud.trigger.httproute"
  else
    echo "swap $i: feature:uninstall + feature:install picloud-trigger-httproute" >&2
    printf 'feature:uninstall picloud-trigger-httproute\nfeature:install picloud-trigger-httproute\n'
  fi
done | { cat; echo logout; } | "$dist/bin/client" -a "$ssh_port" -u "$user" -p "$password" -r 30 -d 1 \
  > "$work/client.out" 2>&1
wait "$load_pid"
load_pid=
echo "swaps: $swaps in ${seconds}s, $connections connections, GET /r/hot-swap/1"
cat "$work/load.out"
if grep -q 'Error executing command' "$work/client.out"; then
  echo "shell errors:"; grep -o 'Error executing command.*' "$work/client.out"
fi
