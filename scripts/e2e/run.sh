#!/usr/bin/env bash
# Whole real-n8n e2e run: install n8n versions (idempotent, cached), pack this package, run jest.
#   scripts/e2e/run.sh [extra jest args...]
# Env: N8N_E2E_VERSIONS (default "1.123.81,2.41.1"), N8N_E2E_CACHE (install cache),
#      N8N_E2E_BUDGET (seconds for the whole run, default 3000 = 50 min),
#      N8N_E2E_SKIP_PACK=1 (run only with the test fixture package), N8N_E2E_SKIP_BUILD=1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export N8N_E2E_VERSIONS="${N8N_E2E_VERSIONS:-1.123.81,2.41.1}"
BUDGET="${N8N_E2E_BUDGET:-3000}"
START=$SECONDS
remaining() { echo $(( BUDGET - (SECONDS - START) )); }

# Every process group the harness starts is recorded here and killed on the way out, whatever
# happens to jest.
mkdir -p "$ROOT/.e2e-tmp"
export N8N_E2E_PIDFILE="$ROOT/.e2e-tmp/pids.$$"
: > "$N8N_E2E_PIDFILE"
cleanup() {
  if [ -f "$N8N_E2E_PIDFILE" ]; then
    while read -r pgid; do
      [ -n "$pgid" ] && kill -KILL -- "-$pgid" 2>/dev/null || true
    done < "$N8N_E2E_PIDFILE"
    rm -f "$N8N_E2E_PIDFILE"
  fi
}
trap cleanup EXIT

IFS=',' read -r -a versions <<< "$N8N_E2E_VERSIONS"
for v in "${versions[@]}"; do
  t0=$SECONDS
  timeout --kill-after=30 "$(remaining)" "$ROOT/scripts/e2e/install-n8n.sh" "$v" >&2
  echo "[e2e] n8n $v ready in $((SECONDS - t0)) s" >&2
done

if [ "${N8N_E2E_SKIP_PACK:-0}" != "1" ]; then
  t0=$SECONDS
  tgz="$("$ROOT/scripts/e2e/pack.sh" | tail -n1)"
  export N8N_E2E_PACKAGE_TGZ="$tgz"
  echo "[e2e] packed $tgz in $((SECONDS - t0)) s" >&2
fi

left="$(remaining)"
if [ "$left" -lt 120 ]; then echo "[e2e] ERROR: time budget exhausted before the tests" >&2; exit 1; fi
t0=$SECONDS
set +e
timeout --kill-after=30 "$left" npx --no-install jest -c jest.e2e.config.js --runInBand "$@"
rc=$?
set -e
echo "[e2e] jest exited $rc after $((SECONDS - t0)) s; whole run $((SECONDS - START)) s" >&2
[ "$rc" -eq 124 ] && echo "[e2e] ERROR: jest hit the time budget" >&2
exit "$rc"
