#!/usr/bin/env bash
# Validates a running canary: container state, Docker health, an HTTP probe, an expected log line. See --help.
set -euo pipefail
# shellcheck source=deploy/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<'USAGE'
Usage: canary-validate.sh --container NAME [options]

Checks, in order, and stops at the first that fails:
  1. container NAME exists and is running
  2. its Docker health is not "unhealthy"
  3. with --url: an HTTP GET from this host answers 2xx; with --token-env VAR it carries
     "Authorization: Bearer $VAR" (the token goes to curl on stdin, never on a command line)
  4. with --expect-log TEXT: the last --log-tail lines of the container's log contain TEXT (fixed string)
No check is skipped silently: each one is reported in the JSON line as ok, failed or not_requested, and a
requested probe whose token variable is empty fails. Nothing is changed on the host.

Options:
  --container NAME         container name (required)
  --url URL                HTTP probe, e.g. http://127.0.0.1:8081/api/version
  --token-env VAR          environment variable holding the probe's bearer token
  --probe-timeout SECS     HTTP probe timeout (default 5)
  --expect-log TEXT        a fixed string the container's recent log must contain
  --log-tail N             how many log lines to search (default 200)
  --docker-access MODE     socket (default), group or sudo (sudo -n docker)
  --state-dir DIR          state directory (default: $CANARY_STATE_DIR, else ~/.local/state/mcd-canary)
  -h, --help               print this help and exit 0

State: NAME.validation.json, the last validation's JSON line (the deploy state files are not touched).

Exit codes: 0 all requested checks passed, 1 other failure (token variable empty), 2 usage,
3 Docker unavailable or permission denied, 4 a check failed.
The last line of output is always one JSON object: {"action":"validate","result":"passed"|"failed",...}.
USAGE
}

CONTAINER='' URL='' TOKEN_ENV='' PROBE_TIMEOUT=5 EXPECT_LOG='' LOG_TAIL=200
RECORD_KEYS+=(checks)
declare -A CHECK=([running]=not_requested [health]=not_requested [http]=not_requested [log]=not_requested)

parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      -h | --help) usage; RECORD[reason]=help; finish "$EXIT_OK" help "usage printed, nothing checked" ;;
      --container) need_value "$1" $#; require_container_name "$2"; CONTAINER=$2; shift 2 ;;
      --url) need_value "$1" $#; [[ $2 =~ ^https?:// ]] || usage_error "--url must be http(s)://..."; URL=$2; shift 2 ;;
      --token-env) need_value "$1" $#; require_env_name "$2"; TOKEN_ENV=$2; shift 2 ;;
      --probe-timeout) need_value "$1" $#; require_positive_int "$1" "$2"; PROBE_TIMEOUT=$2; shift 2 ;;
      --expect-log) need_value "$1" $#; EXPECT_LOG=$2; shift 2 ;;
      --log-tail) need_value "$1" $#; require_positive_int "$1" "$2"; LOG_TAIL=$2; shift 2 ;;
      --docker-access) need_value "$1" $#; set_docker_access "$2"; shift 2 ;;
      --state-dir) need_value "$1" $#; CANARY_STATE_DIR=$2; shift 2 ;;
      *) usage_error "unknown option or argument '$1'" ;;
    esac
  done
  [ -n "$CONTAINER" ] || usage_error "--container is required"
  if [ -n "$TOKEN_ENV" ] && [ -z "$URL" ]; then usage_error "--token-env needs --url"; fi
}

checks_summary() {
  local name out=''
  for name in running health http log; do out+="$name=${CHECK[$name]} "; done
  printf '%s' "${out% }"
}

check_failed() {
  CHECK[$1]=failed
  RECORD[checks]=$(checks_summary)
  RECORD[reason]=validation_failed
  finish "$EXIT_HEALTH" failed "$2"
}

check_running() {
  local state
  state=$(container_field "$CONTAINER" '{{.State.Status}}') || check_failed running "container $CONTAINER not found"
  [ "$state" = running ] || check_failed running "container $CONTAINER is not running (state=$state)"
  CHECK[running]=ok
}

check_health() {
  local health
  health=$(container_field "$CONTAINER" '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' || true)
  [ "$health" != unhealthy ] || check_failed health "container $CONTAINER reports unhealthy"
  CHECK[health]=ok
  RECORD[container_id]=$(container_field "$CONTAINER" '{{.Id}}' || true)
  RECORD[current_image]=$(container_field "$CONTAINER" '{{.Config.Image}}' || true)
}

check_http() {
  [ -n "$URL" ] || return 0
  local headers='' header_args=()
  if [ -n "$TOKEN_ENV" ]; then
    if [ -z "${!TOKEN_ENV:-}" ]; then
      CHECK[http]=failed
      RECORD[checks]=$(checks_summary) RECORD[reason]=secrets_missing
      finish "$EXIT_OTHER" failed "probe token variable $TOKEN_ENV is empty"
    fi
    headers="Authorization: Bearer ${!TOKEN_ENV}"
    header_args=(-H @-)
  fi
  local out
  if ! out=$(printf '%s\n' "$headers" | curl -fsS --max-time "$PROBE_TIMEOUT" "${header_args[@]}" -o /dev/null \
      -w '%{http_code}' "$URL" 2>&1); then
    check_failed http "HTTP probe $URL failed: $(one_line "$out")"
  fi
  log "HTTP probe $URL answered $out"
  CHECK[http]=ok
}

check_log() {
  [ -n "$EXPECT_LOG" ] || return 0
  local recent
  recent=$(dk logs --tail "$LOG_TAIL" "$CONTAINER" 2>&1 || true)
  grep -qF -- "$EXPECT_LOG" <<<"$recent" \
    || check_failed log "the last $LOG_TAIL log lines of $CONTAINER do not contain '$EXPECT_LOG'"
  CHECK[log]=ok
}

# The JSON line of every outcome also goes to NAME.validation.json (atomically).
# shellcheck disable=SC2317 # run by finish() through STATE_WRITER
write_validation_record() { write_record_file "$1" validation; }

main() {
  RECORD[action]=validate
  parse_args "$@"
  RECORD[container]=$CONTAINER
  STATE_WRITER=write_validation_record STATE_CONTAINER=$CONTAINER
  trap 'on_exit' EXIT
  require_docker
  check_running
  check_health
  check_http
  check_log
  RECORD[checks]=$(checks_summary)
  finish "$EXIT_OK" passed "all requested checks passed"
}

# shellcheck disable=SC2317 # run by the EXIT trap
on_exit() {
  local code=$?
  if [ "$FINISHED" = true ]; then return; fi
  trap - EXIT
  RECORD[reason]=docker_error RECORD[checks]=$(checks_summary)
  finish "$EXIT_OTHER" failed "validation stopped by a failing command (exit $code)"
}

main "$@"
