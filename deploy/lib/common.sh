# shellcheck shell=bash disable=SC2034 # the variables set here are read by the scripts that source it
# Shared by canary-deploy.sh, canary-rollback.sh, canary-validate.sh and canary-migrate.sh: Docker access, the
# state directory, state files, the health wait and the final JSON line. Sourced, never run.

# Exit codes, documented in every script's usage.
readonly EXIT_OK=0 EXIT_OTHER=1 EXIT_USAGE=2 EXIT_DOCKER=3 EXIT_HEALTH=4 EXIT_NO_ROLLBACK=5

# One state directory for all scripts (upstream's deploy and rollback disagreed on theirs).
CANARY_STATE_DIR=${CANARY_STATE_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/mcd-canary}
DOCKER_ACCESS=socket
DOCKER_CMD=(docker)
# Environment variables a `sudo docker` must keep: DOCKER_HOST and the container's secrets (added by callers).
SUDO_KEEP_ENV=(DOCKER_HOST)

# Fields of the final JSON line and of the state record, in output order.
RECORD_KEYS=(action result exit_code reason message container image image_id previous_image previous_image_id
  current_image current_image_id container_id deploy_id finished_at state_file)
declare -A RECORD=()

log() { printf '[%s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2; }

usage_error() {
  log "usage error: $*"
  log "see: $(basename "$0") --help"
  RECORD[reason]=usage
  finish "$EXIT_USAGE" usage_error "$*"
}

# Option values: "--name value"; a missing value is a usage error, not a shift failure.
need_value() {
  if [ "$2" -lt 2 ]; then usage_error "$1 needs a value"; fi
}

require_positive_int() {
  case "$2" in
    '' | *[!0-9]* | 0) usage_error "$1 must be a positive whole number of seconds, got '$2'" ;;
  esac
}

require_container_name() {
  if ! [[ $1 =~ ^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$ ]]; then usage_error "invalid container name '$1'"; fi
}

# An image reference must not look like an option to docker, nor carry whitespace.
require_image_ref() {
  if ! [[ $1 =~ ^[a-zA-Z0-9][a-zA-Z0-9._/:@+-]{0,254}$ ]]; then usage_error "invalid image reference '$1'"; fi
}

require_env_name() {
  if ! [[ $1 =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then usage_error "invalid environment variable name '$1'"; fi
}

set_docker_access() {
  DOCKER_ACCESS=$1
  case "$1" in
    socket | group) DOCKER_CMD=(docker) ;;
    # -n: never prompt for a password; a missing sudo rule is "permission denied" (exit 3)
    sudo) DOCKER_CMD=(sudo -n "--preserve-env=$(IFS=,; echo "${SUDO_KEEP_ENV[*]}")" docker) ;;
    *) usage_error "--docker-access must be sudo, group or socket, got '$1'" ;;
  esac
}

keep_env_for_sudo() {
  SUDO_KEEP_ENV+=("$1")
  if [ "$DOCKER_ACCESS" = sudo ]; then set_docker_access sudo; fi
}

dk() { "${DOCKER_CMD[@]}" "$@"; }

require_docker() {
  local out
  if out=$(timeout 20 "${DOCKER_CMD[@]}" version --format '{{.Server.Version}}' 2>&1); then
    log "docker ${out##*$'\n'} via --docker-access $DOCKER_ACCESS (${DOCKER_HOST:-default socket})"
    return 0
  fi
  log "$(one_line "$out")"
  local hint="start the daemon or point DOCKER_HOST at it"
  case "$out" in
    *"permission denied"* | *"a password is required"* | *"not allowed"*)
      hint="permission denied: add the user to the docker group (--docker-access group) or allow passwordless sudo for docker (--docker-access sudo)" ;;
  esac
  RECORD[reason]=docker_unavailable
  finish "$EXIT_DOCKER" failed "docker daemon unavailable or permission denied (${DOCKER_HOST:-default socket}): $hint"
}

state_file() { printf '%s/%s.state' "$CANARY_STATE_DIR" "$1"; }
state_json_file() { printf '%s/%s.json' "$CANARY_STATE_DIR" "$1"; }
run_spec_file() { printf '%s/%s.run' "$CANARY_STATE_DIR" "$1"; }

# Serialises deploys and rollbacks of one container; fd 9 stays open until the script exits.
lock_container() {
  mkdir -p "$CANARY_STATE_DIR"
  exec 9>"$CANARY_STATE_DIR/$1.lock"
  if ! flock -n 9; then
    RECORD[reason]=locked
    finish "$EXIT_OTHER" failed "another deploy or rollback of $1 is running (lock $CANARY_STATE_DIR/$1.lock)"
  fi
}

# Reads a state file into PRIOR (key=value lines). It is parsed, never sourced: no code runs from it.
declare -A PRIOR=()
read_prior_state() {
  local file key value
  file=$(state_file "$1")
  [ -f "$file" ] || return 0
  while IFS='=' read -r key value; do
    [[ $key =~ ^[a-z_]+$ ]] && PRIOR[$key]=$value
  done <"$file"
}

container_field() { dk inspect --type container --format "$2" "$1" 2>/dev/null; }
container_exists() { dk inspect --type container --format '{{.Id}}' "$1" >/dev/null 2>&1; }
image_id() { dk image inspect --format '{{.Id}}' "$1" 2>/dev/null; }

