#!/usr/bin/env bash
# Replaces a service's container with a new image and waits for it to become healthy. See --help.
set -euo pipefail
# shellcheck source=deploy/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<'USAGE'
Usage: canary-deploy.sh --container NAME --image REF [options] [-- COMMAND [ARG...]]

Replaces container NAME with one running image REF and waits until it is healthy.
  1. checks Docker access and the secret variables named by --secret-env
  2. builds REF from --build-context DIR, else uses the local image, else pulls it
  3. records the running container's image as previous_image (the rollback target) in the state file
  4. removes the old container, starts the new one, waits for health (Docker HEALTHCHECK; an image without one
     counts as healthy once running)
  On a health failure (unhealthy, stopped, or not healthy within --health-timeout) the script prints the
  new container's last 50 log lines, REMOVES it and starts previous_image again (waiting for its health);
  on a first deploy no container is left. It never leaves the failed container running.

Options:
  --container NAME         container name (required)
  --image REF              image to run; with --build-context the tag to build (required)
  --build-context DIR      build REF from DIR (its Dockerfile) before deploying
  --publish SPEC           docker -p SPEC, repeatable ([ip:]hostPort:containerPort[/proto])
  --network MODE           docker --network MODE
  --env NAME=VALUE         plain container environment, repeatable (never put secrets here: argv is visible)
  --secret-env NAME        container variable NAME taken from this script's environment, repeatable
  --mount SRC:DST[:ro]     bind mount, repeatable
  --label KEY=VALUE        container label, repeatable
  --restart POLICY         restart policy (default unless-stopped)
  --deploy-id ID           recorded in the state file and as label mcd.deploy-id
  --docker-access MODE     socket (default: docker with DOCKER_HOST), group (docker via the docker group),
                           sudo (sudo -n docker; sudoers must allow keeping DOCKER_HOST and the secret variables)
  --health-timeout SECS    how long the container has to become healthy (default 180)
  --health-interval SECS   wait between two health observations (default 1)
  --state-dir DIR          state directory (default: $CANARY_STATE_DIR, else ~/.local/state/mcd-canary)
  -h, --help               print this help and exit 0; changes nothing

State (in the state directory): NAME.state (key=value) and NAME.json, rewritten on every outcome with an explicit
result (in_progress, success, failed), NAME.history.jsonl (one line per outcome), NAME.run (docker run options,
reused by canary-rollback.sh), NAME.lock.

Exit codes: 0 deployed and healthy, 1 other failure (build, pull, secrets missing, docker error, locked),
2 usage, 3 Docker unavailable or permission denied, 4 health failed, 5 not used by this script.
The last line of output is always one JSON object: {"action":"deploy","result":...,"exit_code":...,"image":...,
"previous_image":...,"current_image":...,"container_id":...,"reason":...,"message":...,"state_file":...}.
USAGE
}

CONTAINER='' IMAGE='' BUILD_CONTEXT='' DEPLOY_ID='' RESTART=unless-stopped
HEALTH_TIMEOUT=180 HEALTH_INTERVAL=1
RUN_OPTS=() SECRET_NAMES=() COMMAND=()

parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; RECORD[reason]=help; finish "$EXIT_OK" help "usage printed, nothing changed" ;;
      --container) need_value "$1" $#; require_container_name "$2"; CONTAINER=$2; shift 2 ;;
      --image) need_value "$1" $#; require_image_ref "$2"; IMAGE=$2; shift 2 ;;
      --build-context) need_value "$1" $#; BUILD_CONTEXT=$2; shift 2 ;;
      --publish) need_value "$1" $#; RUN_OPTS+=(-p "$2"); shift 2 ;;
      --network) need_value "$1" $#; RUN_OPTS+=(--network "$2"); shift 2 ;;
      --env) need_value "$1" $#; require_env_name "${2%%=*}"; [[ $2 == *=* ]] || usage_error "--env needs NAME=VALUE"
        RUN_OPTS+=(-e "$2"); shift 2 ;;
      --secret-env) need_value "$1" $#; require_env_name "$2"; SECRET_NAMES+=("$2"); keep_env_for_sudo "$2"
        RUN_OPTS+=(-e "$2"); shift 2 ;;
      --mount) need_value "$1" $#; RUN_OPTS+=(-v "$2"); shift 2 ;;
      --label) need_value "$1" $#; RUN_OPTS+=(--label "$2"); shift 2 ;;
      --restart) need_value "$1" $#; RESTART=$2; shift 2 ;;
      --deploy-id) need_value "$1" $#; DEPLOY_ID=$2; shift 2 ;;
      --docker-access) need_value "$1" $#; set_docker_access "$2"; shift 2 ;;
      --health-timeout) need_value "$1" $#; require_positive_int "$1" "$2"; HEALTH_TIMEOUT=$2; shift 2 ;;
      --health-interval) need_value "$1" $#; require_positive_int "$1" "$2"; HEALTH_INTERVAL=$2; shift 2 ;;
      --state-dir) need_value "$1" $#; CANARY_STATE_DIR=$2; shift 2 ;;
      --) shift; COMMAND=("$@"); break ;;
      *) usage_error "unknown option or argument '$1'" ;;
    esac
  done
  [ -n "$CONTAINER" ] || usage_error "--container is required"
  [ -n "$IMAGE" ] || usage_error "--image is required"
  if [ -n "$BUILD_CONTEXT" ] && [ ! -d "$BUILD_CONTEXT" ]; then usage_error "--build-context $BUILD_CONTEXT is not a directory"; fi
  RUN_OPTS+=(--restart "$RESTART" --label mcd.managed-by=canary-deploy.sh)
  if [ -n "$DEPLOY_ID" ]; then RUN_OPTS+=(--label "mcd.deploy-id=$DEPLOY_ID"); fi
}

prepare_image() {
  if [ -n "$BUILD_CONTEXT" ]; then
    log "building $IMAGE from $BUILD_CONTEXT"
    dk build -t "$IMAGE" "$BUILD_CONTEXT" >&2 || image_unavailable "docker build of $BUILD_CONTEXT failed"
  elif [ -z "$(image_id "$IMAGE")" ]; then
    log "pulling $IMAGE"
    dk pull "$IMAGE" >&2 || image_unavailable "image $IMAGE is neither local nor pullable"
  fi
  RECORD[image_id]=$(image_id "$IMAGE")
}

image_unavailable() {
  RECORD[reason]=image_unavailable
  finish "$EXIT_OTHER" failed "$1; the running container was not touched"
}

# The rollback target is what runs now. A redeploy of the running image keeps the recorded target, so that
# rolling back still leaves this image instead of "restoring" it.
record_rollback_target() {
  local running_ref='' running_id=''
  if container_exists "$CONTAINER"; then
    running_ref=$(container_field "$CONTAINER" '{{.Config.Image}}' || true)
    running_id=$(container_field "$CONTAINER" '{{.Image}}' || true)
  fi
  if [ -n "$running_id" ] && [ "$running_id" = "${RECORD[image_id]}" ] && [ -n "${PRIOR[previous_image]:-}" ]; then
    RECORD[previous_image]=${PRIOR[previous_image]}
    RECORD[previous_image_id]=${PRIOR[previous_image_id]:-}
  else
    RECORD[previous_image]=$running_ref
    RECORD[previous_image_id]=$running_id
  fi
  RECORD[current_image]=$running_ref
  RECORD[current_image_id]=$running_id
  RECORD[result]=in_progress
  write_state "$CONTAINER"
  log "previous image: ${RECORD[previous_image]:-(none: first deploy)}"
}

