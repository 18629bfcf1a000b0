#!/usr/bin/env bash
# The whole local Peel platform: Kafka, PostgreSQL, the four services, the web pages, a fake GOV.UK Notify and
# a local OpenID Connect provider staff sign in with (oidc-provider-mock).
#
# Usage: deploy/local/platform.sh <command>
#   up        start Kafka and PostgreSQL (unless switched off), then the services
#             in the background, and wait until every /readyz answers 200
#   down      stop the services, then PostgreSQL, then Kafka
#   status    one line per component; exit 0 when all are up and healthy
#   logs [NAME...]  follow the service logs (tail -F; Ctrl-C stops following,
#             the services keep running). NAME: a service, kafka or postgres.
#   follow    follow the service logs until Ctrl-C, then stop the platform (make run)
#
# Environment (defaults in brackets):
#   PEEL_LOCAL_DIR [<repo>/.local]
#   PEEL_LOCAL_KAFKA [1]     0: do not run a local broker; the services use
#                            PEEL_KAFKA_BOOTSTRAP (an existing broker)
#   PEEL_LOCAL_POSTGRES [1]  0: do not run a local PostgreSQL; PEEL_PG_* point
#                            at an existing server
#   PEEL_CONSULTATION_PORT [8101]  PEEL_SCHEDULING_PORT [8102]
#   PEEL_NOTIFICATIONS_PORT [8103] PEEL_REPORTING_PORT [8104] PEEL_WEB_PORT [8105]
#   PEEL_FAKE_NOTIFY_PORT [8109]   the stand-in for GOV.UK Notify (peel serve fake-notify)
#   PEEL_OIDC_PROVIDER_PORT [9400] the local identity provider (oidc-provider-mock), with a user per
#                            role: admin, officer, analyst, clerk, viewer (their groups map to Peel roles)
#   PEEL_LOCAL_OIDC_PROVIDER [1]   0: do not run it (set PEEL_WEB_OIDC_PROVIDERS for another provider)
#   PEEL_WEB_OIDC_PROVIDERS  [the local provider as "local-idp", signing in to cheshire] the web's providers
#   PEEL_UP_TIMEOUT [60]     seconds to wait for all /readyz endpoints
#   PEEL_STOP_TIMEOUT [20]   seconds between SIGTERM and SIGKILL for a service
#   PEEL_SERVICE_CHECK_HOST [127.0.0.1]  host used for the health checks
#   PEEL_BIN [<repo>/.venv/bin/peel]
#   PEEL_CONSULTATION_NOTIFICATIONS_URL [http://127.0.0.1:$PEEL_NOTIFICATIONS_PORT]
#                            where the consultation service sends receipt emails
#   PEEL_SCHEDULING_NOTIFICATIONS_URL [http://127.0.0.1:$PEEL_NOTIFICATIONS_PORT]
#                            where the scheduling service sends bookers' and
#                            registrants' emails
#   PEEL_SCHEDULING_LINKS_BASE_URL [http://localhost:$PEEL_WEB_PORT]
#                            where the links in those emails point (the pages)
#   PEEL_WEB_CONSULTATION_URL, PEEL_WEB_SCHEDULING_URL, PEEL_WEB_REPORTING_URL
#                            [http://127.0.0.1:<that service's port>] the APIs the pages call
# plus everything kafka.sh and postgres.sh read. The environment is passed
# through to the services unchanged (with the defaults above filled in).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

: "${PEEL_BIN:=$PEEL_REPO/.venv/bin/peel}"
: "${PEEL_UP_TIMEOUT:=60}"
: "${PEEL_STOP_TIMEOUT:=20}"
: "${PEEL_SERVICE_CHECK_HOST:=127.0.0.1}"
: "${PEEL_CONSULTATION_NOTIFICATIONS_URL:=http://127.0.0.1:$PEEL_NOTIFICATIONS_PORT}"
: "${PEEL_SCHEDULING_NOTIFICATIONS_URL:=http://127.0.0.1:$PEEL_NOTIFICATIONS_PORT}"
: "${PEEL_SCHEDULING_LINKS_BASE_URL:=http://localhost:$PEEL_WEB_PORT}"
: "${PEEL_WEB_CONSULTATION_URL:=http://127.0.0.1:$PEEL_CONSULTATION_PORT}"
: "${PEEL_WEB_SCHEDULING_URL:=http://127.0.0.1:$PEEL_SCHEDULING_PORT}"
: "${PEEL_WEB_REPORTING_URL:=http://127.0.0.1:$PEEL_REPORTING_PORT}"
export PEEL_CONSULTATION_NOTIFICATIONS_URL PEEL_SCHEDULING_NOTIFICATIONS_URL PEEL_SCHEDULING_LINKS_BASE_URL
export PEEL_WEB_CONSULTATION_URL PEEL_WEB_SCHEDULING_URL PEEL_WEB_REPORTING_URL
: "${PEEL_FAKE_NOTIFY_CALLBACK_URL:=http://127.0.0.1:$PEEL_NOTIFICATIONS_PORT/v1/providers/notify/callbacks}"
export PEEL_FAKE_NOTIFY_CALLBACK_URL  # where the fake Notify posts its delivery receipts
export PEEL_WEB_NOTIFICATIONS_URL="${PEEL_WEB_NOTIFICATIONS_URL:-http://127.0.0.1:$PEEL_NOTIFICATIONS_PORT}"  # web pages an email links to

