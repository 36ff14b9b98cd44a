#!/usr/bin/env bash
# Runs a migration command inside a running container (docker exec, argv as given). See --help.
set -euo pipefail
# shellcheck source=deploy/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<'USAGE'
Usage: canary-migrate.sh --container NAME [options] -- COMMAND [ARG...]

Runs COMMAND with its arguments inside the running container NAME through `docker exec`, word for word: no
shell parses it (wrap it in `sh -c '...'` yourself only when you mean to). Nothing else is changed.

Options:
  --container NAME         container name (required)
  --docker-access MODE     socket (default), group or sudo (sudo -n docker)
  --state-dir DIR          state directory (default: $CANARY_STATE_DIR, else ~/.local/state/mcd-canary)
  -h, --help               print this help and exit 0

State: NAME.migration.json, the last migration's JSON line.

Exit codes: 0 the command succeeded, 1 the command failed (its exit code is in the message) or the container is
not running, 2 usage, 3 Docker unavailable or permission denied.
The last line of output is always one JSON object: {"action":"migrate","result":"success"|"failed",...}.
USAGE
}

CONTAINER='' COMMAND=()

parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; RECORD[reason]=help; finish "$EXIT_OK" help "usage printed, nothing changed" ;;
      --container) need_value "$1" $#; require_container_name "$2"; CONTAINER=$2; shift 2 ;;
      --docker-access) need_value "$1" $#; set_docker_access "$2"; shift 2 ;;
      --state-dir) need_value "$1" $#; CANARY_STATE_DIR=$2; shift 2 ;;
      --) shift; COMMAND=("$@"); break ;;
      *) usage_error "unknown option or argument '$1'" ;;
    esac
  done
  [ -n "$CONTAINER" ] || usage_error "--container is required"
  [ "${#COMMAND[@]}" -gt 0 ] || usage_error "a command is required after --"
}

# shellcheck disable=SC2317 # run by finish() through STATE_WRITER
write_migration_record() { write_record_file "$1" migration; }

main() {
  RECORD[action]=migrate
  parse_args "$@"
  RECORD[container]=$CONTAINER
  STATE_WRITER=write_migration_record STATE_CONTAINER=$CONTAINER
  require_docker
  RECORD[reason]=migration_failed
  local state
  state=$(container_field "$CONTAINER" '{{.State.Status}}' || true)
  [ "$state" = running ] || finish "$EXIT_OTHER" failed "container $CONTAINER is not running (state=${state:-missing})"
  RECORD[container_id]=$(container_field "$CONTAINER" '{{.Id}}' || true)
  RECORD[current_image]=$(container_field "$CONTAINER" '{{.Config.Image}}' || true)
  log "running in $CONTAINER: ${COMMAND[*]}"
  local code=0
  dk exec "$CONTAINER" "${COMMAND[@]}" >&2 || code=$?
  if [ "$code" -ne 0 ]; then finish "$EXIT_OTHER" failed "migration command exited $code"; fi
  RECORD[reason]=''
  finish "$EXIT_OK" success "migration command succeeded"
}

main "$@"
