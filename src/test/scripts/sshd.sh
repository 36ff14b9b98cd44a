#!/usr/bin/env bash
# A private sshd on loopback for the Docker access tests, with its own host key and authorized_keys under
# $MCD_SSHD_DIR, and three throwaway login users that reach the test daemon's socket in different ways:
#   mcd-sudo    may run docker through `sudo -n` (a sudoers rule), not in the socket's group
#   mcd-group   a member of the Docker socket's group
#   mcd-denied  neither: sudo asks for a password, the socket says permission denied
#   source src/test/scripts/sshd.sh   (after docker-engine.sh: DOCKER_HOST names the daemon's socket)
#     -> exports MCD_TEST_SSH_PORT, MCD_TEST_SSH_DIR (client_key, stranger_key, known_hosts), and the daemon's
#        socket path and name, MCD_TEST_DOCKER_SOCKET and MCD_TEST_DOCKER_NAME (a remote host's expected name)
# Runs as root (useradd, sudoers, sshd); installs sudo when it is missing. Reuses a running sshd of an earlier run.
set -euo pipefail
# shellcheck source=src/test/scripts/detached.sh
source "$(dirname "${BASH_SOURCE[0]}")/detached.sh"

MCD_SSHD_DIR=${MCD_SSHD_DIR:-/tmp/mcd-sshd}

ensure_sudo() {
  command -v sudo >/dev/null && return 0
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends sudo >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends sudo >/dev/null; }
}

# '*' instead of useradd's locked '!': sshd (without PAM) refuses locked accounts even for key logins.
ensure_user() {
  id "$1" >/dev/null 2>&1 || useradd -m -s /bin/sh "$1"
  usermod -p '*' "$1"
}

sshd_answers() {
  [ -f "$MCD_SSHD_DIR/port" ] && [ -f "$MCD_SSHD_DIR/sshd.pid" ] && kill -0 "$(cat "$MCD_SSHD_DIR/sshd.pid")" 2>/dev/null \
    && timeout 5 ssh -o BatchMode=yes -o ConnectTimeout=3 -i "$MCD_SSHD_DIR/client_key" \
      -o UserKnownHostsFile="$MCD_SSHD_DIR/known_hosts" -p "$(cat "$MCD_SSHD_DIR/port")" mcd-group@127.0.0.1 true
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_sshd() {
  local socket=${DOCKER_HOST#unix://} port docker_bin
  ensure_sudo
  ensure_user mcd-sudo
  ensure_user mcd-group
  ensure_user mcd-denied
  usermod -aG "$(stat -c %G "$socket")" mcd-group
  docker_bin=$(command -v docker)
  printf 'mcd-sudo ALL=(root) NOPASSWD: %s\n' "$docker_bin" >/etc/sudoers.d/mcd-test-docker
  chmod 0440 /etc/sudoers.d/mcd-test-docker
  if sshd_answers; then
    export MCD_TEST_SSH_PORT MCD_TEST_SSH_DIR=$MCD_SSHD_DIR
    MCD_TEST_SSH_PORT=$(cat "$MCD_SSHD_DIR/port")
    return 0
  fi
  if [ -f "$MCD_SSHD_DIR/sshd.pid" ]; then kill "$(cat "$MCD_SSHD_DIR/sshd.pid")" 2>/dev/null || true; fi
  rm -rf "$MCD_SSHD_DIR"
  mkdir -p "$MCD_SSHD_DIR" /run/sshd
  chmod 0755 "$MCD_SSHD_DIR"
  ssh-keygen -q -t ed25519 -N '' -f "$MCD_SSHD_DIR/host_key"
  ssh-keygen -q -t ed25519 -N '' -f "$MCD_SSHD_DIR/client_key"
  ssh-keygen -q -t ed25519 -N '' -f "$MCD_SSHD_DIR/stranger_key"
  # read by sshd as the logging-in user
  cp "$MCD_SSHD_DIR/client_key.pub" "$MCD_SSHD_DIR/authorized_keys"
  chmod 0644 "$MCD_SSHD_DIR/authorized_keys"
  port=$(free_port)
  cat >"$MCD_SSHD_DIR/sshd_config" <<CONFIG
ListenAddress 127.0.0.1
Port $port
HostKey $MCD_SSHD_DIR/host_key
AuthorizedKeysFile $MCD_SSHD_DIR/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
AllowStreamLocalForwarding yes
PidFile $MCD_SSHD_DIR/sshd.pid
CONFIG
  printf '[127.0.0.1]:%s %s\n' "$port" "$(cat "$MCD_SSHD_DIR/host_key.pub")" >"$MCD_SSHD_DIR/known_hosts"
  echo "$port" >"$MCD_SSHD_DIR/port"
  (exec_detached "$(command -v sshd || echo /usr/sbin/sshd)" -f "$MCD_SSHD_DIR/sshd_config" -E "$MCD_SSHD_DIR/sshd.log")
  local i=0
  until sshd_answers; do
    i=$((i + 1))
    if [ "$i" -ge 50 ]; then tail -20 "$MCD_SSHD_DIR/sshd.log" >&2; return 1; fi
    sleep 0.1
  done
  export MCD_TEST_SSH_PORT=$port MCD_TEST_SSH_DIR=$MCD_SSHD_DIR
  echo "started private sshd on 127.0.0.1:$port (log: $MCD_SSHD_DIR/sshd.log)"
}

start_sshd
export MCD_TEST_DOCKER_SOCKET=${DOCKER_HOST#unix://}
MCD_TEST_DOCKER_NAME=$(docker info --format '{{.Name}}')
export MCD_TEST_DOCKER_NAME
