import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Limiter } from '../helpers/limiter';
import { errorItem, withJob } from '../helpers/output';
import type { JobOptions } from '../helpers/parameters';
import { CancelledError } from '../helpers/pause';
import { settle } from '../helpers/settle';
import type { Job, JobKind } from '../kinds/kind';
import { jobId } from '../kinds/read';
import { RawUgcApi } from '../transport/api';
import { JobWatcher } from './watcher';

/** Downloads at once: the file host is not the API, so a few can run side by side. */
const PARALLEL_DOWNLOADS = 3;

export interface BatchPlan {
	options: JobOptions;
	/** Credits the item will spend, if it spends any. */
	cost?: number;
}

export interface BatchSteps<Plan extends BatchPlan> {
	/** Reads and checks one item; throws an input error naming the field and the item. */
	plan(ctx: IExecuteFunctions, itemIndex: number): Plan | Promise<Plan>;
	/** Brings the item's job into being (submit) or into view (get). */
	start(ctx: IExecuteFunctions, api: RawUgcApi, plan: Plan, itemIndex: number, deadlineMs: number): Promise<Job>;
	/** Waits for the job and makes the output item. */
	finish(
		ctx: IExecuteFunctions,
		watcher: JobWatcher,
		downloads: Limiter,
		job: Job,
		plan: Plan,
		itemIndex: number,
		deadlineMs: number,
	): Promise<INodeExecutionData>;
}

type Outcome = { item: INodeExecutionData } | { error: unknown; job?: Job };

/**
 * Runs every item of the execution together: all inputs checked before any request, then all
 * jobs started as fast as the rate limit allows and awaited together. Output keeps input order
 * and pairing; with "Continue" a failed item becomes an error item and the others carry on.
 * Without it, the first failure (in input order) is thrown once all items settled, and it
 * names every job of the run, so no paid job is lost.
 */
export async function runBatch<Plan extends BatchPlan>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	kind: JobKind,
	steps: BatchSteps<Plan>,
	maxCredits?: (plans: Array<Plan | undefined>) => number | undefined,
): Promise<INodeExecutionData[]> {
	const continueOnFail = ctx.continueOnFail();
	const outcomes: Array<Outcome | undefined> = new Array(items.length);
	const plans: Array<Plan | undefined> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const planned = await settle(Promise.resolve().then(async () => await steps.plan(ctx, itemIndex)));
		if (!planned.ok && !continueOnFail) throw planned.error as NodeOperationError;
		if (!planned.ok) outcomes[itemIndex] = { error: planned.error };
		plans.push(planned.ok ? planned.value : undefined);
	}
	refuseOverBudget(ctx, kind, plans, maxCredits?.(plans), outcomes, continueOnFail);

	const api = await RawUgcApi.connect(ctx);
	const runStartedAt = Date.now();
	const jobs: Array<Job | undefined> = new Array(items.length);
	const starts = plans.map(async (plan, itemIndex) => {
		if (!plan) return;
		try {
			jobs[itemIndex] = await steps.start(ctx, api, plan, itemIndex, runStartedAt + plan.options.maxWaitTime * 1000);
		} catch (error) {
			outcomes[itemIndex] = { error };
		}
	});
	const watcher = new JobWatcher(api, kind, Promise.allSettled(starts));
	const downloads = new Limiter(PARALLEL_DOWNLOADS);
	await Promise.all(
		starts.map(async (started, itemIndex) => {
			await started;
			const job = jobs[itemIndex];
			const plan = plans[itemIndex];
			if (!job || !plan) return;
			try {
				const deadlineMs = Date.now() + plan.options.maxWaitTime * 1000;
				outcomes[itemIndex] = { item: await steps.finish(ctx, watcher, downloads, job, plan, itemIndex, deadlineMs) };
			} catch (error) {
				outcomes[itemIndex] = { error: withJob(ctx, itemIndex, error, kind, job), job };
			}
		}),
	);
	return collect(ctx, kind, outcomes, jobs, continueOnFail);
}

/** Items whose credits would take the run past `maxCredits` are refused before anything is sent. */
function refuseOverBudget<Plan extends BatchPlan>(
	ctx: IExecuteFunctions,
	kind: JobKind,
	plans: Array<Plan | undefined>,
	maxCredits: number | undefined,
	outcomes: Array<Outcome | undefined>,
	continueOnFail: boolean,
): void {
	if (maxCredits === undefined) return;
	let committed = 0;
	plans.forEach((plan, itemIndex) => {
		if (!plan?.cost) return;
		if (committed + plan.cost <= maxCredits) {
			committed += plan.cost;
			return;
		}
		const error = new NodeOperationError(
			ctx.getNode(),
			`Not submitted: this ${kind.noun} (${plan.cost} credits) would take the run past Max Credits (${maxCredits}; ${committed} already planned) [item ${itemIndex}]`,
			{ itemIndex, description: 'Nothing was spent on this item. Raise Options > Max Credits to allow it.' },
		);
		if (!continueOnFail) throw error;
		outcomes[itemIndex] = { error };
		plans[itemIndex] = undefined;
	});
}

function collect(
	ctx: IExecuteFunctions,
	kind: JobKind,
	outcomes: Array<Outcome | undefined>,
	jobs: Array<Job | undefined>,
	continueOnFail: boolean,
): INodeExecutionData[] {
	const firstFailure = outcomes.findIndex((outcome) => outcome && 'error' in outcome);
	if (firstFailure >= 0 && !continueOnFail) {
		throw withRunJobs(ctx, kind, (outcomes[firstFailure] as { error: unknown }).error, jobs, firstFailure);
	}
	return outcomes.map((outcome, itemIndex) =>
		outcome && 'item' in outcome ? outcome.item : errorItem(outcome?.error, itemIndex),
	);
}

/** The thrown error lists every job the run created, so none is lost with the output. */
function withRunJobs(ctx: IExecuteFunctions, kind: JobKind, error: unknown, jobs: Array<Job | undefined>, itemIndex: number) {
	const others = jobs
		.map((job, index) => (job && index !== itemIndex ? `item ${index}: ${jobId(kind, job)}` : ''))
		.filter(Boolean);
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(ctx.getNode(), error instanceof CancelledError ? error.message : String(error), {
					itemIndex,
				});
	if (others.length > 0) {
		nodeError.description = [nodeError.description, `Other ${kind.noun}s of this run, collect them with Get: ${others.join(', ')}`]
			.filter(Boolean)
			.join('\n');
		nodeError.context.runJobIds = jobs.filter((job): job is Job => Boolean(job)).map((job) => jobId(kind, job));
	}
	return nodeError;
}
