#!/usr/bin/env bash
# Runs one deploy script for the application's ScriptRunner and records how it ended, so that the result
# survives the application: run-tracked.sh RUN_DIR SCRIPT [ARG...]
# RUN_DIR gets "pid" (this process, the leader of the process group the runner started with setsid) and, when
# SCRIPT ends, "exit-code". Arguments reach SCRIPT only through "$@"; nothing is evaluated.
set -uo pipefail

run_dir=$1 script=$2
shift 2

write_atomically() {
  printf '%s\n' "$2" >"$run_dir/$1.tmp" && mv -f "$run_dir/$1.tmp" "$run_dir/$1"
}

write_atomically pid "$$"
"$script" "$@" </dev/null
write_atomically exit-code "$?"
