#!/usr/bin/env bash
# Deploy to first successful call, on an all-in-one PiCloud and on a cluster node: see docs/performance.md.
#
# Usage: bundles/benchmarks/scripts/deploy-run.sh   (after `mvn -B install -DskipTests`; DEPLOY_ROUNDS, default 20)
#
# 1. copies the assembled distribution twice and starts one copy all-in-one (PICLOUD_ROLE=all, it is the manager)
#    and one as a node (PICLOUD_ROLE=node), both on one fresh database on the local PostgreSQL;
# 2. DeployLatency (bundles/benchmarks, JDK HttpClient) deploys a new script through the manager's API, then a
#    second version of it, DEPLOY_ROUNDS times; from the start of each upload it polls GET /fn/{name} on both
#    containers (every 2 ms) until each answers with the new version's output, and prints, per container, the
#    median, p90 and maximum time from the start of the upload to that first answer.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
built="$root/karaf-distribution/target/assembly"
bench_jar="$root/bundles/benchmarks/target/benchmarks.jar"
all_port=${DEPLOY_ALL_PORT:-18083}
node_port=${DEPLOY_NODE_PORT:-18084}
rounds=${DEPLOY_ROUNDS:-20}
token="deploy-run-$(date +%s)-$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")"
db="picloud_deploy_$(date +%s)"

[ -x "$built/bin/picloud" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }
[ -f "$bench_jar" ] || { echo "build first: mvn -B install -DskipTests -pl bundles/benchmarks" >&2; exit 1; }

work=$(mktemp -d)
for copy in all node; do
  cp -r "$built" "$work/$copy"
  rm -rf "$work/$copy/data"
done
psql -h 127.0.0.1 -U postgres -qc "create database $db" postgres
cleanup() {
  for copy in node all; do "$work/$copy/bin/picloud" stop >/dev/null 2>&1 || true; done
  sleep 3
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" postgres || true
  rm -rf "$work"
}
trap cleanup EXIT

export PICLOUD_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" PICLOUD_DB_USER=postgres PICLOUD_DB_PASSWORD=
PICLOUD_ROLE=all PICLOUD_HTTP_PORT=$all_port PICLOUD_BOOTSTRAP_TOKEN=$token PICLOUD_DATA_DIR="$work/all-data" \
  "$work/all/bin/picloud" start
until curl -fsS "http://127.0.0.1:$all_port/api/v1/health" >/dev/null 2>&1; do sleep 0.2; done
PICLOUD_ROLE=node PICLOUD_HTTP_PORT=$node_port PICLOUD_DATA_DIR="$work/node-data" "$work/node/bin/picloud" start
until curl -fsS "http://127.0.0.1:$node_port/health" >/dev/null 2>&1; do sleep 0.2; done

java -cp "$bench_jar" io.picloud.benchmarks.DeployLatency "http://127.0.0.1:$all_port" "$token" "$rounds" \
  "http://127.0.0.1:$all_port,http://127.0.0.1:$node_port"
