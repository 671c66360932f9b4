import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { withJob } from '../helpers/output';
import { forget, recall, remember, type Asked } from '../helpers/retryMemory';
import { settle } from '../helpers/settle';
import { wordingOf, type Job, type JobKind, type JobRequest } from '../kinds/kind';
import { jobId } from '../kinds/read';
import type { RawUgcApi } from '../transport/api';
import { lookAtEarlierJob } from './earlierJobs';
import { unsureJobs, type LostJobSearch } from './lostSubmit';

/**
 * The jobs an earlier try of this run of the node started, so n8n's Retry On Fail carries on
 * with them instead of paying again (see helpers/retryMemory.ts).
 */

/** What one item asks to be made. */
export interface JobAsk {
	kind: JobKind;
	request: JobRequest;
	itemIndex: number;
}

const asked = ({ kind, request, itemIndex }: JobAsk): Asked => ({ itemIndex, what: `${kind.name} job`, request });

/** The item's job exists: a retry carries on with it. */
export function rememberJob(ctx: IExecuteFunctions, ask: JobAsk, job: Job): Job {
	remember(ctx, asked(ask), { jobId: jobId(ask.kind, job) });
	return job;
}

/** The submit's answer was lost (the job may exist and be charged): a retry looks, never sends. */
export function rememberLostSubmit(ctx: IExecuteFunctions, ask: JobAsk, sentAt: number): void {
	remember(ctx, asked(ask), { lostAt: sentAt });
}

/**
 * The job an earlier try started for this item, as the API describes it now; undefined when
 * there is none, or when it failed (a retry is for submitting that item again). After a lost
 * answer the job list is searched again (`findLost`), and nothing is sent when it is not there.
 */
export async function resumeJob(
	ctx: IExecuteFunctions,
	api: RawUgcApi,
	ask: JobAsk,
	deadlineMs: number,
	findLost: (sentAt: number) => Promise<LostJobSearch>,
): Promise<Job | undefined> {
	const { kind, itemIndex } = ask;
	const earlier = recall(ctx, asked(ask));
	if (!earlier) return undefined;
	if (typeof earlier.lostAt === 'number') {
		const found = await settle(findLost(earlier.lostAt));
		if (found.ok && found.value.job) return rememberJob(ctx, ask, found.value.job);
		const unsure = found.ok ? unsureJobs(kind, found.value) : '';
		const words = wordingOf(kind);
		const error = new NodeOperationError(
			ctx.getNode(),
			`The ${kind.noun} ${words.mayExist} on an earlier try, whose answer was lost; not sent again${unsure} [item ${itemIndex}]`,
			{ itemIndex, description: `It is not in RawUGC's list yet. ${words.howToCheck}` },
		);
		error.context.maybeCharged = true;
		throw error;
	}
	const id = String(earlier.jobId);
	const looked = await settle(lookAtEarlierJob(ctx, api, kind, id, itemIndex, deadlineMs));
	if (!looked.ok) throw withJob(ctx, itemIndex, looked.error, kind, { [kind.idField]: id });
	const job = looked.value;
	// A post that failed is not made again by a retry: it may have gone out on some platform.
	if (job.status !== 'failed' || kind.resubmitFailed === false) return job;
	forget(ctx, asked(ask));
	return undefined;
}
