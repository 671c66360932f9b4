#!/usr/bin/env bash
# npm run test:e2e: the package in real n8n 2.41.1 and 1.123.81, its editor (headless Chromium), and npm start.
# Installs Debian's chromium if missing (needs root and apt), then runs test/e2e/run.tsx under Node 24,
# which installs/reuses the cached n8n, builds, packs, installs and checks. Exits non-zero on any failure.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"

if [[ "${RAWUGC_E2E_SKIP_BROWSER:-}" != 1 && ! -x "${RAWUGC_E2E_CHROMIUM:-/usr/bin/chromium}" ]]; then
	echo "[e2e] chromium missing: apt-get install -y chromium" >&2
	started=$SECONDS
	if [[ $(id -u) -eq 0 ]]; then sudo=""; else sudo="sudo"; fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
	echo "[e2e] chromium installed in $((SECONDS - started)) s" >&2
fi

exec "$repo/scripts/node24" "$repo/node_modules/ts-node/dist/bin.js" --transpile-only "$repo/test/e2e/run.tsx"
