#!/usr/bin/env bash
# Local PostgreSQL cluster for development and tests (its own data directory
# under $PEEL_LOCAL_DIR/pg; the distribution's default cluster is not used).
#
# Usage: deploy/local/postgres.sh <command> [args]
#   install          make sure the server binaries exist (apt-get install postgresql if not)
#   start            initdb once, start, wait until ready, create the Peel databases
#   stop             pg_ctl stop -m fast
#   restart          stop + start
#   status           exit 0 when the server is running and accepting connections
#   psql [ARGS...]   psql on the cluster over TCP (database: PGDATABASE or postgres)
#   create-db NAME   create a database owned by PEEL_PG_USER (no-op when it exists)
#   url [DBNAME]     print the connection URL (postgresql://user:password@host:port/db)
#
# Environment (defaults in brackets):
#   PEEL_LOCAL_DIR [<repo>/.local]  PEEL_PG_HOST [127.0.0.1]  PEEL_PG_PORT [55432]
#   PEEL_PG_USER [peel]  PEEL_PG_PASSWORD [peel]  (superuser, password auth over TCP)
#   PEEL_PG_BIN [newest /usr/lib/postgresql/*/bin]
#   PEEL_PG_SHARED_BUFFERS [256MB]  PEEL_PG_MAX_CONNECTIONS [300]
#   PEEL_PG_START_TIMEOUT [60]      PEEL_PG_STOP_TIMEOUT [60]
#
# initdb and postgres refuse to run as root: as root, the cluster belongs to
# the `postgres` system user (created if missing) and runs under runuser.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_ROOT="$PEEL_LOCAL_DIR/pg"
PG_DATA="$PG_ROOT/data"
PG_RUN="$PG_ROOT/run"
PG_LOG="$PEEL_LOG_DIR/postgres.log"
PG_OS_USER="${PEEL_PG_OS_USER:-postgres}"

: "${PEEL_PG_SHARED_BUFFERS:=256MB}"
: "${PEEL_PG_MAX_CONNECTIONS:=300}"
: "${PEEL_PG_START_TIMEOUT:=60}"
: "${PEEL_PG_STOP_TIMEOUT:=60}"

case "$PEEL_PG_HOST" in
  0.0.0.0 | '*' | '::') PG_CONNECT_HOST=127.0.0.1 ;;
  *) PG_CONNECT_HOST="$PEEL_PG_HOST" ;;
esac
PG_CONNECT="$PG_CONNECT_HOST:$PEEL_PG_PORT"

# --------------------------------------------------------------------------
# install
# --------------------------------------------------------------------------
# find_pg_bin -> prints the newest bin directory that holds initdb
find_pg_bin() {
  if [[ -n "${PEEL_PG_BIN:-}" ]]; then
    [[ -x "$PEEL_PG_BIN/initdb" ]] && printf '%s\n' "$PEEL_PG_BIN" && return 0
    return 1
  fi
  local dir
  while IFS= read -r dir; do
    if [[ -x "$dir/initdb" && -x "$dir/postgres" && -x "$dir/pg_ctl" ]]; then
      printf '%s\n' "$dir"
      return 0
    fi
  done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -V -r)
  return 1
}

