import type { Job, JobKind } from '../../RawUgc/kinds/kind';
import { jobCreatedAtMs, jobId, readJobList } from '../../RawUgc/kinds/read';
import type { RawUgcApi } from '../../RawUgc/transport/api';

/** Page size and page cap of one poll's list calls (tests lower the page size). */
export const listLimits = { pageSize: 100, maxPages: 10 };

export interface Listing {
	/** The jobs seen, newest first, each once. */
	jobs: Job[];
	/**
	 * How far back the listing is complete: every job created after this (ms) was listed.
	 * -Infinity when the whole list was read.
	 */
	completeAfterMs: number;
}

export interface ListRequest {
	/** Stop once a page reaches jobs created before this (ms); undefined: the first page only. */
	backToMs?: number;
	/** A 429 is waited out only until this moment (ms epoch); no new page is asked for after it either. */
	deadlineMs: number;
}

/**
 * Lists one kind's jobs newest first (the API's order), page after page, until the pages reach
 * `backToMs`, the list ends, the page cap is reached or the deadline passes: each page is one
 * request through the key's shared pacer.
 */
export async function listBackTo(api: RawUgcApi, kind: JobKind, request: ListRequest): Promise<Listing> {
	const jobs: Job[] = [];
	const ids = new Set<string>();
	let oldestMs = Infinity;
	for (let page = 1; ; page++) {
		const body = await api.request({
			method: 'GET',
			path: kind.path,
			qs: { limit: listLimits.pageSize, page },
			what: `listing ${kind.noun}s`,
			deadlineMs: request.deadlineMs,
		});
		const { jobs: pageJobs, raw, hasMore } = readJobList(kind, body);
		for (const job of pageJobs) {
			// A job created while paging pushes the others down: the next page repeats one.
			if (ids.has(jobId(kind, job))) continue;
			ids.add(jobId(kind, job));
			jobs.push(job);
			oldestMs = Math.min(oldestMs, jobCreatedAtMs(job) ?? oldestMs);
		}
		if (!hasMore || raw.length === 0) return { jobs, completeAfterMs: -Infinity };
		const reached = request.backToMs === undefined || oldestMs < request.backToMs;
		const outOfPages = page >= listLimits.maxPages || Date.now() >= request.deadlineMs;
		if (reached || outOfPages) return { jobs, completeAfterMs: oldestMs };
	}
}
