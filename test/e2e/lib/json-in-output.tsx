// n8n prints log lines around the JSON it was asked for; this finds the JSON objects in such text.

/** Every top-level JSON object in `text`, in order, skipping whatever is not JSON around them. */
export function jsonObjectsIn(text: string): unknown[] {
	const found: unknown[] = [];
	let index = 0;
	while (index < text.length) {
		const start = text.indexOf('{', index);
		if (start < 0) break;
		const end = matchingBrace(text, start);
		if (end > start) {
			try {
				found.push(JSON.parse(text.slice(start, end + 1)));
				index = end + 1;
				continue;
			} catch {
				// Not JSON after all (a brace inside a log line): look further.
			}
		}
		index = start + 1;
	}
	return found;
}

/** The index of the brace closing the one at `start`, honouring JSON strings; -1 if none. */
function matchingBrace(text: string, start: number): number {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const char = text[i];
		if (inString) {
			if (char === '\\') i++;
			else if (char === '"') inString = false;
		} else if (char === '"') inString = true;
		else if (char === '{' || char === '[') depth++;
		else if (char === '}' || char === ']') {
			depth--;
			if (depth === 0) return char === '}' ? i : -1;
			if (depth < 0) return -1;
		}
	}
	return -1;
}

/** Terminal colour codes, which n8n's console logger puts on every line. */
export function stripAnsi(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** JSON objects in the text, and in the `message` of JSON log lines (n8n's file log holds its output there). */
function candidatesIn(text: string): unknown[] {
	const candidates: unknown[] = [];
	for (const value of jsonObjectsIn(stripAnsi(text))) {
		candidates.push(value);
		const message = (value as { message?: unknown }).message;
		if (typeof message === 'string' && message.includes('{')) candidates.push(...jsonObjectsIn(message));
	}
	return candidates;
}

/** The largest JSON object in `text` that passes `accept`, or undefined. */
export function largestJsonObject<T>(text: string, accept: (value: unknown) => value is T): T | undefined {
	let best: { value: T; size: number } | undefined;
	for (const value of candidatesIn(text)) {
		if (!accept(value)) continue;
		const size = JSON.stringify(value).length;
		if (!best || size > best.size) best = { value, size };
	}
	return best?.value;
}
