import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { abortableSleep } from '../helpers/sleep';

import { jobLabel, tagWithJob } from '../helpers/output';
import { settle } from '../helpers/settle';
import type { Job, JobKind } from '../kinds/kind';
import type { RawUgcApi } from '../transport/api';
import { findLostJobs, maybeChargedError, unsureJobs, type LostJobSearch, type LostSubmit } from './lostSubmit';
import { InterruptedSubmitError } from './submit';

// After a cancel, the job list is looked at only if the budget allows it this soon, and the
// look is given up after this long: the cancel is not held up for it.
const LOOK_AFTER_CANCEL_MS = 5_000;

/** An item's outcome as the batch keeps it. */
export type Outcome = { item: INodeExecutionData } | { error: unknown; job?: Job };

/**
 * The execution was cancelled while some submits were on their way: their jobs may exist and
 * cost credits. One short look at the job list names the jobs it can; every such item's error
 * says that its job may have been created and charged.
 */
export async function reportInterruptedSubmits(
	ctx: IExecuteFunctions,
	api: RawUgcApi,
	kind: JobKind,
	outcomes: Array<Outcome | undefined>,
	jobs: Array<Job | undefined>,
): Promise<void> {
	const interrupted = outcomes.flatMap((outcome) =>
		outcome && 'error' in outcome && outcome.error instanceof InterruptedSubmitError ? [outcome.error] : [],
	);
	if (interrupted.length === 0) return;
	const found = await lookBriefly(api, kind, interrupted.map((error) => error.submit));
	interrupted.forEach(({ itemIndex }, n) => {
		const { job } = found[n];
		const why = 'the execution was cancelled while its submit waited for the answer';
		const error = maybeChargedError(ctx, kind, itemIndex, job ? `${why}; the job list shows ${jobLabel(kind, job)}, most likely it` : `${why}${unsureJobs(kind, found[n])}`);
		if (job) {
			tagWithJob(error, kind, job);
			jobs[itemIndex] = job;
		}
		outcomes[itemIndex] = { error, job };
	});
}

async function lookBriefly(api: RawUgcApi, kind: JobKind, lost: LostSubmit[]): Promise<LostJobSearch[]> {
	const giveUp = new AbortController();
	const timer = new AbortController();
	void abortableSleep(LOOK_AFTER_CANCEL_MS, timer.signal).then(
		() => giveUp.abort(),
		() => undefined,
	);
	// The execution's own signal is aborted already: this look has one of its own.
	const found = await settle(findLostJobs(api.withSignal(giveUp.signal), kind, lost, Date.now() + LOOK_AFTER_CANCEL_MS));
	timer.abort(); // clears the timer
	return found.ok ? found.value : lost.map(() => ({ unsure: [] }));
}
