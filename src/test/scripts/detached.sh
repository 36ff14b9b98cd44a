# shellcheck shell=bash
# Sourced by the scripts that start the tests' daemons (docker-engine.sh, postgres.sh, ldap.sh, sshd.sh).

# Replaces the current (sub)shell by the command, without the shell's file descriptors above 2: a daemon started
# under `flock LOCK command` would otherwise inherit the lock and hold it for as long as it runs. Call it in the
# background or in a subshell: `exec_detached setsid dockerd ... &`, `(exec_detached pg_ctlcluster 15 main start)`.
exec_detached() {
  local fd
  for fd in /proc/"$BASHPID"/fd/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-"; fi
  done 2>/dev/null
  exec "$@"
}