: "${PEEL_OIDC_PROVIDER_PORT:=9400}"
: "${PEEL_LOCAL_OIDC_PROVIDER:=1}"
OIDC_ISSUER="http://127.0.0.1:$PEEL_OIDC_PROVIDER_PORT"
OIDC_ROLE_MAPPING='{"peel-admins": ["admin"], "peel-officers": ["engagement_officer"], "peel-analysts": ["analyst"], "peel-clerks": ["panel_clerk"], "peel-viewers": ["viewer"]}'
if [[ "$PEEL_LOCAL_OIDC_PROVIDER" != "0" && -z "${PEEL_WEB_OIDC_PROVIDERS:-}" ]]; then
  PEEL_WEB_OIDC_PROVIDERS="$(printf '{"local-idp": {"name": "Local identity provider", "issuer": "%s", "client_id": "peel-web", "client_secret": "peel-local", "tenant": "cheshire", "role_mapping": %s}}' "$OIDC_ISSUER" "$OIDC_ROLE_MAPPING")"
  export PEEL_WEB_OIDC_PROVIDERS
fi

KAFKA_SH="$PEEL_LOCAL_SCRIPTS/kafka.sh"
POSTGRES_SH="$PEEL_LOCAL_SCRIPTS/postgres.sh"

service_port() {
  local name="${1//-/_}"
  local var="PEEL_${name^^}_PORT"
  printf '%s' "${!var}"
}
service_pidfile() { printf '%s/%s.pid' "$PEEL_RUN_DIR" "$1"; }
service_log() { printf '%s/%s.log' "$PEEL_LOG_DIR" "$1"; }
# Command-line fragment identifying a service process (guards stale pid files).
service_pattern() { printf 'serve %s' "$1"; }
service_url() { printf 'http://%s:%s/readyz' "$PEEL_SERVICE_CHECK_HOST" "$(service_port "$1")"; }

# service_healthy NAME -> 0 when GET /readyz answers 200
service_healthy() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$(service_url "$1")" 2>/dev/null || true)"
  [[ "$code" == "200" ]]
}

# service_pid NAME -> prints the pid of the running service (0), else 1
service_pid() {
  pidfile_pid "$(service_pidfile "$1")" "$(service_pattern "$1")"
}

report_failure() {
  local component="$1" reason="$2" logfile="$3"
  warn platform "$component did not become healthy: $reason"
  warn platform "$component log: $logfile"
  show_log_tail "$logfile" 20
}

# --------------------------------------------------------------------------
# the local identity provider
# --------------------------------------------------------------------------
OIDC_NAME=oidc-provider
oidc_pidfile() { service_pidfile "$OIDC_NAME"; }
oidc_healthy() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$OIDC_ISSUER/.well-known/openid-configuration" \
    2>/dev/null || true)"
  [[ "$code" == "200" ]]
}

# oidc_users -> the --user-claims options: one user per role, in the group that maps to it.
oidc_users() {
  local user group
  for user in admin:peel-admins officer:peel-officers analyst:peel-analysts clerk:peel-clerks viewer:peel-viewers; do
    group="${user#*:}"
    user="${user%%:*}"
    printf -- '--user-claims\n{"sub": "%s", "name": "Local %s", "email": "%s@example.gov.uk", "groups": ["%s"]}\n' \
      "$user" "$user" "$user" "$group"
  done
}