do_install() {
  local bin
  if bin="$(find_pg_bin)"; then
    log postgres "server binaries present ($("$bin/postgres" --version | awk '{print $3}') in $bin)"
    return 0
  fi
  [[ -n "${PEEL_PG_BIN:-}" ]] && die postgres "PEEL_PG_BIN=$PEEL_PG_BIN holds no initdb"
  if [[ $EUID -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    die postgres "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin: install the postgresql package (as root: apt-get install postgresql)"
  fi
  log postgres "installing the postgresql package with apt-get ..."
  local started
  started="$(now_s)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  # The package creates and may start a default cluster; Peel does not use it.
  if command -v pg_lsclusters >/dev/null 2>&1; then
    local ver name _rest
    while read -r ver name _rest; do
      [[ -n "$ver" && -n "$name" ]] || continue
      pg_ctlcluster "$ver" "$name" stop >/dev/null 2>&1 || true
    done < <(pg_lsclusters -h 2>/dev/null || true)
  fi
  bin="$(find_pg_bin)" || die postgres "postgresql installed but no initdb found"
  log postgres "installed PostgreSQL $("$bin/postgres" --version | awk '{print $3}') in $(elapsed_since "$started")"
}

# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
PG_BIN=""
need_bin() {
  [[ -n "$PG_BIN" ]] && return 0
  PG_BIN="$(find_pg_bin)" || die postgres "PostgreSQL server binaries not found: run $0 install"
}

# as_owner COMMAND... -> run as the cluster owner (the postgres system user
# when we are root), from a directory that user can read.
as_owner() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u "$PG_OS_USER" -- "$@")
  else
    "$@"
  fi
}

ensure_os_user() {
  [[ $EUID -eq 0 ]] || return 0
  if ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
    log postgres "creating system user $PG_OS_USER"
    useradd --system --user-group --no-create-home --home-dir /var/lib/postgresql \
      --shell /bin/bash "$PG_OS_USER"
  fi
}

# make_traversable DIR -> DIR and its ancestors must be searchable by the
# cluster owner (e.g. a checkout under /root, which is 0700). Checked from the
# top down so that only the directories that block the way are changed.
make_traversable() {
  [[ $EUID -eq 0 ]] || return 0
  local path="" part
  local -a parts
  IFS=/ read -r -a parts <<<"${1#/}"
  for part in "${parts[@]}"; do
    [[ -n "$part" ]] || continue
    path="$path/$part"
    if ! runuser -u "$PG_OS_USER" -- test -x "$path" 2>/dev/null; then
      log postgres "granting search permission (o+x) on $path so that $PG_OS_USER can reach its files"
      chmod o+x "$path"
    fi
  done
}

prepare_dirs() {
  ensure_dirs
  ensure_os_user
  mkdir -p "$PG_ROOT" "$PG_DATA" "$PG_RUN"
  touch "$PG_LOG"
  if [[ $EUID -eq 0 ]]; then
    local d
    for d in "$PG_ROOT" "$PG_DATA" "$PG_RUN"; do
      if [[ "$(stat -c %U "$d")" != "$PG_OS_USER" ]]; then
        chown -R "$PG_OS_USER:" "$d"
      fi
    done
    chown "$PG_OS_USER:" "$PG_LOG"
    make_traversable "$PG_ROOT"
    make_traversable "$PEEL_LOG_DIR"
  fi
  chmod 700 "$PG_DATA" "$PG_RUN"
}

# sql_quote STRING -> STRING as a single-quoted SQL / config literal
sql_quote() {
  printf "'%s'" "${1//\'/\'\'}"
}

write_config() {
  local conf="$PG_DATA/peel.conf"
  {
    printf '# Written by deploy/local/postgres.sh on every start; edit the script, not this file.\n'
    printf 'listen_addresses = %s\n' "$(sql_quote "$PEEL_PG_HOST")"
    printf 'port = %s\n' "$PEEL_PG_PORT"
    printf 'unix_socket_directories = %s\n' "$(sql_quote "$PG_RUN")"
    printf 'max_connections = %s\n' "$PEEL_PG_MAX_CONNECTIONS"
    printf 'shared_buffers = %s\n' "$PEEL_PG_SHARED_BUFFERS"
    printf 'password_encryption = scram-sha-256\n'
    printf '# Durable even for tests: fsync and synchronous commit stay on.\n'
    printf 'fsync = on\n'
    printf 'synchronous_commit = on\n'
    printf 'full_page_writes = on\n'
    printf 'logging_collector = off\n'
    printf "log_line_prefix = '%%m [%%p] %%q%%u@%%d '\n"
    printf "log_timezone = 'UTC'\n"
    printf "timezone = 'UTC'\n"
  } >"$conf.tmp"
  mv "$conf.tmp" "$conf"
  [[ $EUID -eq 0 ]] && chown "$PG_OS_USER:" "$conf"
  return 0
}

