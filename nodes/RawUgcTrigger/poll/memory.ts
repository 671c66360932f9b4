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
	/**
	 * Stretches of creation times a poll wanted and could not list (its budget or page cap ran
	 * out): a job created in one, not known, is new when a later poll sees it.
	 */
	gaps: Gap[];
	/**
	 * The list's order as seen (RawUGC does not document it): `newestFirst` once two pages in a
	 * row were, `disordered` once any page was not. Until it is known, polls read every page they can.
	 */
	listOrder?: ListOrder;
}

export type ListOrder = 'newestFirst' | 'disordered';

/** Jobs created from `fromMs` to `toMs` (ms, both included) may not have been seen yet. */
export interface Gap {
	fromMs: number;
	toMs: number;
	/** Where its first unseen job was in the list (from 0), and the list's total then: a later poll reads on from there. */
	index?: number;
	total?: number;
}

/** Jobs created up to this long before the newest one seen are checked against `known`, not the time alone. */
export const OVERLAP_MS = 60_000;
/** A job still unfinished this long after the newest job seen is no longer watched (videos take minutes). */
export const PENDING_MAX_AGE_MS = 24 * 60 * 60_000;
/** How much is kept at most (a cut-short listing of 10 pages of 100 may leave 1,000 known ids in a gap). */
export const memoryLimits = { maxPending: 500, maxKnown: 1500, maxGaps: 20 };

const MEMORY_KEY = 'jobFinished';

function isIdTimes(value: unknown): value is Record<string, number> {
	return !!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'number');
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function readGaps(raw: unknown): Gap[] {
	if (!Array.isArray(raw)) return [];
	return raw
		.filter((gap: Partial<Gap>) => gap && isNumber(gap.fromMs) && isNumber(gap.toMs))
		.map((gap: Gap) => ({
			fromMs: gap.fromMs,
			toMs: gap.toMs,
			...(isNumber(gap.index) && isNumber(gap.total) ? { index: gap.index, total: gap.total } : {}),
		}));
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
		gaps: readGaps(memory.gaps),
		...(memory.listOrder === 'newestFirst' || memory.listOrder === 'disordered' ? { listOrder: memory.listOrder } : {}),
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

/**
 * Replaces what is remembered with the memory of the kinds polled: a kind no longer chosen is
 * forgotten, so choosing it again later starts like an activation (nothing finished meanwhile fires).
 */
export function saveMemory(staticData: IDataObject, memories: Record<string, KindMemory>): void {
	// A new object, so n8n's change tracking sees the write.
	staticData[MEMORY_KEY] = { ...(memories as unknown as IDataObject) };
}

/** The `size` entries with the newest times. */
function newest(entries: Record<string, number>, size: number): Record<string, number> {
	const sorted = Object.entries(entries).sort(([, a], [, b]) => b - a);
	return Object.fromEntries(sorted.slice(0, size));
}

/** A job created then is in one of the gaps. */
export function inGap(gaps: readonly Gap[], createdAtMs: number): boolean {
	return gaps.some((gap) => createdAtMs >= gap.fromMs && createdAtMs <= gap.toMs);
}

/** How far back a poll must list: to the oldest job it still watches, or the overlap before the newest seen. */
export function listingCutoff(memory: KindMemory): number {
	return Math.min(memory.newestMs - OVERLAP_MS, ...Object.values(memory.pending));
}

/**
 * Drops what can no longer matter, so the memory stays small however long the trigger runs:
 * known ids only near the newest job or in a gap (elsewhere the times alone decide), watched
 * jobs only for a day, and the newest gaps.
 */
export function bound(memory: KindMemory): KindMemory {
	const gaps = [...memory.gaps].sort((a, b) => b.toMs - a.toMs).slice(0, memoryLimits.maxGaps);
	const mayRecur = (at: number) => at >= memory.newestMs - OVERLAP_MS || inGap(gaps, at);
	const known = Object.fromEntries(Object.entries(memory.known).filter(([, at]) => mayRecur(at)));
	const pending = Object.fromEntries(
		Object.entries(memory.pending).filter(([, at]) => at >= memory.newestMs - PENDING_MAX_AGE_MS),
	);
	const keptPending = newest(pending, memoryLimits.maxPending);
	const downloadTries = Object.fromEntries(Object.entries(memory.downloadTries).filter(([id]) => id in keptPending));
	return {
		newestMs: memory.newestMs,
		pending: keptPending,
		known: newest(known, memoryLimits.maxKnown),
		downloadTries,
		gaps,
		...(memory.listOrder ? { listOrder: memory.listOrder } : {}),
	};
}