start_oidc_provider() {
  [[ "$PEEL_LOCAL_OIDC_PROVIDER" == "0" ]] && return 0
  local pid options
  if pid="$(pidfile_pid "$(oidc_pidfile)" oidc-provider-mock)"; then
    log "$OIDC_NAME" "already running (pid $pid) on port $PEEL_OIDC_PROVIDER_PORT"
    return 0
  fi
  if port_open 127.0.0.1 "$PEEL_OIDC_PROVIDER_PORT"; then
    die platform "$OIDC_NAME: port $PEEL_OIDC_PROVIDER_PORT is already in use; stop it or set PEEL_OIDC_PROVIDER_PORT"
  fi
  mapfile -t options < <(oidc_users)
  log "$OIDC_NAME" "starting on port $PEEL_OIDC_PROVIDER_PORT (log $(service_log "$OIDC_NAME")) ..."
  if ! (cd "$PEEL_REPO" && start_detached "$(oidc_pidfile)" "$(service_log "$OIDC_NAME")" \
    "$PEEL_REPO/.venv/bin/oidc-provider-mock" --port "$PEEL_OIDC_PROVIDER_PORT" --require-nonce "${options[@]}"); then
    report_failure "$OIDC_NAME" "could not be launched" "$(service_log "$OIDC_NAME")"
    exit 1
  fi
  local tries=100
  until oidc_healthy; do
    if ((tries-- <= 0)) || ! pidfile_pid "$(oidc_pidfile)" oidc-provider-mock >/dev/null; then
      report_failure "$OIDC_NAME" "$OIDC_ISSUER did not answer" "$(service_log "$OIDC_NAME")"
      exit 1
    fi
    sleep 0.2
  done
  log "$OIDC_NAME" "ready on $OIDC_ISSUER (users: admin, officer, analyst, clerk, viewer)"
}

stop_oidc_provider() {
  stop_pidfile "$OIDC_NAME" "$(oidc_pidfile)" oidc-provider-mock "$PEEL_STOP_TIMEOUT"
}

status_oidc_provider() {
  [[ "$PEEL_LOCAL_OIDC_PROVIDER" == "0" ]] && return 0
  local pid
  if pid="$(pidfile_pid "$(oidc_pidfile)" oidc-provider-mock)" && oidc_healthy; then
    log "$OIDC_NAME" "running (pid $pid), healthy on port $PEEL_OIDC_PROVIDER_PORT"
  else
    log "$OIDC_NAME" "not running or not answering on $OIDC_ISSUER"
    return 1
  fi
}

# --------------------------------------------------------------------------
# up
# --------------------------------------------------------------------------
# start_local NAME SCRIPT SWITCH WHERE: start a local component unless SWITCH is 0.
start_local() {
  local name="$1" script="$2" switch="$3" where="$4"
  if [[ "$switch" == "0" ]]; then
    log "$name" "not started here (PEEL_LOCAL_${name^^}=0); services use $where"
  elif ! "$script" start; then
    warn platform "$name did not become healthy; log: $PEEL_LOG_DIR/$name.log"
    exit 1
  fi
}

start_infra() {
  start_local kafka "$KAFKA_SH" "$PEEL_LOCAL_KAFKA" "PEEL_KAFKA_BOOTSTRAP=$PEEL_KAFKA_BOOTSTRAP"
  start_local postgres "$POSTGRES_SH" "$PEEL_LOCAL_POSTGRES" "$PEEL_PG_HOST:$PEEL_PG_PORT"
}

