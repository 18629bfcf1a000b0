# shellcheck shell=bash
# Shared helpers for the local Peel infrastructure scripts.
#
# Source it from a script that has already done `set -euo pipefail`:
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Everything is configured through environment variables; the defaults below
# are exported so that every child process (Kafka, PostgreSQL, the Python
# services, pytest) sees the same values.

if [[ -n "${_PEEL_LIB_LOADED:-}" ]]; then
  return 0
fi
_PEEL_LIB_LOADED=1

# --------------------------------------------------------------------------
# Locations
# --------------------------------------------------------------------------
PEEL_LOCAL_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
PEEL_REPO="${PEEL_REPO:-$(cd "$PEEL_LOCAL_SCRIPTS/../.." && pwd -P)}"
PEEL_LOCAL_DIR="${PEEL_LOCAL_DIR:-$PEEL_REPO/.local}"
# Make PEEL_LOCAL_DIR absolute (the scripts change directory).
case "$PEEL_LOCAL_DIR" in
  /*) ;;
  *) PEEL_LOCAL_DIR="$PWD/$PEEL_LOCAL_DIR" ;;
esac
PEEL_LOG_DIR="$PEEL_LOCAL_DIR/logs"
PEEL_RUN_DIR="$PEEL_LOCAL_DIR/run"
export PEEL_REPO PEEL_LOCAL_DIR

# --------------------------------------------------------------------------
# Addresses, ports, credentials (all overridable)
# --------------------------------------------------------------------------
: "${PEEL_KAFKA_HOST:=127.0.0.1}"
: "${PEEL_KAFKA_PORT:=9092}"
: "${PEEL_KAFKA_CONTROLLER_PORT:=9093}"
: "${PEEL_KAFKA_BOOTSTRAP:=$PEEL_KAFKA_HOST:$PEEL_KAFKA_PORT}"
: "${PEEL_PG_HOST:=127.0.0.1}"
: "${PEEL_PG_PORT:=55432}"
: "${PEEL_PG_USER:=peel}"
: "${PEEL_PG_PASSWORD:=peel}"
: "${PEEL_CONSULTATION_PORT:=8101}"
: "${PEEL_SCHEDULING_PORT:=8102}"
: "${PEEL_NOTIFICATIONS_PORT:=8103}"
: "${PEEL_REPORTING_PORT:=8104}"
: "${PEEL_WEB_PORT:=8105}"
: "${PEEL_FAKE_NOTIFY_PORT:=8109}"
: "${PEEL_LOCAL_KAFKA:=1}"
: "${PEEL_LOCAL_POSTGRES:=1}"
export PEEL_KAFKA_HOST PEEL_KAFKA_PORT PEEL_KAFKA_CONTROLLER_PORT PEEL_KAFKA_BOOTSTRAP
export PEEL_PG_HOST PEEL_PG_PORT PEEL_PG_USER PEEL_PG_PASSWORD
export PEEL_CONSULTATION_PORT PEEL_SCHEDULING_PORT PEEL_NOTIFICATIONS_PORT PEEL_REPORTING_PORT PEEL_WEB_PORT
export PEEL_FAKE_NOTIFY_PORT
export PEEL_LOCAL_KAFKA PEEL_LOCAL_POSTGRES

# The databases every local cluster gets (one per service).
# shellcheck disable=SC2034  # used by the scripts that source this file
PEEL_DATABASES=(peel_consultation peel_scheduling peel_notifications peel_reporting peel_web)
# The services, in start order; fake-notify stands in for GOV.UK Notify in development (the notifications
# service uses it only when configured to: see docs/notifications-providers.md).
# shellcheck disable=SC2034
PEEL_SERVICES=(fake-notify consultation scheduling notifications reporting web)

# --------------------------------------------------------------------------
# Logging
# --------------------------------------------------------------------------
# log COMPONENT MESSAGE...   -> "component: message" on stdout
log() {
  local component="$1"
  shift
  printf '%s: %s\n' "$component" "$*"
}

# warn COMPONENT MESSAGE...  -> on stderr
warn() {
  local component="$1"
  shift
  printf '%s: %s\n' "$component" "$*" >&2
}

# die COMPONENT MESSAGE...   -> on stderr, exit 1
die() {
  warn "$@"
  exit 1
}

# show_log_tail FILE [LINES]  -> last lines of a log, indented, on stderr
show_log_tail() {
  local file="$1" lines="${2:-20}"
  if [[ -s "$file" ]]; then
    printf -- '----- last %s lines of %s -----\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" | sed 's/^/  | /' >&2
    printf -- '-----\n' >&2
  else
    printf '(log %s is empty or missing)\n' "$file" >&2
  fi
}

# --------------------------------------------------------------------------
# Small utilities
# --------------------------------------------------------------------------
ensure_dirs() {
  mkdir -p "$PEEL_LOCAL_DIR" "$PEEL_LOG_DIR" "$PEEL_RUN_DIR"
}

# now_s -> seconds since the epoch
now_s() {
  date +%s
}

# elapsed_since START_EPOCH -> "12s"
elapsed_since() {
  printf '%ss' "$(($(now_s) - $1))"
}

# port_open HOST PORT -> 0 when a TCP connection succeeds (1s timeout)
port_open() {
  local host="$1" port="$2"
  # shellcheck disable=SC2016  # expanded by the inner shell
  timeout 1 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" 2>/dev/null
}

# wait_for_port HOST PORT TIMEOUT_S [PID] -> 0 when open; 1 on timeout,
# 2 when PID (if given) died meanwhile.
wait_for_port() {
  local host="$1" port="$2" timeout_s="$3" pid="${4:-}"
  local deadline=$(($(now_s) + timeout_s))
  while true; do
    if port_open "$host" "$port"; then
      return 0
    fi
    if [[ -n "$pid" ]] && ! pid_running "$pid"; then
      return 2
    fi
    if (($(now_s) >= deadline)); then
      return 1
    fi
    sleep 0.2
  done
}

# with_lock NAME COMMAND... -> run COMMAND while holding an exclusive lock,
# so that concurrent start/stop calls (e.g. parallel test workers) serialise.
# The lock is file descriptor 9: daemons started under the lock must be
# started with `9>&-` (start_detached does), or they would hold it forever.
with_lock() {
  local name="$1"
  shift
  ensure_dirs
  local lockfile="$PEEL_RUN_DIR/$name.lock"
  (
    exec 9>"$lockfile"
    if ! flock -w "${PEEL_LOCK_TIMEOUT:-600}" 9; then
      die "$name" "could not acquire lock $lockfile"
    fi
    "$@"
  )
}

# --------------------------------------------------------------------------
# Process / pid-file handling
# --------------------------------------------------------------------------
# pid_running PID -> 0 when the process exists and is not a zombie
pid_running() {
  local pid="$1" state
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [[ "$state" != "Z" && "$state" != "X" ]]
}

# pid_matches PID PATTERN -> 0 when the command line of PID contains PATTERN
# (guards against a recycled pid belonging to an unrelated process).
pid_matches() {
  local pid="$1" pattern="$2" cmdline
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmdline" == *"$pattern"* ]]
}

# pidfile_pid PIDFILE [PATTERN] -> prints the pid and returns 0 when the pid
# file names a live process (whose command line contains PATTERN, if given);
# a stale pid file is removed.
pidfile_pid() {
  local pidfile="$1" pattern="${2:-}" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(tr -dc '0-9' <"$pidfile" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && pid_running "$pid" &&
    { [[ -z "$pattern" ]] || pid_matches "$pid" "$pattern"; }; then
    printf '%s\n' "$pid"
    return 0
  fi
  rm -f "$pidfile"
  return 1
}

# start_detached PIDFILE LOGFILE COMMAND... -> start COMMAND in its own
# session (so Ctrl-C in the calling terminal does not reach it), immune to
# SIGHUP, stdout+stderr appended to LOGFILE, pid written to PIDFILE.
start_detached() {
  local pidfile="$1" logfile="$2"
  shift 2
  rm -f "$pidfile"
  # The inner shell records its own pid, then execs the command, so the pid
  # file names the real process whatever setsid decides about forking.
  # shellcheck disable=SC2016  # expanded by the inner shell
  # fd 9 is the lock of with_lock: the long-lived child must not inherit it.
  setsid bash -c 'echo $$ >"$1"; shift; exec nohup "$@"' _ "$pidfile" "$@" \
    </dev/null >>"$logfile" 2>&1 9>&- &
  local tries=50
  while ((tries-- > 0)); do
    [[ -s "$pidfile" ]] && return 0
    sleep 0.1
  done
  return 1
}

# stop_pid NAME PID TIMEOUT_S -> SIGTERM, wait up to TIMEOUT_S, then SIGKILL.
stop_pid() {
  local name="$1" pid="$2" timeout_s="$3"
  pid_running "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$(($(now_s) + timeout_s))
  while pid_running "$pid"; do
    if (($(now_s) >= deadline)); then
      warn "$name" "did not stop within ${timeout_s}s, sending SIGKILL to pid $pid"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
}

# stop_pidfile NAME PIDFILE PATTERN TIMEOUT_S -> stop the process named by a
# pid file (if running) and remove the pid file. Always returns 0.
stop_pidfile() {
  local name="$1" pidfile="$2" pattern="$3" timeout_s="$4" pid
  if pid="$(pidfile_pid "$pidfile" "$pattern")"; then
    log "$name" "stopping (pid $pid)"
    stop_pid "$name" "$pid" "$timeout_s"
    log "$name" "stopped"
  else
    log "$name" "not running"
  fi
  rm -f "$pidfile"
}

# The calling script's header comment, as its help text.
usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '/^set -euo/d' -e 's/^# \{0,1\}//'
}
