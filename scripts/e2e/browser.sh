#!/usr/bin/env bash
# Browser tests of the editor: for each n8n version (N8N_E2E_VERSIONS, default both), a fresh n8n with
# this package and the sandbox provider, driven by Debian's Chromium through playwright-core
# (test/browser). Installs chromium with apt-get when it is missing (idempotent).
#   scripts/e2e/browser.sh [extra jest args...]
# Env: N8N_E2E_VERSIONS, N8N_E2E_SKIP_BUILD=1 (pack the current dist/), CHROMIUM_PATH.
# Screenshots and the clicks table: .e2e-tmp/browser/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export N8N_E2E_VERSIONS="${N8N_E2E_VERSIONS:-1.123.81,2.41.1}"
START=$SECONDS

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "[browser] installing chromium (apt-get)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
fi
export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium)}"
echo "[browser] $("$CHROMIUM_PATH" --version 2>/dev/null | head -n1)" >&2

mkdir -p "$ROOT/.e2e-tmp"
export N8N_E2E_PIDFILE="$ROOT/.e2e-tmp/pids.browser.$$"
: > "$N8N_E2E_PIDFILE"
cleanup() {
  if [ -f "$N8N_E2E_PIDFILE" ]; then
    while read -r pgid; do [ -n "$pgid" ] && kill -KILL -- "-$pgid" 2>/dev/null || true; done < "$N8N_E2E_PIDFILE"
    rm -f "$N8N_E2E_PIDFILE"
  fi
}
trap cleanup EXIT

IFS=',' read -r -a versions <<< "$N8N_E2E_VERSIONS"
for v in "${versions[@]}"; do "$ROOT/scripts/e2e/install-n8n.sh" "$v" >&2; done
tgz="$("$ROOT/scripts/e2e/pack.sh" "$ROOT/.e2e-tmp/browser-pack" | tail -n1)"
export N8N_E2E_PACKAGE_TGZ="$tgz"

set +e
timeout --kill-after=30 1500 npx --no-install jest -c jest.browser.config.js --runInBand "$@"
rc=$?
set -e
echo "[browser] jest exited $rc; whole run $((SECONDS - START)) s (n8n ${N8N_E2E_VERSIONS})" >&2
exit "$rc"