initdb_once() {
  [[ -f "$PG_DATA/PG_VERSION" ]] && return 0
  log postgres "initdb in $PG_DATA (superuser $PEEL_PG_USER)"
  local pwfile="$PG_ROOT/.pwfile"
  (umask 077 && printf '%s\n' "$PEEL_PG_PASSWORD" >"$pwfile")
  [[ $EUID -eq 0 ]] && chown "$PG_OS_USER:" "$pwfile"
  local out
  if ! out="$(as_owner "$PG_BIN/initdb" -D "$PG_DATA" -U "$PEEL_PG_USER" --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 \
    --no-instructions 2>&1)"; then
    rm -f "$pwfile"
    printf '%s\n' "$out" >&2
    die postgres "initdb failed"
  fi
  rm -f "$pwfile"
  printf "\n# Peel local settings (port, sockets, tuning)\ninclude_if_exists = 'peel.conf'\n" \
    >>"$PG_DATA/postgresql.conf"
  # The role created by initdb: the script's own connections (unix socket,
  # trust) use it, whatever PEEL_PG_USER is later set to.
  printf '%s\n' "$PEEL_PG_USER" >"$PG_ROOT/bootstrap-user"
}

pg_running_pid() {
  [[ -f "$PG_DATA/postmaster.pid" ]] || return 1
  as_owner "$PG_BIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1 || return 1
  head -n 1 "$PG_DATA/postmaster.pid"
}

pg_ready() {
  "$PG_BIN/pg_isready" -q -h "$PG_CONNECT_HOST" -p "$PEEL_PG_PORT" -t 2 >/dev/null 2>&1
}

# admin_psql ARGS... -> psql as the bootstrap superuser over the unix socket
admin_psql() {
  local user
  user="$(cat "$PG_ROOT/bootstrap-user" 2>/dev/null || printf '%s' "$PEEL_PG_USER")"
  PGPASSWORD="$PEEL_PG_PASSWORD" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
    -h "$PG_RUN" -p "$PEEL_PG_PORT" -U "$user" -d postgres "$@"
}

# tcp_psql ARGS... -> psql as PEEL_PG_USER over TCP with the password
tcp_psql() {
  PGPASSWORD="$PEEL_PG_PASSWORD" PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
    -h "$PG_CONNECT_HOST" -p "$PEEL_PG_PORT" -U "$PEEL_PG_USER" "$@"
}

# ensure_role -> PEEL_PG_USER exists as a login superuser with PEEL_PG_PASSWORD
ensure_role() {
  admin_psql -v "role=$PEEL_PG_USER" -v "pw=$PEEL_PG_PASSWORD" -f - <<'SQL'
SELECT format('CREATE ROLE %I LOGIN SUPERUSER PASSWORD %L', :'role', :'pw')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN SUPERUSER PASSWORD %L', :'role', :'pw')
WHERE EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SQL
}

# ensure_database NAME -> create it (owned by PEEL_PG_USER) unless it exists
ensure_database() {
  local name="$1"
  admin_psql -v "db=$name" -v "owner=$PEEL_PG_USER" -f - <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'owner')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
}

fail_start() {
  warn postgres "$1"
  warn postgres "see the log: $PG_LOG"
  show_log_tail "$PG_LOG" 20
  exit 1
}