replace_container() {
  save_run_spec "$CONTAINER" "${RUN_OPTS[@]}" -- "${COMMAND[@]}"
  dk rm -f "$CONTAINER" >/dev/null 2>&1 || true
  REPLACED=true
  start_container "$CONTAINER" "$IMAGE" "${RUN_OPTS[@]}" -- "${COMMAND[@]}"
  RECORD[current_image]=$IMAGE
  RECORD[current_image_id]=${RECORD[image_id]}
  RECORD[container_id]=$(container_field "$CONTAINER" '{{.Id}}' || true)
  write_state "$CONTAINER"
  log "started $CONTAINER from $IMAGE, waiting up to ${HEALTH_TIMEOUT}s for health"
}

# After a failure: the new container goes, the previous image comes back (health-checked).
restore_previous() {
  log_container_tail "$CONTAINER"
  dk rm -f "$CONTAINER" >/dev/null 2>&1 || true
  RECORD[current_image]='' RECORD[current_image_id]='' RECORD[container_id]=''
  local target
  target=$(image_to_run "${RECORD[previous_image]:-}" "${RECORD[previous_image_id]:-}")
  if [ -z "${RECORD[previous_image]:-}" ]; then
    RESTORE_NOTE="first deploy: the failed container was removed, none is left"
    return 0
  fi
  if [ -z "$target" ] || ! start_container "$CONTAINER" "$target" "${RUN_OPTS[@]}" -- "${COMMAND[@]}"; then
    RESTORE_NOTE="restoring ${RECORD[previous_image]} failed: the image is gone or docker run refused it"
    return 0
  fi
  RECORD[current_image]=${RECORD[previous_image]}
  RECORD[current_image_id]=${RECORD[previous_image_id]}
  RECORD[container_id]=$(container_field "$CONTAINER" '{{.Id}}' || true)
  if wait_healthy "$CONTAINER" "$HEALTH_TIMEOUT" "$HEALTH_INTERVAL"; then
    RESTORE_NOTE="restored ${RECORD[previous_image]}, healthy"
  else
    RESTORE_NOTE="restored ${RECORD[previous_image]}, but it is not healthy either: $HEALTH_DETAIL"
  fi
}

# set -e stops at an unexpected failure; the state must still say so and the previous image must come back.
# shellcheck disable=SC2317 # run by the EXIT trap
on_exit() {
  local code=$?
  if [ "$FINISHED" = true ]; then return; fi
  trap - EXIT
  RECORD[reason]=docker_error
  if [ "$REPLACED" = true ]; then
    RESTORE_NOTE=''
    restore_previous
    finish "$EXIT_OTHER" failed "deploy of $IMAGE stopped by a failing command (exit $code); $RESTORE_NOTE"
  fi
  finish "$EXIT_OTHER" failed "deploy of $IMAGE stopped by a failing command (exit $code)"
}

main() {
  RECORD[action]=deploy
  parse_args "$@"
  RECORD[container]=$CONTAINER RECORD[image]=$IMAGE RECORD[deploy_id]=$DEPLOY_ID
  REPLACED=false
  lock_container "$CONTAINER"
  read_prior_state "$CONTAINER"
  # Until the replace, a failure keeps the prior rollback target and the running container as they are.
  RECORD[previous_image]=${PRIOR[previous_image]:-} RECORD[previous_image_id]=${PRIOR[previous_image_id]:-}
  RECORD[current_image]=${PRIOR[current_image]:-} RECORD[current_image_id]=${PRIOR[current_image_id]:-}
  RECORD[container_id]=${PRIOR[container_id]:-}
  STATE_CONTAINER=$CONTAINER
  trap on_exit EXIT
  require_docker
  check_secret_env "${SECRET_NAMES[@]}"
  prepare_image
  record_rollback_target
  replace_container
  if wait_healthy "$CONTAINER" "$HEALTH_TIMEOUT" "$HEALTH_INTERVAL"; then
    finish "$EXIT_OK" success "$CONTAINER runs $IMAGE: $HEALTH_DETAIL"
  fi
  local detail=$HEALTH_DETAIL
  RESTORE_NOTE=''
  restore_previous
  RECORD[reason]=health_failed
  finish "$EXIT_HEALTH" failed "$IMAGE failed its health check: $detail; $RESTORE_NOTE"
}

main "$@"
