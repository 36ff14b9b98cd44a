#!/usr/bin/env bash
# Runs every test: makes a real Docker engine reachable (starting a private one when none answers), builds the
# local test images, starts the local PostgreSQL cluster for the multi-node tests, then runs the Maven build.
set -euo pipefail
cd "$(dirname "$0")/../../.."

engine_was_running=true
docker version >/dev/null 2>&1 || engine_was_running=false
# shellcheck source=src/test/scripts/docker-engine.sh
source src/test/scripts/docker-engine.sh
# shellcheck source=src/test/scripts/postgres.sh
source src/test/scripts/postgres.sh

stop_private_engine() {
  local pidfile="$MCD_DOCKER_ROOT/docker.pid"
  if [ "$engine_was_running" = false ] && [ -f "$pidfile" ]; then
    local pid
    pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
}
trap stop_private_engine EXIT

mvn -B -ntp verify "$@"
