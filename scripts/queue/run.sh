#!/usr/bin/env bash
# npm run test:queue: the package in real n8n 2.41.1 in queue mode (Redis, one main, two workers).
# Installs Debian's redis-server if missing (needs root and apt), then runs test/queue/run.tsx under
# Node 24 within a hard time limit. Whatever that run started and left running (a crash, a kill)
# is ended here, by the pids it recorded. Exits non-zero on any failure.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
limit_s="${RAWUGC_QUEUE_TIMEOUT_S:-900}"

if ! command -v "${RAWUGC_QUEUE_REDIS_SERVER:-redis-server}" >/dev/null; then
	echo "[queue] redis-server missing: apt-get install -y redis-server" >&2
	started=$SECONDS
	if [[ $(id -u) -eq 0 ]]; then sudo=""; else sudo="sudo"; fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
	echo "[queue] redis-server installed in $((SECONDS - started)) s" >&2
fi

pidfile="$(mktemp)"
end_leftovers() {
	local pid
	while read -r pid; do
		if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
			echo "[queue] ending leftover process $pid" >&2
			kill -TERM "$pid" 2>/dev/null || true
			sleep 2
			kill -KILL "$pid" 2>/dev/null || true
		fi
	done <"$pidfile"
	rm -f "$pidfile"
}
trap end_leftovers EXIT

# run.tsx stops everything itself at limit_s; `timeout` is the backstop if it cannot.
RAWUGC_QUEUE_PIDFILE="$pidfile" RAWUGC_QUEUE_TIMEOUT_S="$limit_s" \
	timeout --kill-after=20 "$((limit_s + 60))" \
	"$repo/scripts/node24" "$repo/node_modules/ts-node/dist/bin.js" --transpile-only "$repo/test/queue/run.tsx"
