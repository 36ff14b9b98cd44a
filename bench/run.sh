#!/usr/bin/env bash
# The benchmark (docs/benchmark.md): builds the application jar, then bench/Bench.java measures the application
# against the raw Docker CLI (docker rm -f; docker run; wait until healthy) on the same daemon and images and
# prints a table of figures with their ratios. Not part of the tests: it measures, it asserts nothing.
#   bench/run.sh                                # the recommended start: deploy/jvm.options and class data sharing
#   BENCH_JVM_OPTS= BENCH_CDS=0 bench/run.sh    # the JVM's defaults
# Env: DOCKER_HOST (default: the test engine src/test/scripts/docker-engine.sh starts), BENCH_SKIP_BUILD=1,
# BENCH_JVM_OPTS (default: @deploy/jvm.options), BENCH_CDS (default 1), BENCH_APP_ARGS (extra application arguments, e.g. --camunda.bpm.job-execution.core-pool-size=4),
# BENCH_EVENTS=false (health waits woken by the poll timer only), BENCH_POLL (the poll interval, default 250ms),
# BENCH_QUICK=1 (happy path, first deploys, start-up and step gaps only),
# BENCH_NODES=n (only the several-nodes figures: n nodes on PostgreSQL, the fan-out split across them).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! docker version >/dev/null 2>&1 || ! docker image inspect mcd-test/app:unhealthy >/dev/null 2>&1; then
  # shellcheck source=/dev/null
  source src/test/scripts/docker-engine.sh
fi
if [ "${BENCH_SKIP_BUILD:-}" != 1 ] || ! ls target/mayor-crew-deploy-*.jar >/dev/null 2>&1; then
  mvn -B -ntp -o -q package -DskipTests
fi
jar=$(find target -maxdepth 1 -name 'mayor-crew-deploy-*.jar' ! -name '*.original' | head -1)

work=$(mktemp -d /tmp/mcd-bench.XXXXXX)
poll=${BENCH_POLL:-250ms}
config=$work/bench.yaml
{
  echo "mcd:"
  echo "  health-events:"
  echo "    enabled: ${BENCH_EVENTS:-true}"
  echo "  logs-dir: $work/deploys"
  echo "  hosts:"
  echo "    bench: {docker-endpoint: \"$DOCKER_HOST\"}"
  for i in $(seq 1 50); do echo "    h$i: {docker-endpoint: \"$DOCKER_HOST\"}"; done
  echo "  services:"
  service() { # name container port
    cat <<YAML
    $1:
      image-repository: mcd-test/app
      container-name: $2
      network-mode: host
      env: {PORT: "$3"}
      health: {url: "http://127.0.0.1:$3/health", timeout: 60s, poll-interval: $poll, required-passes: 1}
YAML
  }
  service bench mcd-bench-app 19100
  for i in $(seq 1 50); do service "f$i" "mcd-bench-f$i" $((19100 + i)); done
} >"$config"

opts=${BENCH_JVM_OPTS-@$PWD/deploy/jvm.options}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
if [ "${BENCH_CDS:-1}" = 1 ]; then
  # Class data sharing (docs/benchmark.md): Spring Boot's extracted layout, one training run that deploys twice and
  # stops, writing the archive of the classes it loaded; every start then maps them.
  java -Djarmode=tools -jar "$jar" extract --destination "$work/extracted" >/dev/null
  jar=$work/extracted/$(basename "$jar")
  BENCH_JVM_OPTS="$opts -XX:ArchiveClassesAtExit=$work/app.jsa" java bench/Bench.java "$jar" "$work/training" \
    "$config" train
  opts="$opts -XX:SharedArchiveFile=$work/app.jsa"
fi
export BENCH_JVM_OPTS=$opts

if [ -n "${BENCH_NODES:-}" ]; then
  # Several nodes on PostgreSQL (docs/benchmark.md): a fresh schema of the test database for this run, created by
  # Liquibase when the first node starts, dropped at the end. The machine's cluster is started when it is down.
  MCD_TEST_POSTGRES_URL=${MCD_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/mcd_test}
  psql_url="postgresql://${BENCH_DATABASE_USER:-mcd_test}:${BENCH_DATABASE_PASSWORD:-mcd_test}@${MCD_TEST_POSTGRES_URL#jdbc:postgresql://}"
  if ! psql -q "$psql_url" -c "SELECT 1" >/dev/null 2>&1; then
    # shellcheck source=/dev/null
    source src/test/scripts/postgres.sh
  fi
  schema=mcd_bench_$(date +%s)
  psql -q "$psql_url" -c "CREATE SCHEMA $schema"
  trap 'PGOPTIONS=--client-min-messages=warning psql -q "$psql_url" -c "DROP SCHEMA IF EXISTS $schema CASCADE"' EXIT
  export BENCH_DATABASE_URL="$MCD_TEST_POSTGRES_URL?currentSchema=$schema"
fi

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -r)," \
  "$(java -version 2>&1 | head -1), docker $(docker version -f '{{.Server.Version}}'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "work dir: $work (app.log)"
java bench/Bench.java "$jar" "$work" "$config"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
