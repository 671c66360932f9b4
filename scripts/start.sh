#!/usr/bin/env bash
# npm start: this checkout's node in a real n8n 2.41.1 at http://localhost:5678 (scripts/start/start.tsx).
# Ctrl-C stops n8n and whatever else it started.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
exec "$repo/scripts/node24" "$repo/node_modules/ts-node/dist/bin.js" --transpile-only "$repo/scripts/start/start.tsx"
