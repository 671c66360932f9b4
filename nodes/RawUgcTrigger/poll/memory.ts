import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers of one kind between polls, in the workflow's static data. Times
 * are the API's own `createdAt` (ms), never this machine's clock, so a clock skew cannot open
 * or close a gap. Everything in it is bounded.
 */
export interface KindMemory {
	/** The newest `createdAt` seen so far; 0 when no job was ever seen. */
	newestMs: number;
	/** Jobs seen unfinished, or finished but not yet passed on: id -> createdAt. Looked for again. */
	pending: Record<string, number>;
	/** Jobs already dealt with near `newestMs` (within OVERLAP_MS): id -> createdAt. Never fire again. */
	known: Record<string, number>;
	/** Polls whose download of a finished job failed, by id (only for ids in `pending`). */
	downloadTries: Record<string, number>;
}

/** Jobs created up to this long before the newest one seen are checked against `known`, not the time alone. */
export const OVERLAP_MS = 60_000;
/** A job still unfinished this long after the newest job seen is no longer watched (videos take minutes). */
export const PENDING_MAX_AGE_MS = 24 * 60 * 60_000;
const MAX_PENDING = 500;
const MAX_KNOWN = 500;

const MEMORY_KEY = 'jobFinished';

function isIdTimes(value: unknown): value is Record<string, number> {
	return !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'number');
}

function readKindMemory(raw: unknown): KindMemory | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const memory = raw as Partial<KindMemory>;
	if (typeof memory.newestMs !== 'number' || !isIdTimes(memory.pending) || !isIdTimes(memory.known)) return undefined;
	return {
		newestMs: memory.newestMs,
		pending: { ...memory.pending },
		known: { ...memory.known },
		downloadTries: isIdTimes(memory.downloadTries) ? { ...memory.downloadTries } : {},
	};
}

/** Each kind's memory as the node's static data holds it; a kind never polled (or unreadable) is absent. */
export function loadMemory(staticData: IDataObject): Record<string, KindMemory | undefined> {
	const stored = staticData[MEMORY_KEY];
	const byKind: Record<string, KindMemory | undefined> = {};
	if (!stored || typeof stored !== 'object') return byKind;
	for (const [kind, raw] of Object.entries(stored)) byKind[kind] = readKindMemory(raw);
	return byKind;
}

/** Replaces the remembered state of the given kinds (the others are kept as they were). */
export function saveMemory(staticData: IDataObject, memories: Record<string, KindMemory>): void {
	const stored = (staticData[MEMORY_KEY] && typeof staticData[MEMORY_KEY] === 'object' ? staticData[MEMORY_KEY] : {}) as IDataObject;
	// A new object, so n8n's change tracking sees the write.
	staticData[MEMORY_KEY] = { ...stored, ...(memories as unknown as IDataObject) };
}

/** Forgets everything: a new activation does not replay what finished before it. */
export function clearMemory(staticData: IDataObject): void {
	staticData[MEMORY_KEY] = {};
}

/** The `size` entries with the newest times. */
function newest(entries: Record<string, number>, size: number): Record<string, number> {
	const sorted = Object.entries(entries).sort(([, a], [, b]) => b - a);
	return Object.fromEntries(sorted.slice(0, size));
}

/** Drops what can no longer matter, so the memory stays small however long the trigger runs. */
export function bound(memory: KindMemory): KindMemory {
	const known = Object.fromEntries(Object.entries(memory.known).filter(([, at]) => at >= memory.newestMs - OVERLAP_MS));
	const pending = Object.fromEntries(
		Object.entries(memory.pending).filter(([, at]) => at >= memory.newestMs - PENDING_MAX_AGE_MS),
	);
	const keptPending = newest(pending, MAX_PENDING);
	const downloadTries = Object.fromEntries(Object.entries(memory.downloadTries).filter(([id]) => id in keptPending));
	return { newestMs: memory.newestMs, pending: keptPending, known: newest(known, MAX_KNOWN), downloadTries };
}
