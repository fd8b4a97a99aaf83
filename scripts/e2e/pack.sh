#!/usr/bin/env bash
# Build the package and `npm pack` it; prints the absolute .tgz path as the last stdout line.
#   scripts/e2e/pack.sh [dest-dir]     (default: <repo>/.e2e-tmp/pack, git-ignored)
# Set N8N_E2E_SKIP_BUILD=1 to pack the current dist/ without building.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="${1:-$ROOT/.e2e-tmp/pack}"
cd "$ROOT"
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
