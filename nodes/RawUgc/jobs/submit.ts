import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Job, JobKind, JobRequest } from '../kinds/kind';
import { jobCreatedAtMs, jobId, readJob, readJobList } from '../kinds/read';
import { settle } from '../helpers/settle';
import { AmbiguousRequestError, type RawUgcApi } from '../transport/api';

// How far back the job list is searched for a submit whose answer was lost.
const RECOVERY_PAGE_SIZE = 100;
const RECOVERY_MAX_PAGES = 3;
const RECOVERY_CLOCK_SLACK_MS = 30_000;

const CLAIM_MEMORY_MS = 3_600_000;

/** Ids this process submitted or adopted lately, so two lost submits never adopt the same job. */
const claimed = new Map<string, number>();

function claim(id: string): void {
	const now = Date.now();
	for (const [known, at] of claimed) if (now - at > CLAIM_MEMORY_MS) claimed.delete(known);
	claimed.set(id, now);
}

/**
 * Submits of this process that left and are not answered yet. A lost answer is looked for only
 * once these are answered (and their jobs claimed), so a same-prompt job another item just
 * created is not taken for the lost one.
 */
const unanswered = new Set<Promise<unknown>>();

async function untilAnswered(submits: Array<Promise<unknown>>): Promise<void> {
	await Promise.allSettled(submits);
}

const createdAtMs = (job: Job): number => jobCreatedAtMs(job) ?? 0;

/**
 * Submits one job. The API has no idempotency key, so a submit is never sent twice: when its
 * answer is lost (reset, time-out, 5xx), the newest jobs are searched for one created since
 * that matches what the request fixed (the kind's match fields); found, the run carries on with it; not found, the error
 * says plainly that the job may have been created and charged.
 */
export async function submitJob(
	ctx: IExecuteFunctions,
	api: RawUgcApi,
	kind: JobKind,
	request: JobRequest,
	itemIndex: number,
	deadlineMs: number,
): Promise<Job> {
	let sentAt = Date.now();
	let answered: () => void = () => undefined;
	const answer = new Promise<void>((resolve) => (answered = resolve));
	const submitting = api.request({
		method: 'POST',
		path: `${kind.path}/generate`,
		body: request as never,
		what: `submitting the ${kind.noun}`,
		context: { itemIndex },
		deadlineMs,
		onSent: () => {
			sentAt = Date.now();
			unanswered.add(answer);
		},
	});
	const submitted = await settle(submitting);
	try {
		if (submitted.ok) {
			const job = readJob(kind, submitted.value);
			claim(jobId(kind, job));
			return job;
		}
	} finally {
		unanswered.delete(answer);
		answered();
	}
	if (!(submitted.error instanceof AmbiguousRequestError)) throw submitted.error as NodeApiError;
	const lost = submitted.error;
	await untilAnswered([...unanswered]);
	const found = await settle(findLostJob(api, kind, request, sentAt));
	if (found.ok && found.value) return found.value;
	throw new NodeApiError(ctx.getNode(), { message: lost.message }, {
		itemIndex,
		message: `The ${kind.noun} may have been created and charged, but RawUGC's answer was lost (${lost.message}) [item ${itemIndex}]`,
		description: `Look for it with Get Many (newest first) before running this item again, so it is not paid for twice.`,
	});
}

/** The request's fields that the job echoes back match (text compared without outer spaces). */
function matchesRequest(kind: JobKind, job: Job, request: JobRequest): boolean {
	const same = (a: unknown, b: unknown) => (typeof a === 'string' && typeof b === 'string' ? a.trim() === b.trim() : a === b);
	return kind.matchFields.every((field) => request[field] === undefined || same(job[field], request[field]));
}

async function findLostJob(api: RawUgcApi, kind: JobKind, request: JobRequest, sentAt: number): Promise<Job | undefined> {
	const since = sentAt - RECOVERY_CLOCK_SLACK_MS;
	const recent: Job[] = [];
	// Later submits of a big batch may have made many newer jobs: page back until before `since`.
	for (let page = 1; page <= RECOVERY_MAX_PAGES; page++) {
		const { jobs, hasMore } = readJobList(
			kind,
			await api.request({
				method: 'GET',
				path: kind.path,
				qs: { limit: RECOVERY_PAGE_SIZE, page },
				what: `looking for a submitted ${kind.noun}`,
			}),
		);
		recent.push(...jobs.filter((job) => createdAtMs(job) >= since));
		if (!hasMore || jobs.some((job) => createdAtMs(job) < since)) break;
	}
	const candidates = recent
		.filter((job) => !claimed.has(jobId(kind, job)) && matchesRequest(kind, job, request))
		.sort((a, b) => Math.abs(createdAtMs(a) - sentAt) - Math.abs(createdAtMs(b) - sentAt));
	const job = candidates[0];
	if (job) claim(jobId(kind, job));
	return job;
}
