#!/usr/bin/env bash
# Makes a Docker engine reachable for the tests and builds the local test images; starts a second, private
# engine that tests may freeze (SIGSTOP) to play a hung daemon, so the first one is never frozen.
#   source src/test/scripts/docker-engine.sh
#     -> exports DOCKER_HOST, MCD_TEST_DOCKER_HOST_2 and MCD_TEST_DOCKER_PIDFILE_2
# Uses the engine DOCKER_HOST points at when it answers; otherwise starts a private dockerd
# (Debian docker.io) on a socket under $MCD_DOCKER_ROOT, as ../shared/reference/docker-engine.md describes.
set -euo pipefail

MCD_DOCKER_ROOT=${MCD_DOCKER_ROOT:-/tmp/mcd-docker}
MCD_DOCKER_ROOT_2=${MCD_DOCKER_ROOT_2:-/tmp/mcd-docker-2}
TEST_IMAGE_REPO=${TEST_IMAGE_REPO:-mcd-test/app}

engine_answers() { docker version >/dev/null 2>&1; }

# shellcheck source=src/test/scripts/detached.sh
source "$(dirname "${BASH_SOURCE[0]}")/detached.sh"

start_private_engine() {
  command -v dockerd >/dev/null || {
    echo "dockerd not installed: apt-get install -y --no-install-recommends docker.io busybox-static" >&2
    return 1
  }
  export DOCKER_HOST="unix://$MCD_DOCKER_ROOT/docker.sock"
  if engine_answers; then return 0; fi
  mkdir -p "$MCD_DOCKER_ROOT/data" "$MCD_DOCKER_ROOT/exec"
  exec_detached setsid dockerd --host "$DOCKER_HOST" --data-root "$MCD_DOCKER_ROOT/data" --exec-root "$MCD_DOCKER_ROOT/exec" \
    --pidfile "$MCD_DOCKER_ROOT/docker.pid" --iptables=false --ip-masq=false --bridge=none \
    --storage-driver="${STORAGE_DRIVER:-overlay2}" >"$MCD_DOCKER_ROOT/dockerd.log" 2>&1 </dev/null &
  local i=0
  until engine_answers; do
    i=$((i + 1))
    if [ "$i" -ge 300 ]; then tail -20 "$MCD_DOCKER_ROOT/dockerd.log" >&2; return 1; fi
    sleep 0.1
  done
  echo "started private Docker engine at $DOCKER_HOST (log: $MCD_DOCKER_ROOT/dockerd.log)"
}

# The images come from Debian's static busybox through deploy/demo/build-images.sh: no registry is needed. All
# serve /health over HTTP on $PORT; the healthy ones (three distinct images, so a test can deploy a new version
# over an old one) have a passing HEALTHCHECK, "unhealthy" one that always fails. The demo service's own images
# (mcd-demo/app:v1 healthy, :v2 unhealthy) are the first-deploy test's.
build_test_images() {
  local build_images
  build_images="$(dirname "${BASH_SOURCE[0]}")/../../../deploy/demo/build-images.sh"
  bash "$build_images" "$TEST_IMAGE_REPO" healthy=healthy healthy-v1=healthy healthy-v2=healthy unhealthy=unhealthy \
    >/dev/null
  echo "built test images $TEST_IMAGE_REPO:{healthy,healthy-v1,healthy-v2,unhealthy}"
  bash "$build_images"
}

# The second engine: its own data, exec root, pidfile and socket; no bridge, no iptables, so it does not touch
# the first one's networking. A run that was interrupted may have left it frozen: it is thawed first. The
# test images are copied from the first engine (no registry, no second build).
start_second_engine() {
  local host="unix://$MCD_DOCKER_ROOT_2/docker.sock" pidfile="$MCD_DOCKER_ROOT_2/docker.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then kill -CONT "$(cat "$pidfile")"; fi
  if ! DOCKER_HOST=$host timeout 5 docker version >/dev/null 2>&1; then
    mkdir -p "$MCD_DOCKER_ROOT_2/data" "$MCD_DOCKER_ROOT_2/exec"
    exec_detached setsid dockerd --host "$host" --data-root "$MCD_DOCKER_ROOT_2/data" --exec-root "$MCD_DOCKER_ROOT_2/exec" \
      --pidfile "$pidfile" --iptables=false --ip-masq=false --bridge=none \
      --storage-driver="${STORAGE_DRIVER:-overlay2}" >"$MCD_DOCKER_ROOT_2/dockerd.log" 2>&1 </dev/null &
    local i=0
    until DOCKER_HOST=$host timeout 5 docker version >/dev/null 2>&1; do
      i=$((i + 1))
      if [ "$i" -ge 300 ]; then tail -20 "$MCD_DOCKER_ROOT_2/dockerd.log" >&2; return 1; fi
      sleep 0.1
    done
    echo "started the second Docker engine at $host (log: $MCD_DOCKER_ROOT_2/dockerd.log)"
  fi
  docker save "$TEST_IMAGE_REPO:healthy-v1" "$TEST_IMAGE_REPO:healthy-v2" | DOCKER_HOST=$host docker load -q >/dev/null
  export MCD_TEST_DOCKER_HOST_2=$host MCD_TEST_DOCKER_PIDFILE_2=$pidfile
}

if ! engine_answers; then start_private_engine; fi
build_test_images
start_second_engine
