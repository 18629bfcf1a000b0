#!/usr/bin/env bash
# Debian's Chromium, which the browser tests (tests/browser, Playwright) drive.
#
# Usage: deploy/local/chromium.sh <command>
#   install  apt-get install chromium and fonts-liberation (Arial's metric twin)
#            when $PEEL_CHROMIUM is missing; as root, or through sudo
#   version  print the browser's version (exit 1 when it is missing)
#
# Environment (defaults in brackets):
#   PEEL_CHROMIUM [/usr/bin/chromium]  the browser the tests launch
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

: "${PEEL_CHROMIUM:=/usr/bin/chromium}"
PACKAGES=(chromium fonts-liberation)

# as_root COMMAND... -> run COMMAND as root (directly, or through sudo)
as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  else
    sudo "$@"
  fi
}

do_install() {
  if [[ -x "$PEEL_CHROMIUM" ]]; then
    log chromium "present ($("$PEEL_CHROMIUM" --version 2>/dev/null || echo "$PEEL_CHROMIUM"))"
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 ||
    die chromium "$PEEL_CHROMIUM not found and there is no apt-get: install Chromium and set PEEL_CHROMIUM to it"
  if [[ $EUID -ne 0 ]] && ! command -v sudo >/dev/null 2>&1; then
    die chromium "$PEEL_CHROMIUM not found; installing it needs root: run as root, or: apt-get install ${PACKAGES[*]}"
  fi
  log chromium "installing ${PACKAGES[*]} with apt-get ..."
  local started
  started="$(now_s)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
  [[ -x "$PEEL_CHROMIUM" ]] || die chromium "installed ${PACKAGES[*]} but $PEEL_CHROMIUM is still missing"
  log chromium "installed $("$PEEL_CHROMIUM" --version 2>/dev/null) in $(elapsed_since "$started")"
}

do_version() {
  [[ -x "$PEEL_CHROMIUM" ]] || die chromium "$PEEL_CHROMIUM not found (make test installs it)"
  # (Debian's launcher script prints a harmless shell warning on stderr.)
  "$PEEL_CHROMIUM" --version 2>/dev/null
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    install) with_lock chromium do_install ;;
    version) do_version ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
