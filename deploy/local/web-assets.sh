#!/usr/bin/env bash
# Front-end assets of the web service (services/web): GOV.UK Frontend from npm,
# compiled with Sass into the git-ignored services/web/static/dist/.
#
# Usage: deploy/local/web-assets.sh <command>
#   build    npm ci (only when package-lock.json changed or node_modules is missing),
#            then rebuild what is older than its sources (a fast no-op otherwise):
#              static/dist/peel.css               assets/peel.scss (Sass, compressed)
#              static/dist/govuk-frontend.min.js  GOV.UK Frontend's JavaScript (an ES module)
#              static/dist/init.mjs               assets/init.mjs (starts GOV.UK Frontend)
#              static/dist/assets/                GOV.UK Frontend's images and manifest.json
#   clean    delete static/dist/ (node_modules stays)
#
# The web service serves static/dist/ at /static and static/dist/assets/ at /assets.
# Needs Node and npm (npm reaches the registry only for npm ci).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

WEB_DIR="$PEEL_REPO/services/web"
MODULES="$WEB_DIR/node_modules"
INSTALLED="$MODULES/.peel-installed"
GOVUK="$MODULES/govuk-frontend/dist/govuk"
DIST="$WEB_DIR/static/dist"
CHANGED=0

# stale TARGET SOURCE... -> 0 when TARGET is missing or older than any SOURCE
stale() {
  local target="$1" source
  shift
  [[ -e "$target" ]] || return 0
  for source in "$@"; do
    [[ "$source" -nt "$target" ]] && return 0
  done
  return 1
}

install_modules() {
  stale "$INSTALLED" "$WEB_DIR/package.json" "$WEB_DIR/package-lock.json" || return 0
  command -v npm >/dev/null 2>&1 || die web-assets "npm not found: install Node.js 20 and npm (as root: apt-get install nodejs npm)"
  local started
  started="$(now_s)"
  (cd "$WEB_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
  touch "$INSTALLED"
  CHANGED=1
  log web-assets "npm ci in $(elapsed_since "$started")"
}

build_css() {
  local target="$DIST/peel.css"
  stale "$target" "$WEB_DIR"/assets/*.scss "$INSTALLED" || return 0
  local started
  started="$(now_s)"
  (cd "$WEB_DIR" && npx --no-install sass --pkg-importer=node --style=compressed --no-source-map --quiet-deps \
    assets/peel.scss "$target.tmp")
  mv -f "$target.tmp" "$target"
  CHANGED=1
  log web-assets "built static/dist/peel.css ($(wc -c <"$target") bytes) in $(elapsed_since "$started")"
}

# copy SOURCE TARGET -> copy when TARGET is missing or older than SOURCE or the last npm ci (npm gives the
# files it unpacks a fixed old mtime, so a new package version alone would not look newer)
copy() {
  stale "$2" "$1" "$INSTALLED" || return 0
  mkdir -p "$(dirname "$2")"
  cp -f "$1" "$2.tmp"
  mv -f "$2.tmp" "$2"
  CHANGED=1
}

copy_files() {
  local image
  copy "$GOVUK/govuk-frontend.min.js" "$DIST/govuk-frontend.min.js"
  copy "$WEB_DIR/assets/init.mjs" "$DIST/init.mjs"
  copy "$GOVUK/assets/manifest.json" "$DIST/assets/manifest.json"
  # Images only: Peel uses Arial, so GOV.UK's GDS Transport fonts are not shipped.
  for image in "$GOVUK"/assets/images/*; do
    copy "$image" "$DIST/assets/images/$(basename "$image")"
  done
}

do_build() {
  install_modules
  mkdir -p "$DIST"
  build_css
  copy_files
  if ((CHANGED)); then
    log web-assets "built into $DIST"
  else
    log web-assets "up to date ($DIST)"
  fi
}

do_clean() {
  rm -rf "$DIST"
  log web-assets "removed $DIST"
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    build) with_lock web-assets do_build ;;
    clean) with_lock web-assets do_clean ;;
    -h | --help | help) usage ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
