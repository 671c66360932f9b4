import { createHash } from 'node:crypto';

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * What n8n's "Retry On Fail" must not pay for twice: within one run of the node (execution,
 * node, run index) each item's paid or sent requests are remembered, so when n8n runs the node
 * again for the same items (same process, same worker in queue mode) they carry on with what
 * the earlier try started. Only hashes of what was asked are kept, never the request itself.
 */

/**
 * One thing an item asked for: `what` ("image job", "upload"), `request` hashed at once; a
 * function gives it only when the run remembers at all (hashing a file's bytes takes time).
 */
export interface Asked {
	itemIndex: number;
	what: string;
	request: unknown;
}

/** What is remembered: ids and small facts, or a paid answer's JSON; never a request body or a key. */
export type Remembered = Readonly<Record<string, string | number | undefined>>;

/** The memory's bounds; tests lower them. */
export const retryMemoryLimits = {
	/** Entries across every run of every node of this process, least recently used dropped first. */
	maxEntries: 20_000,
	/** Characters of text across every entry (paid answers are kept whole), oldest dropped first. */
	maxChars: 20_000_000,
	/** How long a failed try's memory waits for the retry: n8n waits at most 5 s between tries. */
	graceMs: 5 * 60_000,
};

/** One run of one node in one execution, over its tries. */
interface Scope {
	key: string;
	tries: number;
	maxTries: number;
	/** While a try runs: forever (the entry bound still holds); after: the grace for a retry. */
	keepUntil: number;
}

const scopes = new Map<string, Scope>();
const entries = new Map<string, { scope: string; value: Remembered; chars: number }>();
let heldChars = 0;
const scopeOfRun = new WeakMap<IExecuteFunctions, Scope>();

/** How many entries are held now (for tests and figures). */
export function rememberedCount(): number {
	return entries.size;
}

function stable(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(stable);
	if (!value || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.keys(value)
			.sort()
			.map((key) => [key, stable((value as Record<string, unknown>)[key])]),
	);
}

function entryKey(scope: Scope, asked: Asked): string {
	const request: unknown = typeof asked.request === 'function' ? (asked.request as () => unknown)() : asked.request;
	const hash = createHash('sha256').update(JSON.stringify([asked.itemIndex, asked.what, stable(request)]));
	return `${scope.key}\u0000${hash.digest('hex')}`;
}

function drop(key: string): void {
	heldChars -= entries.get(key)?.chars ?? 0;
	entries.delete(key);
}

const charsOf = (value: Remembered) => Object.values(value).reduce<number>((sum, part) => sum + String(part ?? '').length, 0);

/** One pass over the entries, however many runs end at once. */
function dropScopes(keys: Set<string>): void {
	if (keys.size === 0) return;
	for (const key of keys) scopes.delete(key);
	for (const [entry, held] of entries) if (keys.has(held.scope)) drop(entry);
}

const dropScope = (key: string) => dropScopes(new Set([key]));

function dropExpired(now: number): void {
	dropScopes(new Set([...scopes.values()].filter((scope) => scope.keepUntil < now).map((scope) => scope.key)));
}

/** The item's earlier answer in this run of the node, if a try before this one had one. */
export function recall(ctx: IExecuteFunctions, asked: Asked): Remembered | undefined {
	const scope = scopeOfRun.get(ctx);
	if (!scope) return undefined;
	const key = entryKey(scope, asked);
	const held = entries.get(key);
	if (!held) return undefined;
	entries.delete(key);
	entries.set(key, held);
	return held.value;
}

/** Keeps what the item got (a job id, an upload's URL) for a retry of this run of the node. */
export function remember(ctx: IExecuteFunctions, asked: Asked, value: Remembered): void {
	const scope = scopeOfRun.get(ctx);
	// A run that was cancelled or has ended for good keeps nothing.
	if (!scope || scopes.get(scope.key) !== scope) return;
	const key = entryKey(scope, asked);
	drop(key);
	const chars = charsOf(value);
	entries.set(key, { scope: scope.key, value, chars });
	heldChars += chars;
	for (const oldest of entries.keys()) {
		if (entries.size <= retryMemoryLimits.maxEntries && heldChars <= retryMemoryLimits.maxChars) break;
		drop(oldest);
	}
}

/** A retry must not reuse it (the job failed on the API's side). */
export function forget(ctx: IExecuteFunctions, asked: Asked): void {
	const scope = scopeOfRun.get(ctx);
	if (scope) drop(entryKey(scope, asked));
}

/**
 * n8n's own test for a retry after output: the first item has an `error`. The lines differ:
 * 1.x retries on any `error` but undefined, 2.x not on null or false. The output never carries
 * those (see withoutNoError), so this, 1.x's test, is 2.x's too.
 */
const asksForRetry = (output: INodeExecutionData[][]): boolean => output[0]?.[0]?.json?.error !== undefined;

/**
 * An `error: null` or `false` that an API object carries means "no error": it is left out of
 * the items, so that n8n 1.x does not retry (and run again) a node that succeeded where 2.x
 * would not.
 */
function withoutNoError(output: INodeExecutionData[][]): INodeExecutionData[][] {
	return output.map((items) =>
		items.map((item) => {
			if (item.json?.error !== null && item.json?.error !== false) return item;
			const json = { ...item.json };
			delete json.error;
			return { ...item, json };
		}),
	);
}

/** Where this run of the node keeps its memory; none when n8n will not retry it. */
function openScope(ctx: IExecuteFunctions): Scope | undefined {
	const node = ctx.getNode();
	const executionId = ctx.getExecutionId();
	if (node.retryOnFail !== true || !executionId) return undefined;
	const runIndex = Number(ctx.getWorkflowDataProxy(0).$runIndex ?? 0);
	const key = [executionId, node.id || node.name, runIndex].join('\u0000');
	const now = Date.now();
	dropExpired(now);
	const scope = scopes.get(key) ?? { key, tries: 0, maxTries: Math.min(5, Math.max(2, node.maxTries || 3)), keepUntil: 0 };
	scope.tries++;
	scope.keepUntil = Infinity;
	scopes.set(key, scope);
	scopeOfRun.set(ctx, scope);
	ctx.onExecutionCancellation(() => dropScope(key));
	return scope;
}

/**
 * Runs one try of the node with its memory: kept for the next try only when n8n will make one
 * (the node failed, or its first item is an error item, and tries are left), dropped otherwise.
 */
export async function withRetryMemory(
	ctx: IExecuteFunctions,
	run: () => Promise<INodeExecutionData[][]>,
): Promise<INodeExecutionData[][]> {
	const scope = openScope(ctx);
	if (!scope) return withoutNoError(await run());
	let retryComes = scope.tries < scope.maxTries;
	try {
		const output = withoutNoError(await run());
		retryComes &&= asksForRetry(output);
		return output;
	} finally {
		retryComes &&= scopes.get(scope.key) === scope && !ctx.getExecutionCancelSignal()?.aborted;
		if (retryComes) scope.keepUntil = Date.now() + retryMemoryLimits.graceMs;
		else dropScope(scope.key);
	}
}
