#!/usr/bin/env bash
# Runs every test: makes a real Docker engine reachable (starting a private one when none answers), builds the
# local test images, starts a second private engine that tests may freeze (SIGSTOP), starts the local PostgreSQL
# cluster for the multi-node tests, a private sshd for the Docker access tests and a private OpenLDAP for the
# directory logins, lints the BPMN and checks its diagram images, then runs the Maven build.
set -euo pipefail
cd "$(dirname "$0")/../../.."

engine_was_running=true
docker version >/dev/null 2>&1 || engine_was_running=false
second_engine_was_running=true
DOCKER_HOST=unix://${MCD_DOCKER_ROOT_2:-/tmp/mcd-docker-2}/docker.sock timeout 5 docker version >/dev/null 2>&1 \
  || second_engine_was_running=false
# shellcheck source=src/test/scripts/docker-engine.sh
source src/test/scripts/docker-engine.sh
# shellcheck source=src/test/scripts/postgres.sh
source src/test/scripts/postgres.sh
# shellcheck source=src/test/scripts/sshd.sh
source src/test/scripts/sshd.sh
ldap_was_running=true
pid_file=${MCD_LDAP_ROOT:-/tmp/mcd-ldap}/slapd.pid
{ [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; } || ldap_was_running=false
# shellcheck source=src/test/scripts/ldap.sh
source src/test/scripts/ldap.sh

stop_engine() {
  local pidfile=$1/docker.pid
  if [ -f "$pidfile" ]; then
    local pid
    pid=$(cat "$pidfile")
    kill -CONT "$pid" 2>/dev/null || true # a frozen daemon cannot handle SIGTERM
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
}
stop_private_engines() {
  if [ "$engine_was_running" = false ]; then stop_engine "$MCD_DOCKER_ROOT"; fi
  if [ "$second_engine_was_running" = false ]; then stop_engine "$MCD_DOCKER_ROOT_2"; fi
  if [ "$ldap_was_running" = false ]; then kill -TERM "$(cat "$MCD_LDAP_ROOT/slapd.pid")" 2>/dev/null || true; fi
}
trap stop_private_engines EXIT

# bpmnlint over processes/*.bpmn and the committed diagram images against the BPMN (a few seconds).
bash src/tools/check-bpmn.sh
mvn -B -ntp verify "$@"
