#!/usr/bin/env bash
# Runs one deploy script for the application's ScriptRunner and owns the run's life on this machine, so that the
# result survives the application and any node that shares RUN_DIR can follow the run without signals:
# run-tracked.sh RUN_DIR SCRIPT [ARG...]
# The runner writes "timeout-seconds", "kill-grace-seconds" and "heartbeat-seconds" into RUN_DIR before the launch.
# This wrapper, the leader of the process group the runner started with setsid, writes "heartbeat" (epoch seconds,
# every heartbeat-seconds while it lives), "pid" (its own) and, when SCRIPT ends, "exit-code". Past the time limit
# it sends SIGTERM to the whole process group, SIGKILL after the grace period, and writes "timed-out" instead of an
# exit code. Arguments reach SCRIPT only through "$@"; nothing is evaluated.
set -uo pipefail

run_dir=$1 script=$2
shift 2

# How often the wrapper looks at SCRIPT: how late its end is recorded.
readonly TICK=0.2

write_atomically() {
  printf '%s\n' "$2" >"$run_dir/$1.tmp" && mv -f "$run_dir/$1.tmp" "$run_dir/$1"
}

# A whole number of seconds that the runner wrote into RUN_DIR.
setting() {
  local value=
  read -r value <"$run_dir/$1"
  if [[ ! $value =~ ^[0-9]+$ ]]; then
    echo "run-tracked: $run_dir/$1 holds no whole number of seconds" >&2
    return 1
  fi
  printf '%s' "$value"
}

timeout_seconds=$(setting timeout-seconds) || exit 2
grace_seconds=$(setting kill-grace-seconds) || exit 2
heartbeat_seconds=$(setting heartbeat-seconds) || exit 2

# Sets now (epoch seconds) and writes it as the heartbeat when one is due.
last_beat=0
beat() {
  printf -v now '%(%s)T' -1
  if ((now - last_beat >= heartbeat_seconds)); then
    write_atomically heartbeat "$now"
    last_beat=$now
  fi
}

# SIGTERM to the whole process group (grandchildren too), SIGKILL after the grace period or as soon as SCRIPT has
# ended. The wrapper survives the SIGTERM to keep beating and to record the outcome, then dies with the SIGKILL.
stop_at_time_limit() {
  echo "run-tracked: the time limit of ${timeout_seconds}s is over: SIGTERM to the process group"
  trap : TERM
  kill -TERM -- "-$$"
  local kill_at=$((now + grace_seconds))
  while kill -0 "$script_pid" 2>/dev/null && ((now < kill_at)); do
    sleep "$TICK"
    beat
  done
  echo "run-tracked: killed after the time limit of ${timeout_seconds}s"
  write_atomically timed-out "$now"
  kill -KILL -- "-$$"
}

beat
started=$now
# After the first heartbeat: a run with a pid has always reported once.
write_atomically pid "$$"
"$script" "$@" </dev/null &
script_pid=$!
while kill -0 "$script_pid" 2>/dev/null; do
  beat
  if ((now - started > timeout_seconds)); then
    stop_at_time_limit
  fi
  sleep "$TICK"
done
wait "$script_pid"
write_atomically exit-code "$?"