# What to run for a recorded image: the reference while it still names the recorded image id (so the
# container shows a readable image), else the id itself (the tag has moved since), else nothing.
image_to_run() {
  local ref=$1 id=$2
  if [ -n "$ref" ] && [ -n "$(image_id "$ref")" ] && { [ -z "$id" ] || [ "$(image_id "$ref")" = "$id" ]; }; then
    printf '%s' "$ref"
  elif [ -n "$id" ] && [ -n "$(image_id "$id")" ]; then
    printf '%s' "$id"
  fi
}

one_line() { printf '%s' "$1" | tr '\n\r\t' '   '; }

# Writes the state record (key=value and JSON) atomically and appends the JSON to the container's history.
write_state() {
  local container=$1 file tmp key
  file=$(state_file "$container")
  RECORD[state_file]=$file
  RECORD[finished_at]=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  mkdir -p "$CANARY_STATE_DIR"
  tmp=$(mktemp "$file.XXXXXX")
  for key in "${RECORD_KEYS[@]}"; do
    printf '%s=%s\n' "$key" "$(one_line "${RECORD[$key]:-}")"
  done >"$tmp"
  mv -f "$tmp" "$file"
  tmp=$(mktemp "$file.XXXXXX")
  json_record >"$tmp"
  mv -f "$tmp" "$(state_json_file "$container")"
  json_record >>"$CANARY_STATE_DIR/$container.history.jsonl"
}

# Writes this run's JSON record atomically to $CANARY_STATE_DIR/<container>.<kind>.json (validation, migration).
write_record_file() {
  local file="$CANARY_STATE_DIR/$1.$2.json" tmp
  mkdir -p "$CANARY_STATE_DIR"
  tmp=$(mktemp "$file.XXXXXX")
  RECORD[state_file]=$file
  json_record >"$tmp"
  mv -f "$tmp" "$file"
}

json_escape() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  printf '%s' "$s" | tr -d '\000-\010\013\014\016-\037'
}

json_record() {
  local key sep='' out='{'
  for key in "${RECORD_KEYS[@]}"; do
    if [ "$key" = exit_code ]; then
      out+="$sep\"$key\":${RECORD[$key]:-1}"
    else
      out+="$sep\"$key\":\"$(json_escape "${RECORD[$key]:-}")\""
    fi
    sep=','
  done
  printf '%s}\n' "$out"
}

# Set by a script once its container is locked: from then on every outcome is written by STATE_WRITER.
STATE_CONTAINER=''
STATE_WRITER=write_state
FINISHED=false

# The one way out of every script: records the outcome, prints the JSON line last, exits.
finish() {
  local code=$1
  FINISHED=true
  RECORD[exit_code]=$code
  RECORD[result]=$2
  RECORD[message]=$3
  RECORD[finished_at]=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  if [ -n "$STATE_CONTAINER" ]; then "$STATE_WRITER" "$STATE_CONTAINER"; fi
  log "$2: $3"
  json_record
  exit "$code"
}

# Waits for a container's health: 0 when healthy, 1 when unhealthy, stopped or not healthy in time
# (HEALTH_DETAIL says why). A container without a HEALTHCHECK counts as healthy once it is running.
HEALTH_DETAIL=''
wait_healthy() {
  local container=$1 timeout=$2 interval=$3 status deadline
  deadline=$((SECONDS + timeout))
  while :; do
    if ! status=$(container_field "$container" \
        '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}'); then
      HEALTH_DETAIL="container $container disappeared"
      return 1
    fi
    case "$status" in
      'running healthy') HEALTH_DETAIL="healthy"; return 0 ;;
      'running none') HEALTH_DETAIL="running (the image has no HEALTHCHECK)"; return 0 ;;
      *' unhealthy') HEALTH_DETAIL="container reported unhealthy"; return 1 ;;
      'running starting') ;;
      *) HEALTH_DETAIL="container is ${status%% *}"; return 1 ;;
    esac
    if [ "$SECONDS" -ge "$deadline" ]; then
      HEALTH_DETAIL="not healthy within ${timeout}s (status: $status)"
      return 1
    fi
    sleep "$interval"
  done
}

# Evidence for a failed container, before it is removed.
log_container_tail() {
  log "last 50 log lines of $1:"
  dk logs --tail 50 "$1" 2>&1 | sed 's/^/    /' >&2 || true
}

# docker run options of a container, NUL-separated, written by a deploy and reused by a rollback so that the
# previous image runs with the same ports, mounts, environment and labels.
save_run_spec() {
  local file tmp
  file=$(run_spec_file "$1")
  shift
  tmp=$(mktemp "$file.XXXXXX")
  printf '%s\0' "$@" >"$tmp"
  mv -f "$tmp" "$file"
}

# Secret variables named by `-e NAME` (no value) in a run spec must be set: docker reads them from our env.
check_secret_env() {
  local name missing=()
  for name in "$@"; do
    if [ -z "${!name:-}" ]; then missing+=("$name"); fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    RECORD[reason]=secrets_missing
    finish "$EXIT_OTHER" failed "required secret environment variables not set: ${missing[*]}"
  fi
}

# Starts a container: name, image, then docker run options and (after a "--" element) the command.
start_container() {
  local name=$1 image=$2
  shift 2
  local opts=() cmd=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  if [ $# -gt 0 ]; then shift; cmd=("$@"); fi
  dk run -d --name "$name" "${opts[@]}" "$image" "${cmd[@]}" >&2
}
