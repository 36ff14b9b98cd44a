#!/usr/bin/env bash
# Restores the image that ran before the last deploy attempt and waits for its health. See --help.
set -euo pipefail
# shellcheck source=deploy/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<'USAGE'
Usage: canary-rollback.sh --container NAME [options]

Runs container NAME from previous_image of its state file again: the image that ran before the LAST deploy
attempt, whatever that attempt's result (the deploy records it before it replaces the container), so a rollback
never goes back two versions. Running it twice restores the same image twice. The container gets the docker run
options of the last deploy (ports, network, environment, mounts, labels, command) and must become healthy.
If the restored container is not healthy in time it is left running (it is the best known image) and the
script exits 4 with result failed: the caller escalates.

Options:
  --container NAME         container name (required)
  --deploy-id ID           recorded in the state file
  --docker-access MODE     socket (default), group or sudo (sudo -n docker), as for canary-deploy.sh
  --health-timeout SECS    how long the restored container has to become healthy (default 180)
  --health-interval SECS   wait between two health observations (default 1)
  --state-dir DIR          state directory (default: $CANARY_STATE_DIR, else ~/.local/state/mcd-canary)
  -h, --help               print this help and exit 0; changes nothing

Secret variables the last deploy passed with --secret-env must be set in this script's environment.
State: NAME.state / NAME.json rewritten with result in_progress, then rolled_back or failed; NAME.history.jsonl.

Exit codes: 0 rolled back and healthy, 1 other failure (secrets missing, docker error, locked), 2 usage,
3 Docker unavailable or permission denied, 4 restored container not healthy, 5 rollback not possible (no previous
image recorded, previous image gone, no recorded run options).
The last line of output is always one JSON object: {"action":"rollback","result":...,"exit_code":...,...}.
USAGE
}

CONTAINER='' DEPLOY_ID='' HEALTH_TIMEOUT=180 HEALTH_INTERVAL=1
SPEC=()

parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; RECORD[reason]=help; finish "$EXIT_OK" help "usage printed, nothing changed" ;;
      --container) need_value "$1" $#; require_container_name "$2"; CONTAINER=$2; shift 2 ;;
      --deploy-id) need_value "$1" $#; DEPLOY_ID=$2; shift 2 ;;
      --docker-access) need_value "$1" $#; set_docker_access "$2"; shift 2 ;;
      --health-timeout) need_value "$1" $#; require_positive_int "$1" "$2"; HEALTH_TIMEOUT=$2; shift 2 ;;
      --health-interval) need_value "$1" $#; require_positive_int "$1" "$2"; HEALTH_INTERVAL=$2; shift 2 ;;
      --state-dir) need_value "$1" $#; CANARY_STATE_DIR=$2; shift 2 ;;
      *) usage_error "unknown option or argument '$1'" ;;
    esac
  done
  [ -n "$CONTAINER" ] || usage_error "--container is required"
}

impossible() {
  RECORD[reason]=$1
  finish "$EXIT_NO_ROLLBACK" failed "rollback of $CONTAINER not possible: $2"
}

resolve_target() {
  [ -n "${PRIOR[previous_image]:-}" ] || impossible no_previous_image "no previous image recorded (first deploy)"
  [ -f "$(run_spec_file "$CONTAINER")" ] || impossible no_run_spec "no recorded run options $(run_spec_file "$CONTAINER")"
  RECORD[previous_image]=${PRIOR[previous_image]} RECORD[previous_image_id]=${PRIOR[previous_image_id]:-}
  TARGET=$(image_to_run "${RECORD[previous_image]}" "${RECORD[previous_image_id]}")
  [ -n "$TARGET" ] || impossible previous_image_gone "previous image ${RECORD[previous_image]} is no longer on the host"
  RECORD[image]=${RECORD[previous_image]}
  RECORD[image_id]=$(image_id "$TARGET")
}

# Secret names are the `-e NAME` options without a value.
load_run_spec() {
  mapfile -d '' -t SPEC <"$(run_spec_file "$CONTAINER")"
  local i secrets=()
  for ((i = 0; i < ${#SPEC[@]} - 1; i++)); do
    if [ "${SPEC[i]}" = -e ] && [[ ${SPEC[i + 1]} != *=* ]]; then
      secrets+=("${SPEC[i + 1]}")
      keep_env_for_sudo "${SPEC[i + 1]}"
    fi
  done
  check_secret_env "${secrets[@]}"
}

main() {
  RECORD[action]=rollback
  parse_args "$@"
  RECORD[container]=$CONTAINER RECORD[deploy_id]=$DEPLOY_ID
  lock_container "$CONTAINER"
  read_prior_state "$CONTAINER"
  RECORD[current_image]=${PRIOR[current_image]:-} RECORD[current_image_id]=${PRIOR[current_image_id]:-}
  RECORD[container_id]=${PRIOR[container_id]:-}
  RECORD[previous_image]=${PRIOR[previous_image]:-} RECORD[previous_image_id]=${PRIOR[previous_image_id]:-}
  STATE_CONTAINER=$CONTAINER
  trap 'on_exit' EXIT
  require_docker
  resolve_target
  load_run_spec
  RECORD[result]=in_progress
  write_state "$CONTAINER"
  log "rolling $CONTAINER back to ${RECORD[previous_image]} ($TARGET)"
  dk rm -f "$CONTAINER" >/dev/null 2>&1 || true
  start_container "$CONTAINER" "$TARGET" "${SPEC[@]}"
  RECORD[current_image]=${RECORD[previous_image]} RECORD[current_image_id]=${RECORD[image_id]}
  RECORD[container_id]=$(container_field "$CONTAINER" '{{.Id}}' || true)
  if wait_healthy "$CONTAINER" "$HEALTH_TIMEOUT" "$HEALTH_INTERVAL"; then
    finish "$EXIT_OK" rolled_back "$CONTAINER runs ${RECORD[previous_image]} again: $HEALTH_DETAIL"
  fi
  log_container_tail "$CONTAINER"
  RECORD[reason]=health_failed
  finish "$EXIT_HEALTH" failed "$CONTAINER runs ${RECORD[previous_image]} again, but it is not healthy: $HEALTH_DETAIL"
}

# shellcheck disable=SC2317 # run by the EXIT trap
on_exit() {
  local code=$?
  if [ "$FINISHED" = true ]; then return; fi
  trap - EXIT
  RECORD[reason]=docker_error
  finish "$EXIT_OTHER" failed "rollback stopped by a failing command (exit $code)"
}

main "$@"
