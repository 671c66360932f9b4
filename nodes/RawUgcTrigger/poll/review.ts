import { FINISHED_STATUSES, type Job, type JobKind } from '../../RawUgc/kinds/kind';
import { jobCreatedAtMs, jobId } from '../../RawUgc/kinds/read';
import type { Listing } from './listing';
import { inGap, OVERLAP_MS, type KindMemory } from './memory';

export interface Review {
	/** Finished jobs in a chosen status, seen finished for the first time: they fire (or wait for the next poll). */
	due: Job[];
	/** The memory once every due job has been passed on; `settle` adjusts it for the ones that were not. */
	next: KindMemory;
}

/**
 * Decides, from one kind's listing and what was remembered, which jobs fire now. A job fires
 * once: when it is first seen finished, if it was watched (seen unfinished) or is new (created
 * after what the last poll saw, or in a stretch an earlier poll could not list, and not already
 * dealt with). Without a memory (the first poll of an activation) nothing fires: what exists is
 * recorded, and unfinished jobs are watched.
 */
export function review(kind: JobKind, memory: KindMemory | undefined, listing: Listing, statuses: ReadonlySet<string>): Review {
	const next: KindMemory = {
		newestMs: memory?.newestMs ?? 0,
		pending: { ...memory?.pending },
		known: { ...memory?.known },
		downloadTries: { ...memory?.downloadTries },
		// What this listing could not reach stays to be read; the old gaps it read are closed.
		gaps: listing.unseen,
		...(listing.order ? { listOrder: listing.order } : memory?.listOrder ? { listOrder: memory.listOrder } : {}),
	};
	const windowStartMs = (memory?.newestMs ?? 0) - OVERLAP_MS;
	const due: Job[] = [];
	const listed = new Set<string>();
	for (const job of listing.jobs) {
		const id = jobId(kind, job);
		listed.add(id);
		// A job without createdAt is placed at the newest edge: the known ids then guard it.
		const createdAtMs = jobCreatedAtMs(job) ?? next.newestMs;
		const watched = id in next.pending;
		const isNew = !watched && !(id in next.known) && (createdAtMs >= windowStartMs || inGap(memory?.gaps ?? [], createdAtMs));
		next.newestMs = Math.max(next.newestMs, createdAtMs);
		if (!watched && !isNew) continue;
		if (!FINISHED_STATUSES.has(String(job.status))) {
			next.pending[id] = createdAtMs;
			continue;
		}
		// Its download tries stay until the memory is bounded: a postponed job needs the count.
		delete next.pending[id];
		next.known[id] = createdAtMs;
		if (memory && statuses.has(String(job.status))) due.push(job);
	}
	// A watched job the listing should have shown but did not is gone (deleted): stop watching it.
	const shouldHaveShown = (at: number) => listing.covered.some((stretch) => at > stretch.fromMs && at < stretch.toMs);
	for (const [id, createdAtMs] of Object.entries(next.pending)) {
		if (!listed.has(id) && shouldHaveShown(createdAtMs)) {
			delete next.pending[id];
			delete next.downloadTries[id];
		}
	}
	return { due, next };
}

/** A due job that was not passed on this poll (its download failed or time ran out): watch it again. */
export function postpone(kind: JobKind, memory: KindMemory, job: Job, downloadFailed: boolean): void {
	const id = jobId(kind, job);
	memory.pending[id] = memory.known[id];
	delete memory.known[id];
	if (downloadFailed) memory.downloadTries[id] = downloadTries(kind, memory, job) + 1;
}

/** How many earlier polls failed to download this job's file. */
export function downloadTries(kind: JobKind, memory: KindMemory, job: Job): number {
	return memory.downloadTries[jobId(kind, job)] ?? 0;
}
