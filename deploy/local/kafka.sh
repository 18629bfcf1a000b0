#!/usr/bin/env bash
# Local Apache Kafka broker (KRaft, combined broker+controller, one node),
# run straight from the Maven Central jars; no Docker, no tarball.
#
# Usage: deploy/local/kafka.sh <command> [args]
#   install            download the jars into $PEEL_LOCAL_DIR/kafka/lib (once per version)
#   start              install if needed, format storage once, start, wait until ready
#   stop               SIGTERM, wait, SIGKILL after PEEL_KAFKA_STOP_TIMEOUT
#   restart            stop + start
#   status             exit 0 when the broker is running and answering
#   topics ARGS...     kafka-topics (TopicCommand) against the local broker
#   console-producer ARGS...   kafka-console-producer against the local broker
#   console-consumer ARGS...   kafka-console-consumer against the local broker
#   class CLASS ARGS...        run any main class from the broker's classpath
#
# Environment (defaults in brackets):
#   PEEL_LOCAL_DIR [<repo>/.local]   PEEL_KAFKA_HOST [127.0.0.1]
#   PEEL_KAFKA_PORT [9092]           PEEL_KAFKA_CONTROLLER_PORT [9093]
#   PEEL_KAFKA_ADVERTISED_HOST [PEEL_KAFKA_HOST, or 127.0.0.1 for 0.0.0.0]
#   PEEL_KAFKA_VERSION [from pom.xml] PEEL_LOG4J_VERSION [from pom.xml]
#   PEEL_KAFKA_HEAP_OPTS [-Xms256m -Xmx768m]   PEEL_KAFKA_JVM_OPTS [G1 settings]
#   PEEL_KAFKA_START_TIMEOUT [90]    PEEL_KAFKA_STOP_TIMEOUT [60]
#   PEEL_MAVEN_REPO [Maven's default, ~/.m2/repository]
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KAFKA_SRC="$PEEL_LOCAL_SCRIPTS/kafka"
KAFKA_POM="$KAFKA_SRC/pom.xml"
KAFKA_HOME="$PEEL_LOCAL_DIR/kafka"
KAFKA_LIB="$KAFKA_HOME/lib"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_CONF="$KAFKA_HOME/server.properties"
KAFKA_CLUSTER_ID_FILE="$KAFKA_HOME/cluster.id"
KAFKA_LOG="$PEEL_LOG_DIR/kafka.log"
KAFKA_PID="$PEEL_RUN_DIR/kafka.pid"
KAFKA_LOG4J="$KAFKA_SRC/log4j2.properties"
KAFKA_MAIN="kafka.Kafka"

pom_property() {
  sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$KAFKA_POM" | head -n 1
}

: "${PEEL_KAFKA_VERSION:=$(pom_property kafka.version)}"
: "${PEEL_LOG4J_VERSION:=$(pom_property log4j.version)}"
: "${PEEL_KAFKA_HEAP_OPTS:=-Xms256m -Xmx768m}"
: "${PEEL_KAFKA_JVM_OPTS:=-server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
: "${PEEL_KAFKA_START_TIMEOUT:=90}"
: "${PEEL_KAFKA_STOP_TIMEOUT:=60}"
case "$PEEL_KAFKA_HOST" in
  0.0.0.0 | '::' | '[::]') _kafka_default_adv=127.0.0.1 ;;
  *) _kafka_default_adv="$PEEL_KAFKA_HOST" ;;
esac
: "${PEEL_KAFKA_ADVERTISED_HOST:=$_kafka_default_adv}"
# Where this script connects to talk to the broker.
KAFKA_CONNECT="$PEEL_KAFKA_ADVERTISED_HOST:$PEEL_KAFKA_PORT"

# --------------------------------------------------------------------------
# install
# --------------------------------------------------------------------------
install_stamp() {
  printf 'kafka=%s log4j=%s pom=%s\n' "$PEEL_KAFKA_VERSION" "$PEEL_LOG4J_VERSION" \
    "$(sha256sum "$KAFKA_POM" | cut -c1-16)"
}

