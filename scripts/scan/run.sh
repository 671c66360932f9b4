#!/usr/bin/env bash
# n8n's community package scanner (@n8n/scan-community-package, the rules n8n applies before it
# verifies a package) on this checkout: its source file patterns on the repo, and its tarball
# patterns on the extracted `npm pack` tarball. The scanner itself fetches the published package
# and its provenance from the registry; this runs the same analysis on what would be published.
# The scanner is installed once into a cache folder with --ignore-scripts (its dependencies carry
# native install scripts that are not needed to lint). Exits non-zero on any violation.
#   RAWUGC_SCAN_SKIP_BUILD=1 packs the dist/ already built.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
scanner_version="0.32.0"
cache="${RAWUGC_E2E_CACHE:-$HOME/.cache/n8n-nodes-rawugc}"
scanner_dir="$cache/scan-community-package-$scanner_version"
log() { echo "[scan] $*" >&2; }

if [[ ! -f "$scanner_dir/.installed" ]]; then
	started=$SECONDS
	log "installing @n8n/scan-community-package@$scanner_version into $scanner_dir"
	rm -rf "$scanner_dir" && mkdir -p "$scanner_dir"
	echo '{ "private": true }' >"$scanner_dir/package.json"
	npm install --prefix "$scanner_dir" --ignore-scripts --no-audit --no-fund --loglevel=error \
		"@n8n/scan-community-package@$scanner_version" >&2
	touch "$scanner_dir/.installed"
	log "installed in $((SECONDS - started)) s"
fi

cd "$repo"
# The scanner ignores inline eslint comments, so node code must pass without them.
if grep -rn "eslint-disable" nodes credentials; then
	log "eslint-disable comments in node code (above): n8n's scanner ignores them"
	exit 1
fi
if [[ "${RAWUGC_SCAN_SKIP_BUILD:-}" != 1 ]]; then
	npm run --silent build >/dev/null
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"
mkdir "$work/package"
tar -xzf "$work/$tarball" -C "$work/package" --strip-components=1
log "packed $tarball"

exec "$repo/scripts/node24" "$repo/scripts/scan/scan.mjs" \
	"$scanner_dir/node_modules/@n8n/scan-community-package" "$repo" "$work/package" "$work/canary"
