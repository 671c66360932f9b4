import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger remembers of social posts between polls, in the workflow's static data.
 * Times are RawUGC's own `createdAt` (ms), never this machine's clock. Bounded.
 */
export interface PostMemory {
	/** Posts created up to this time (ms) that are not in `pending` never fire: they were dealt with. */
	floorMs: number;
	/** Posts seen not finished yet (scheduled): id -> createdAt. They fire when they finish. */
	pending: Record<string, number>;
	/** Posts seen finished above the floor: id -> createdAt. Never fire again. */
	done: Record<string, number>;
}

const MEMORY_KEY = 'postFinished';
const MAX_DONE = 1000;
const MAX_PENDING = 1000;

const isIdTimes = (value: unknown): value is Record<string, number> =>
	!!value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((at) => typeof at === 'number');

/** The memory as the static data holds it; undefined before the first poll (or when unreadable). */
export function loadPostMemory(staticData: IDataObject): PostMemory | undefined {
	const raw = staticData[MEMORY_KEY] as Partial<PostMemory> | undefined;
	if (!raw || typeof raw.floorMs !== 'number' || !isIdTimes(raw.pending) || !isIdTimes(raw.done)) return undefined;
	return { floorMs: raw.floorMs, pending: { ...raw.pending }, done: { ...raw.done } };
}

/** Keeps the newest entries; what `done` drops raises the floor, so it cannot fire again. */
function bound(memory: PostMemory): PostMemory {
	const byNewest = (entries: Record<string, number>) => Object.entries(entries).sort(([, a], [, b]) => b - a);
	const done = byNewest(memory.done);
	const dropped = done.slice(MAX_DONE);
	const floorMs = Math.max(memory.floorMs, ...dropped.map(([, at]) => at));
	return {
		floorMs,
		pending: Object.fromEntries(byNewest(memory.pending).slice(0, MAX_PENDING)),
		done: Object.fromEntries(done.slice(0, MAX_DONE)),
	};
}

export function savePostMemory(staticData: IDataObject, memory: PostMemory): void {
	// A new object, so n8n's change tracking sees the write.
	staticData[MEMORY_KEY] = bound(memory) as unknown as IDataObject;
}