do_up() {
  local started
  started="$(now_s)"
  ensure_dirs
  start_infra

  if [[ ! -x "$PEEL_BIN" ]]; then
    die platform "$PEEL_BIN not found: run 'make setup' first"
  fi
  start_oidc_provider

  local svc pid port pending=()
  for svc in "${PEEL_SERVICES[@]}"; do
    port="$(service_port "$svc")"
    if pid="$(service_pid "$svc")"; then
      if service_healthy "$svc"; then
        log "$svc" "already running and healthy (pid $pid) on port $port"
        continue
      fi
      log "$svc" "running (pid $pid) but not healthy yet; waiting ..."
      pending+=("$svc")
      continue
    fi
    if port_open "$PEEL_SERVICE_CHECK_HOST" "$port"; then
      die platform "$svc: port $port is already in use by a process this script did not start; stop it or set PEEL_${svc//-/_}_PORT (upper case)"
    fi
    log "$svc" "starting on port $port (log $(service_log "$svc")) ..."
    printf '\n===== %s platform.sh up: %s serve %s =====\n' "$(date -Is)" "$PEEL_BIN" "$svc" \
      >>"$(service_log "$svc")"
    if ! (cd "$PEEL_REPO" && start_detached "$(service_pidfile "$svc")" "$(service_log "$svc")" \
      "$PEEL_BIN" serve "$svc"); then
      report_failure "$svc" "could not be launched" "$(service_log "$svc")"
      exit 1
    fi
    pending+=("$svc")
  done

  local deadline=$(($(now_s) + PEEL_UP_TIMEOUT))
  local failed=() still
  while ((${#pending[@]} > 0)); do
    still=()
    for svc in "${pending[@]}"; do
      if service_healthy "$svc"; then
        log "$svc" "ready on http://$PEEL_SERVICE_CHECK_HOST:$(service_port "$svc") (pid $(service_pid "$svc" || echo '?'))"
      elif ! service_pid "$svc" >/dev/null; then
        report_failure "$svc" "the process exited" "$(service_log "$svc")"
        failed+=("$svc")
      else
        still+=("$svc")
      fi
    done
    pending=("${still[@]}")
    ((${#pending[@]} == 0)) && break
    if (($(now_s) >= deadline)); then
      for svc in "${pending[@]}"; do
        report_failure "$svc" "GET $(service_url "$svc") did not answer 200 within ${PEEL_UP_TIMEOUT}s" \
          "$(service_log "$svc")"
        failed+=("$svc")
      done
      break
    fi
    sleep 0.5
  done

  if ((${#failed[@]} > 0)); then
    warn platform "NOT healthy: ${failed[*]} (the other components are left running; 'make down' stops everything)"
    exit 1
  fi
  log platform "all healthy in $(elapsed_since "$started"): $(for s in "${PEEL_SERVICES[@]}"; do printf '%s=http://%s:%s ' "$s" "$PEEL_SERVICE_CHECK_HOST" "$(service_port "$s")"; done)"
}

# --------------------------------------------------------------------------
# down / status / logs
# --------------------------------------------------------------------------
stop_service() {
  local svc="$1" pidfile pid
  pidfile="$(service_pidfile "$svc")"
  if pid="$(service_pid "$svc")"; then
    log "$svc" "stopping (pid $pid)"
    # Each service runs in its own session: signal the whole process group so
    # that worker processes go too.
    stop_pid "$svc" "$pid" "$PEEL_STOP_TIMEOUT"
    kill -KILL -- "-$pid" 2>/dev/null || true
    log "$svc" "stopped"
  else
    log "$svc" "not running"
  fi
  rm -f "$pidfile"
}

do_down() {
  ensure_dirs
  local i
  for ((i = ${#PEEL_SERVICES[@]} - 1; i >= 0; i--)); do
    stop_service "${PEEL_SERVICES[i]}"
  done
  stop_oidc_provider
  # Both only ever stop what they started themselves (pid files), so this is
  # safe with PEEL_LOCAL_*=0 too.
  "$POSTGRES_SH" stop
  "$KAFKA_SH" stop
}

do_status() {
  local ok=0 svc pid
  if [[ "$PEEL_LOCAL_KAFKA" != "0" ]]; then
    "$KAFKA_SH" status || ok=1
  else
    local kh="${PEEL_KAFKA_BOOTSTRAP%%,*}"
    if port_open "${kh%:*}" "${kh##*:}"; then
      log kafka "external broker reachable at $kh"
    else
      log kafka "external broker NOT reachable at $kh"
      ok=1
    fi
  fi
  if [[ "$PEEL_LOCAL_POSTGRES" != "0" ]]; then
    "$POSTGRES_SH" status || ok=1
  else
    if port_open "$PEEL_PG_HOST" "$PEEL_PG_PORT"; then
      log postgres "external server reachable at $PEEL_PG_HOST:$PEEL_PG_PORT"
    else
      log postgres "external server NOT reachable at $PEEL_PG_HOST:$PEEL_PG_PORT"
      ok=1
    fi
  fi
  status_oidc_provider || ok=1
  for svc in "${PEEL_SERVICES[@]}"; do
    if pid="$(service_pid "$svc")"; then
      if service_healthy "$svc"; then
        log "$svc" "running (pid $pid), healthy on port $(service_port "$svc")"
      else
        log "$svc" "running (pid $pid) but $(service_url "$svc") does not answer 200"
        ok=1
      fi
    else
      log "$svc" "not running"
      ok=1
    fi
  done
  return "$ok"
}

# log_files NAME... -> the log files of NAMEs (all services when none), created if missing.
log_files() {
  ensure_dirs
  local names=("$@") name
  ((${#names[@]} > 0)) || names=("${PEEL_SERVICES[@]}")
  for name in "${names[@]}"; do
    [[ -e "$PEEL_LOG_DIR/$name.log" ]] || touch "$PEEL_LOG_DIR/$name.log"
    printf '%s\n' "$PEEL_LOG_DIR/$name.log"
  done
}

do_logs() {
  local files
  mapfile -t files < <(log_files "$@")
  log platform "following ${files[*]} (Ctrl-C stops following; the platform keeps running, 'make down' stops it)"
  trap 'exit 0' INT # Ctrl-C ends tail; treat that as a normal end.
  tail -n 20 -F "${files[@]}" || true
}

# follow: the service logs until Ctrl-C, which then stops the whole platform (make run).
do_follow() {
  local files
  mapfile -t files < <(log_files)
  log platform "following the service logs; Ctrl-C stops the platform"
  trap 'trap - INT TERM; echo; with_lock platform do_down; exit 0' INT TERM
  tail -n 20 -F "${files[@]}" &
  wait "$!" || true
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    up) with_lock platform do_up ;;
    down) with_lock platform do_down ;;
    status) do_status ;;
    logs) do_logs "$@" ;;
    follow) do_follow ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
