import type { IExecuteFunctions } from 'n8n-workflow';

import { settle } from '../helpers/settle';
import type { Job, JobKind } from '../kinds/kind';
import { jobId, readJob, readJobPage, recentListOf } from '../kinds/read';
import type { RawUgcApi } from '../transport/api';
import { entriesOf, walkPages } from '../transport/pager';

/**
 * The jobs of an earlier try, looked at again by a retry: the rate limit is about ten requests
 * a minute, so one look at the newest jobs answers for every item of the retry, and only a
 * job not on it is looked up alone.
 */

const LIST_PAGE_SIZE = 100;
// A retry comes within minutes of its earlier try (see retryMemory's grace): lists by date look back this far.
const EARLIER_TRY_WINDOW_MS = 15 * 60_000;

interface Gathering {
	ids: Set<string>;
	listed: Promise<Map<string, Job>>;
}

const gatherings = new WeakMap<IExecuteFunctions, Map<string, Gathering>>();

/** The items of a batch ask in one synchronous pass: the one look goes out once they all did. */
function gather(ctx: IExecuteFunctions, api: RawUgcApi, kind: JobKind, deadlineMs: number): Gathering {
	const byKind = gatherings.get(ctx) ?? new Map<string, Gathering>();
	gatherings.set(ctx, byKind);
	const open = byKind.get(kind.name);
	if (open) return open;
	const ids = new Set<string>();
	const listed = Promise.resolve().then(async () => {
		byKind.delete(kind.name);
		return ids.size > 1 ? await newestJobs(api, kind, deadlineMs) : new Map<string, Job>();
	});
	const gathering = { ids, listed };
	byKind.set(kind.name, gathering);
	return gathering;
}

async function newestJobs(api: RawUgcApi, kind: JobKind, deadlineMs: number): Promise<Map<string, Job>> {
	// One page of the newest (or, for a list by date, the minutes around the earlier try): the
	// retry's items were submitted a moment ago.
	const now = Date.now();
	const walk = await walkPages(api, {
		path: kind.path,
		pageParam: false,
		...recentListOf(kind, { fromMs: now - EARLIER_TRY_WINDOW_MS, toMs: now + EARLIER_TRY_WINDOW_MS }, LIST_PAGE_SIZE),
		what: `checking the ${kind.noun}s of an earlier try`,
		deadlineMs,
		read: (body) => readJobPage(kind, body),
	});
	return new Map(entriesOf(walk).map((job) => [jobId(kind, job), job]));
}

/** The job as the API describes it now. */
export async function lookAtEarlierJob(
	ctx: IExecuteFunctions,
	api: RawUgcApi,
	kind: JobKind,
	id: string,
	itemIndex: number,
	deadlineMs: number,
): Promise<Job> {
	const gathering = gather(ctx, api, kind, deadlineMs);
	gathering.ids.add(id);
	const listed = await settle(gathering.listed);
	const onList = listed.ok ? listed.value.get(id) : undefined;
	if (onList) return onList;
	const body = await api.request({
		method: 'GET',
		path: `${kind.path}/${encodeURIComponent(id)}`,
		what: `checking the ${kind.noun} of an earlier try`,
		context: { itemIndex, job: { idField: kind.idField, id, noun: kind.noun } },
		deadlineMs,
	});
	return readJob(kind, body);
}