installed() {
  [[ -f "$KAFKA_LIB/.peel-installed" ]] &&
    [[ "$(cat "$KAFKA_LIB/.peel-installed")" == "$(install_stamp)" ]]
}

ensure_java_maven() {
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  ((${#missing[@]} == 0)) && return 0
  if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log kafka "installing ${missing[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    die kafka "missing ${missing[*]}: install Java 17+ and Maven"
  fi
}

do_install() {
  if installed; then
    log kafka "jars present (kafka $PEEL_KAFKA_VERSION, log4j $PEEL_LOG4J_VERSION) in $KAFKA_LIB"
    return 0
  fi
  ensure_java_maven
  local started tmp out
  started="$(now_s)"
  log kafka "downloading jars (kafka $PEEL_KAFKA_VERSION, log4j $PEEL_LOG4J_VERSION) with Maven ..."
  mkdir -p "$KAFKA_HOME"
  tmp="$(mktemp -d "$KAFKA_HOME/lib.tmp.XXXXXX")"
  chmod 755 "$tmp"
  local mvn_args=(-q -B -f "$KAFKA_POM"
    "-Dkafka.version=$PEEL_KAFKA_VERSION" "-Dlog4j.version=$PEEL_LOG4J_VERSION"
    dependency:copy-dependencies -DincludeScope=runtime "-DoutputDirectory=$tmp")
  if [[ -n "${PEEL_MAVEN_REPO:-}" ]]; then
    mvn_args=("-Dmaven.repo.local=$PEEL_MAVEN_REPO" "${mvn_args[@]}")
  fi
  if ! out="$(cd "$KAFKA_HOME" && mvn "${mvn_args[@]}" 2>&1)"; then
    rm -rf "$tmp"
    printf '%s\n' "$out" >&2
    die kafka "Maven could not resolve the Kafka jars (kafka $PEEL_KAFKA_VERSION, log4j $PEEL_LOG4J_VERSION)"
  fi
  if ! compgen -G "$tmp/kafka_2.13-*.jar" >/dev/null; then
    rm -rf "$tmp"
    die kafka "Maven finished but $tmp holds no kafka_2.13 jar"
  fi
  install_stamp >"$tmp/.peel-installed"
  rm -rf "$KAFKA_LIB"
  mv "$tmp" "$KAFKA_LIB"
  log kafka "installed $(find "$KAFKA_LIB" -name '*.jar' | wc -l) jars into $KAFKA_LIB in $(elapsed_since "$started")"
}

# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
# tool_cmd LEVEL -> sets TOOL_CMD to a java command line for the CLI tools
# (small heap, fast start-up, logging at LEVEL on stderr)
tool_cmd() {
  local opts
  # shellcheck disable=SC2206  # PEEL_KAFKA_TOOL_OPTS is a list of JVM flags
  opts=(${PEEL_KAFKA_TOOL_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1})
  TOOL_CMD=(java "${opts[@]}" "-Dlog4j2.configurationFile=$KAFKA_LOG4J"
    "-Dpeel.log.level=$1" -Dpeel.log.target=SYSTEM_ERR -cp "$KAFKA_LIB/*")
}

# kafka_class CLASS ARGS... -> run a main class from the broker's classpath
kafka_class() {
  tool_cmd WARN
  "${TOOL_CMD[@]}" "$@"
}

sed_escape() {
  printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'
}

render_config() {
  mkdir -p "$KAFKA_HOME" "$KAFKA_DATA"
  sed -e "s|@PEEL_KAFKA_HOST@|$(sed_escape "$PEEL_KAFKA_HOST")|g" \
    -e "s|@PEEL_KAFKA_ADVERTISED_HOST@|$(sed_escape "$PEEL_KAFKA_ADVERTISED_HOST")|g" \
    -e "s|@PEEL_KAFKA_PORT@|$(sed_escape "$PEEL_KAFKA_PORT")|g" \
    -e "s|@PEEL_KAFKA_CONTROLLER_PORT@|$(sed_escape "$PEEL_KAFKA_CONTROLLER_PORT")|g" \
    -e "s|@PEEL_KAFKA_DATA_DIR@|$(sed_escape "$KAFKA_DATA")|g" \
    "$KAFKA_SRC/server.properties.template" >"$KAFKA_CONF.tmp"
  if grep -q '@PEEL_[A-Z_]*@' "$KAFKA_CONF.tmp"; then
    die kafka "unrendered placeholder in $KAFKA_CONF.tmp"
  fi
  mv "$KAFKA_CONF.tmp" "$KAFKA_CONF"
}

# format_storage -> format the data directory once (the KRaft metadata log
# and meta.properties survive restarts; a changed port does not need a
# re-format with a single voter).
format_storage() {
  [[ -f "$KAFKA_DATA/meta.properties" ]] && return 0
  if [[ ! -s "$KAFKA_CLUSTER_ID_FILE" ]]; then
    kafka_class kafka.tools.StorageTool random-uuid | tr -d '[:space:]' >"$KAFKA_CLUSTER_ID_FILE"
    [[ -s "$KAFKA_CLUSTER_ID_FILE" ]] || die kafka "could not generate a cluster id"
  fi
  log kafka "formatting storage in $KAFKA_DATA (cluster id $(cat "$KAFKA_CLUSTER_ID_FILE"))"
  local out
  if ! out="$(kafka_class kafka.tools.StorageTool format --standalone --ignore-formatted \
    -t "$(cat "$KAFKA_CLUSTER_ID_FILE")" -c "$KAFKA_CONF" 2>&1)"; then
    printf '%s\n' "$out" >&2
    die kafka "formatting the storage failed"
  fi
}

# api_versions_ok HOST PORT -> 0 when something answering the Kafka protocol
# (an ApiVersions v0 request) listens there. Pure bash: no JVM start-up.
api_versions_ok() {
  # shellcheck disable=SC2016  # expanded by the inner shell
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    # size=14, api_key=18 (ApiVersions), api_version=0, correlation_id=4242 (0x1092), client_id="peel"
    printf "\x00\x00\x00\x0e\x00\x12\x00\x00\x00\x00\x10\x92\x00\x04peel" >&3
    reply="$(head -c 8 <&3 | od -An -tu1 | tr -s " \n" " ")"
    [[ "$reply" == *" 0 0 16 146"* ]]
  ' _ "$1" "$2" 2>/dev/null
}

kafka_answers() {
  api_versions_ok "$PEEL_KAFKA_ADVERTISED_HOST" "$PEEL_KAFKA_PORT"
}

# --------------------------------------------------------------------------
# start / stop / status
# --------------------------------------------------------------------------
fail_start() {
  local pid="$1" reason="$2"
  warn kafka "$reason"
  warn kafka "see the log: $KAFKA_LOG"
  show_log_tail "$KAFKA_LOG" 20
  if [[ -n "$pid" ]] && pid_running "$pid"; then
    warn kafka "stopping the broker that did not become ready (pid $pid)"
    stop_pid kafka "$pid" 10
  fi
  rm -f "$KAFKA_PID"
  exit 1
}

# wait_ready PID STARTED_EPOCH
wait_ready() {
  local pid="$1" started="$2"
  local deadline=$((started + PEEL_KAFKA_START_TIMEOUT))
  while true; do
    if ! pid_running "$pid"; then
      fail_start "" "the broker exited during start-up"
    fi
    if kafka_answers; then
      # Metadata check: an admin client lists the topics.
      tool_cmd ERROR
      if timeout 30 "${TOOL_CMD[@]}" org.apache.kafka.tools.TopicCommand \
        --bootstrap-server "$KAFKA_CONNECT" --list >/dev/null 2>&1; then
        return 0
      fi
    fi
    if (($(now_s) >= deadline)); then
      fail_start "$pid" "did not become ready on $KAFKA_CONNECT within ${PEEL_KAFKA_START_TIMEOUT}s"
    fi
    sleep 0.5
  done
}

do_start() {
  ensure_dirs
  local pid started
  started="$(now_s)"
  if pid="$(pidfile_pid "$KAFKA_PID" "$KAFKA_MAIN")"; then
    if kafka_answers; then
      log kafka "already running (pid $pid) on $KAFKA_CONNECT"
      return 0
    fi
    log kafka "running (pid $pid) but not answering yet; waiting ..."
    wait_ready "$pid" "$started"
    log kafka "ready on $KAFKA_CONNECT"
    return 0
  fi
  local port
  for port in "$PEEL_KAFKA_PORT" "$PEEL_KAFKA_CONTROLLER_PORT"; do
    if port_open "$PEEL_KAFKA_ADVERTISED_HOST" "$port"; then
      die kafka "port $PEEL_KAFKA_ADVERTISED_HOST:$port is already in use by a process this script did not start; stop it, choose other ports (PEEL_KAFKA_PORT/PEEL_KAFKA_CONTROLLER_PORT), or set PEEL_LOCAL_KAFKA=0 and PEEL_KAFKA_BOOTSTRAP to use an existing broker"
    fi
  done
  do_install
  command -v java >/dev/null 2>&1 || die kafka "java not found"
  render_config
  format_storage
  log kafka "starting (kafka $PEEL_KAFKA_VERSION, log $KAFKA_LOG) ..."
  printf '\n===== %s kafka.sh start (kafka %s) =====\n' "$(date -Is)" "$PEEL_KAFKA_VERSION" >>"$KAFKA_LOG"
  local jvm_opts
  # shellcheck disable=SC2206  # word splitting of the option lists is intended
  jvm_opts=($PEEL_KAFKA_HEAP_OPTS $PEEL_KAFKA_JVM_OPTS)
  (
    cd "$KAFKA_HOME"
    start_detached "$KAFKA_PID" "$KAFKA_LOG" java "${jvm_opts[@]}" \
      "-Dlog4j2.configurationFile=$KAFKA_LOG4J" "-Dkafka.logs.dir=$PEEL_LOG_DIR" \
      -cp "$KAFKA_LIB/*" "$KAFKA_MAIN" "$KAFKA_CONF"
  ) || fail_start "" "could not launch the broker"
  pid="$(cat "$KAFKA_PID")"
  wait_ready "$pid" "$started"
  log kafka "ready on $KAFKA_CONNECT (pid $pid, $(elapsed_since "$started"))"
}

do_stop() {
  stop_pidfile kafka "$KAFKA_PID" "$KAFKA_MAIN" "$PEEL_KAFKA_STOP_TIMEOUT"
}

do_status() {
  local pid
  if pid="$(pidfile_pid "$KAFKA_PID" "$KAFKA_MAIN")"; then
    if kafka_answers; then
      log kafka "running (pid $pid) on $KAFKA_CONNECT"
      return 0
    fi
    log kafka "process running (pid $pid) but not answering on $KAFKA_CONNECT"
    return 1
  fi
  log kafka "not running"
  return 1
}

require_lib() {
  installed || die kafka "jars not installed: run $0 install"
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    install) with_lock kafka do_install ;;
    start) with_lock kafka do_start ;;
    stop) with_lock kafka do_stop ;;
    restart)
      with_lock kafka do_stop
      with_lock kafka do_start
      ;;
    status) do_status ;;
    topics)
      require_lib
      kafka_class org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_CONNECT" "$@"
      ;;
    console-producer)
      require_lib
      kafka_class org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$KAFKA_CONNECT" "$@"
      ;;
    console-consumer)
      require_lib
      kafka_class org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$KAFKA_CONNECT" "$@"
      ;;
    class)
      require_lib
      kafka_class "$@"
      ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
