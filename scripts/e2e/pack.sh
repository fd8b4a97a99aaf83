#!/usr/bin/env bash
# Build the package and `npm pack` it; prints the absolute .tgz path as the last stdout line.
#   scripts/e2e/pack.sh [dest-dir]     (default: <repo>/.e2e-tmp/pack, git-ignored)
# Set N8N_E2E_SKIP_BUILD=1 to pack the current dist/ without building.
# Set N8N_E2E_FROM=<git rev> (e.g. HEAD) to build and pack that commit instead of the work tree
# (a `git archive` copy using this checkout's node_modules; the work tree is not touched).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="${1:-$ROOT/.e2e-tmp/pack}"
cd "$ROOT"
if [ -n "${N8N_E2E_FROM:-}" ]; then
  SNAP="$ROOT/.e2e-tmp/snapshot"
  rm -rf "$SNAP"; mkdir -p "$SNAP"
  git -C "$ROOT" archive "$N8N_E2E_FROM" | tar -x -C "$SNAP"
  ln -s "$ROOT/node_modules" "$SNAP/node_modules"
  echo "[pack] building $(git -C "$ROOT" rev-parse --short "$N8N_E2E_FROM") from a snapshot in $SNAP" >&2
  cd "$SNAP"
fi
if [ "${N8N_E2E_SKIP_BUILD:-0}" != "1" ]; then
  echo "[pack] npm run build" >&2
  if ! npm run build >&2; then
    echo "[pack] ERROR: 'npm run build' failed: the package cannot be packed for the e2e tests" >&2
    exit 1
  fi
fi
rm -rf "$DEST"; mkdir -p "$DEST"
# --ignore-scripts: the build already ran; no prepack/prepare hooks in a test pack.
json="$(npm pack --json --ignore-scripts --pack-destination "$DEST")"
file="$(printf '%s' "$json" | node -e 'let s="";process.stdin.on("data",c=>s+=c).on("end",()=>console.log(JSON.parse(s)[0].filename))')"
tgz="$DEST/$file"
[ -f "$tgz" ] || { echo "[pack] ERROR: npm pack produced no $tgz" >&2; exit 1; }
echo "[pack] $(du -h "$tgz" | cut -f1) $tgz" >&2
echo "$tgz"
