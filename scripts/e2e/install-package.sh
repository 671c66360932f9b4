#!/usr/bin/env bash
# Installs this package into an n8n user folder the way n8n's community package installer does:
# build, npm pack, extract into <user folder>/.n8n/nodes/node_modules/<name>, drop dev/peer/optional
# dependencies, npm install --ignore-scripts --install-strategy=shallow.
# Usage: install-package.sh <n8n user folder>
#   RAWUGC_E2E_SKIP_BUILD=1 reuses dist/; RAWUGC_E2E_PACKAGE_DIR=<dir> packs another checkout (default: this repo).
set -euo pipefail

user_folder="${1:?usage: install-package.sh <n8n user folder>}"
repo="$(cd "$(dirname "$0")/../.." && pwd)"
log() { echo "[install-package] $*" >&2; }

cd "${RAWUGC_E2E_PACKAGE_DIR:-$repo}"
if [[ "${RAWUGC_E2E_SKIP_BUILD:-}" != 1 ]]; then
	log "npm run build"
	npm run build >&2
fi

pack_dir="$(mktemp -d)"
trap 'rm -rf "$pack_dir"' EXIT
tarball="$(npm pack --silent --pack-destination "$pack_dir" | tail -n 1)"
log "packed $tarball"
name="$(node -p "require('./package.json').name")"

nodes_dir="$user_folder/.n8n/nodes"
target="$nodes_dir/node_modules/$name"
rm -rf "$target"
mkdir -p "$target"
tar -xzf "$pack_dir/$tarball" -C "$target" --strip-components=1

node -e '
	const fs = require("fs");
	const file = process.argv[1];
	const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
	for (const key of ["devDependencies", "peerDependencies", "optionalDependencies"]) delete pkg[key];
	fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
' "$target/package.json"

(cd "$target" && npm install --ignore-scripts --install-strategy=shallow --no-audit --no-fund --loglevel=error >&2)

# The nodes folder's own package.json, as n8n's installer leaves it, listing the package.
version="$(node -p "require('$target/package.json').version")"
node -e '
	const fs = require("fs");
	const [file, name, version] = process.argv.slice(1);
	const pkg = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : { name: "installed-nodes", private: true };
	pkg.dependencies = { ...(pkg.dependencies ?? {}), [name]: version };
	fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
' "$nodes_dir/package.json" "$name" "$version"

log "installed $name@$version into $target"
echo "$target"
