#!/usr/bin/env bash
# The package in n8n's queue mode, end to end (test/e2e/queue-mode.queue.test.js):
# PostgreSQL + Redis (Debian packages, started as plain processes with throw-away data on free
# 127.0.0.1 ports), then per n8n version one main, two workers and two webhook processors.
#
#   scripts/e2e/queue.sh [extra jest args...]
#   N8N_E2E_VERSIONS=1.123.81,2.41.1 scripts/e2e/queue.sh     # both versions (default: both)
#
# Env: N8N_E2E_VERSIONS, N8N_E2E_BUDGET (seconds, default 3000), N8N_QUEUE_SENDS (default 1000),
#      N8N_QUEUE_DUP_ROUNDS (default 5), N8N_E2E_SKIP_BUILD=1, N8N_E2E_KEEP=1 (keep temp folders).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# PostgreSQL and Redis from the distribution, installed only when missing (idempotent).
need=()
compgen -G '/usr/lib/postgresql/*/bin/postgres' > /dev/null || need+=(postgresql)
command -v redis-server > /dev/null || need+=(redis-server)
command -v runuser > /dev/null || need+=(util-linux)
if [ "${#need[@]}" -gt 0 ]; then
  echo "[queue] installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  # The packages' own system services are not used: the tests start their own processes.
  $SUDO apt-get install -y -qq "${need[@]}" >&2
fi

exec "$ROOT/scripts/e2e/run.sh" --testMatch '**/test/e2e/**/*.queue.test.js' "$@"