# --------------------------------------------------------------------------
# start / stop / status
# --------------------------------------------------------------------------
do_start() {
  need_bin
  local started pid
  started="$(now_s)"
  prepare_dirs
  if pid="$(pg_running_pid)"; then
    if pg_ready; then
      ensure_role
      ensure_databases
      log postgres "already running (pid $pid) on $PG_CONNECT"
      return 0
    fi
  else
    if port_open "$PG_CONNECT_HOST" "$PEEL_PG_PORT"; then
      die postgres "port $PG_CONNECT is already in use by a process this script did not start; stop it, choose another PEEL_PG_PORT, or set PEEL_LOCAL_POSTGRES=0 to use an existing server"
    fi
    initdb_once
    write_config
    log postgres "starting ($("$PG_BIN/postgres" --version | awk '{print $3}'), log $PG_LOG) ..."
    printf '\n===== %s postgres.sh start =====\n' "$(date -Is)" >>"$PG_LOG"
    # 9>&-: the server must not inherit the start/stop lock.
    if ! as_owner "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w \
      -t "$PEEL_PG_START_TIMEOUT" >/dev/null 2>&1 9>&-; then
      fail_start "the server did not start (pg_ctl start failed)"
    fi
  fi
  local deadline=$((started + PEEL_PG_START_TIMEOUT))
  until pg_ready; do
    if (($(now_s) >= deadline)); then
      fail_start "not accepting connections on $PG_CONNECT within ${PEEL_PG_START_TIMEOUT}s"
    fi
    if ! pg_running_pid >/dev/null; then
      fail_start "the server exited during start-up"
    fi
    sleep 0.2
  done
  ensure_role
  ensure_databases
  if ! tcp_psql -d postgres -c 'SELECT 1' >/dev/null; then
    fail_start "password login as $PEEL_PG_USER over TCP ($PG_CONNECT) failed"
  fi
  pid="$(pg_running_pid || true)"
  log postgres "ready on $PG_CONNECT (pid $pid, databases: ${PEEL_DATABASES[*]}, $(elapsed_since "$started"))"
}

ensure_databases() {
  local db
  for db in "${PEEL_DATABASES[@]}"; do
    ensure_database "$db"
  done
}

do_stop() {
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    log postgres "not running (no cluster in $PG_DATA)"
    return 0
  fi
  need_bin
  local pid
  if ! pid="$(pg_running_pid)"; then
    log postgres "not running"
    return 0
  fi
  log postgres "stopping (pid $pid)"
  if ! as_owner "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t "$PEEL_PG_STOP_TIMEOUT" >/dev/null 2>&1; then
    warn postgres "fast shutdown did not finish within ${PEEL_PG_STOP_TIMEOUT}s; sending immediate shutdown"
    as_owner "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m immediate -w -t 30 >/dev/null 2>&1 || true
  fi
  log postgres "stopped"
}

do_status() {
  need_bin
  local pid
  if [[ -f "$PG_DATA/PG_VERSION" ]] && pid="$(pg_running_pid)"; then
    if pg_ready; then
      log postgres "running (pid $pid) on $PG_CONNECT"
      return 0
    fi
    log postgres "process running (pid $pid) but not accepting connections on $PG_CONNECT"
    return 1
  fi
  log postgres "not running"
  return 1
}

do_psql() {
  need_bin
  export PGHOST="$PG_CONNECT_HOST" PGPORT="$PEEL_PG_PORT" PGUSER="$PEEL_PG_USER"
  export PGPASSWORD="$PEEL_PG_PASSWORD" PGDATABASE="${PGDATABASE:-postgres}"
  exec "$PG_BIN/psql" "$@"
}

do_create_db() {
  [[ $# -eq 1 && -n "$1" ]] || die postgres "usage: $0 create-db NAME"
  need_bin
  pg_ready || die postgres "not running on $PG_CONNECT: run $0 start"
  ensure_database "$1"
  log postgres "database $1 ready"
}

do_url() {
  local db="${1:-postgres}"
  printf 'postgresql://%s:%s@%s:%s/%s\n' "$PEEL_PG_USER" "$PEEL_PG_PASSWORD" \
    "$PG_CONNECT_HOST" "$PEEL_PG_PORT" "$db"
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    install) with_lock postgres do_install ;;
    start) with_lock postgres do_start ;;
    stop) with_lock postgres do_stop ;;
    restart)
      with_lock postgres do_stop
      with_lock postgres do_start
      ;;
    status) do_status ;;
    psql) do_psql "$@" ;;
    create-db) with_lock postgres do_create_db "$@" ;;
    url) do_url "$@" ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
