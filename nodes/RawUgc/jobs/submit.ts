import type { IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { CancelledError } from '../helpers/pause';
import { settle } from '../helpers/settle';
import { submitPathOf, wordingOf, type Job, type JobKind, type JobRequest } from '../kinds/kind';
import { jobId, readJob } from '../kinds/read';
import { AmbiguousRequestError, type RawUgcApi } from '../transport/api';
import {
	alikeSubmitsAnswered,
	claim,
	findLostJobs,
	maybeChargedError,
	onItsWay,
	unsureJobs,
	type LostJobSearch,
	type LostSubmit,
} from './lostSubmit';
import { rememberJob, rememberLostSubmit, resumeJob } from './remembered';

/** The execution was cancelled while the item's submit was on its way: its job may exist. */
export class InterruptedSubmitError extends CancelledError {
	constructor(
		readonly itemIndex: number,
		readonly submit: LostSubmit,
	) {
		super();
		this.name = 'InterruptedSubmitError';
	}
}

/**
 * Submits one job. The API has no idempotency key, so a submit is never sent twice: when its
 * answer is lost (reset, time-out, 5xx), the newest jobs are searched for the one it made (see
 * lostSubmit.ts), within the item's deadline; found, the run carries on with it; not found, the
 * error says plainly that the job may have been created and charged. A cancel while the submit
 * is on its way throws InterruptedSubmitError, for the batch to report.
 */
export async function submitJob(
	ctx: IExecuteFunctions,
	api: RawUgcApi,
	kind: JobKind,
	request: JobRequest,
	itemIndex: number,
	deadlineMs: number,
): Promise<Job> {
	// A retry of this run of the node (Retry On Fail) carries on with the item's earlier job.
	const ask = { kind, request, itemIndex };
	const lookAgain = async (earlierSentAt: number) =>
		await recover(api, kind, { request, sentAt: earlierSentAt, lostAt: Date.now() }, deadlineMs);
	const earlier = await resumeJob(ctx, api, ask, deadlineMs, lookAgain);
	if (earlier) return earlier;
	let sentAt: number | undefined;
	let answered: (() => void) | undefined;
	const submitted = await settle(
		api.request({
			method: 'POST',
			path: submitPathOf(kind),
			body: request as never,
			what: `submitting the ${kind.noun}`,
			context: { itemIndex, forbidden: wordingOf(kind).forbidden },
			deadlineMs,
			onSent: () => {
				answered?.();
				sentAt = Date.now();
				answered = onItsWay(kind, request);
			},
			onNothingDone: () => {
				answered?.();
				answered = undefined;
				sentAt = undefined;
			},
		}),
	);
	try {
		if (submitted.ok) {
			const job = readJob(kind, submitted.value);
			claim(jobId(kind, job)); // before it counts as answered: a lost submit alike waits for this
			return rememberJob(ctx, ask, job);
		}
	} finally {
		answered?.();
	}
	// Never sent (refused before the API saw it, or cancelled while waiting for the budget, also after a 429): nothing was charged.
	if (sentAt === undefined) throw submitted.error as NodeApiError;
	const lost: LostSubmit = { request, sentAt, lostAt: Date.now() };
	if (submitted.error instanceof CancelledError) throw new InterruptedSubmitError(itemIndex, lost);
	if (!(submitted.error instanceof AmbiguousRequestError)) throw submitted.error as NodeApiError;
	const found = await settle(recover(api, kind, lost, deadlineMs));
	if (found.ok && found.value.job) return rememberJob(ctx, ask, found.value.job);
	if (!found.ok && found.error instanceof CancelledError) throw new InterruptedSubmitError(itemIndex, lost);
	rememberLostSubmit(ctx, ask, lost.sentAt);
	const unsure = found.ok ? unsureJobs(kind, found.value) : '';
	throw maybeChargedError(ctx, kind, itemIndex, `RawUGC's answer was lost (${submitted.error.message})${unsure}`);
}

async function recover(api: RawUgcApi, kind: JobKind, lost: LostSubmit, deadlineMs: number): Promise<LostJobSearch> {
	// An alike submit of this process still on its way made a job that would match too: its
	// answer claims it. Until then (or when the deadline comes first) no match can be told apart.
	if (!(await alikeSubmitsAnswered(kind, lost.request, deadlineMs, api.signal))) return { unsure: [] };
	const [search] = await findLostJobs(api, kind, [lost], deadlineMs);
	return search;
}
