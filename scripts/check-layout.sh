#!/usr/bin/env bash
# Keeps the layout that lets `n8n-node lint` (n8n's default eslint.config.mjs, strict mode) pass:
# that config lints every `*.ts` of the repository with the rules for node code (no process, no
# setTimeout, no node:fs...). So:
#   - node code (nodes/, credentials/) is `.ts`, and only `.ts` (plus its .json/.svg/.png): the lint
#     and n8n's scanner (`{nodes,credentials}/**/*.{js,ts,json}`) must see every line of it;
#   - tests, bench and scripts (test/, bench/, scripts/) are TypeScript as `.tsx`: typed by
#     test/tsconfig.json, run by jest and ts-node, and matched by no `files` pattern of that config.
# Without arguments it lists what breaks the layout and the exact commands that fix it, and exits 1.
#   --fix   renames test/bench/scripts `.ts` files to `.tsx` (git mv when tracked), rewrites the
#           references to them by name (`'cli.ts'` -> `'cli.tsx'`) and the generic arrow functions
#           `.tsx` would read as JSX (`async <T>(` -> `async <T,>(`), then checks again.
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
fix=0
[[ "${1:-}" == --fix ]] && fix=1
problems=0
say() { echo "[layout] $*" >&2; }

support_dirs=(test bench scripts)
# Files git knows or would add (new files of a branch count too), never node_modules or dist.
list() { git ls-files --cached --others --exclude-standard -- "$@" | while read -r f; do [[ -f $f ]] && echo "$f"; done; }

# 1. Node code stays where both linters look.
while read -r f; do
	say "node code must be .ts (n8n-node lint and n8n's scanner skip this file): $f"
	problems=$((problems + 1))
done < <(list nodes credentials | grep -E '\.(tsx|cts|mts|js|cjs|mjs|jsx)$')

# 2. Tests, bench and scripts: .tsx, not .ts.
mapfile -t wrong < <(list "${support_dirs[@]}" | grep -E '\.ts$')
for f in "${wrong[@]}"; do
	if [[ $f == *.d.ts ]]; then
		say "declaration file $f: n8n-node lint would lint it; put its types in a .tsx module instead"
		problems=$((problems + 1))
		continue
	fi
	if [[ $fix == 1 ]]; then
		if git ls-files --error-unmatch -- "$f" >/dev/null 2>&1; then git mv -- "$f" "${f}x"; else mv -- "$f" "${f}x"; fi
		say "renamed $f -> ${f}x"
	else
		say "n8n-node lint lints it with the node rules; rename: git mv $f ${f}x"
		problems=$((problems + 1))
	fi
done

# 3. References by name to what is now .tsx: 'cli.ts' in a spawn, a path in a shell script. A bare
#    name node code also has (video.ts) may mean that file, so it counts only as a path (bench/video.ts).
node_basenames="$(list nodes credentials | grep -E '\.ts$' | xargs -r -n1 basename | sort -u)"
mapfile -t referrers < <(list "${support_dirs[@]}" package.json jest.config.js README.md .ci .github docs |
	grep -vE '\.(png|svg|json)$' | grep -v '^scripts/check-layout.sh$'; echo package.json)
mapfile -t moved < <(list "${support_dirs[@]}" | grep -E '\.tsx$')
esc() { sed 's/[.[\*^$/]/\\&/g' <<<"$1"; }
declare -A new_path=()
targets=()
for path in "${moved[@]}"; do
	old="${path%x}"
	name="$(basename "$old")"
	[[ -f $old ]] && continue
	new_path[$old]="$path"
	targets+=("$(esc "$old")")
	if ! grep -qxF "$name" <<<"$node_basenames"; then
		new_path[$name]="$path"
		targets+=("$(esc "$name")")
	fi
done
if [[ ${#targets[@]} -gt 0 ]]; then
	names="$(IFS='|'; echo "${targets[*]}")"
	pattern="(^|[^A-Za-z0-9_.-])(${names})([^A-Za-z0-9_]|\$)"
	while IFS=: read -r file line found; do
		[[ -z $file ]] && continue
		old="$(sed -E 's/^[^A-Za-z0-9_.-]//; s/[^A-Za-z0-9_]$//' <<<"$found")"
		if [[ $fix == 1 ]]; then
			sed -E -i "${line}s#(^|[^A-Za-z0-9_.-])$(esc "$old")([^A-Za-z0-9_]|\$)#\\1${old}x\\2#g" "$file"
			say "$file:$line: $old -> ${old}x"
		else
			say "$file:$line names $old, which is now ${new_path[$old]:-${old}x}: scripts/check-layout.sh --fix rewrites it"
			problems=$((problems + 1))
		fi
	done < <(printf '%s\n' "${referrers[@]}" | sort -u | xargs -r grep -noE "$pattern" /dev/null)
fi

# 4. Generic arrow functions: `<T>(` opens a JSX element in a .tsx file; `<T,>(` does not.
while IFS=: read -r file line _; do
	[[ -z $file ]] && continue
	if [[ $fix == 1 ]]; then
		sed -E -i "${line}s/(=|async|\\() *<([A-Za-z_][A-Za-z0-9_]*)> *\\(/\\1 <\\2,>(/g" "$file"
		say "$file:$line: generic arrow function <T> -> <T,>"
	else
		say "$file:$line: a generic arrow function reads as JSX in .tsx: write <T,>( instead of <T>("
		problems=$((problems + 1))
	fi
done < <(list "${support_dirs[@]}" | grep -E '\.tsx$' | xargs -r grep -nE '(=|async|\() *<[A-Za-z_][A-Za-z0-9_]*> *\(' /dev/null)

if [[ $fix == 1 ]]; then exec "$0"; fi
if [[ $problems -gt 0 ]]; then
	say "$problems problem(s). scripts/check-layout.sh --fix applies the renames and rewrites above (README, Development)."
	exit 1
fi
