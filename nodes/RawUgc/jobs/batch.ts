import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Limiter } from '../helpers/limiter';
import { errorItem } from '../helpers/output';
import type { JobOptions } from '../helpers/parameters';
import { CancelledError } from '../helpers/pause';
import { settle } from '../helpers/settle';
import type { Job, JobKind } from '../kinds/kind';
import { jobId, readJobOrUndefined } from '../kinds/read';
import { RawUgcApi } from '../transport/api';
import { CreditBudget, type PricedPlan, type Ticket } from './budget';
import { reportInterruptedSubmits, type Outcome } from './interrupted';
import { InterruptedSubmitError } from './submit';
import { JobWatcher } from './watcher';

/** Downloads at once: the file host is not the API, so a few can run side by side. */
const PARALLEL_DOWNLOADS = 3;

export interface BatchPlan extends PricedPlan {
	options: JobOptions;
}

export interface BatchSteps<Plan extends BatchPlan> {
	/** Reads and checks one item; throws an input error naming the field and the item. */
	plan(ctx: IExecuteFunctions, itemIndex: number): Plan | Promise<Plan>;
	/**
	 * Brings the item's job into being (submit) or into view (get). `deadlineMs`: the item's one
	 * deadline, the run's start plus its Max Wait Time, for every wait of the item.
	 */
	start(ctx: IExecuteFunctions, api: RawUgcApi, plan: Plan, itemIndex: number, deadlineMs: number): Promise<Job>;
	/** Waits for the job (until the same deadline) and makes the output item; its errors name the job. */
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
	const budget = new CreditBudget(ctx, kind, maxCredits?.(plans), continueOnFail);
	const turns = plans.map((plan, itemIndex) => (plan ? budget.turn(plan, itemIndex) : undefined));
	const refused = [...budget.refusedAtOnce.values()];
	if (refused.length > 0 && !continueOnFail) throw refused[0];

	const api = await RawUgcApi.connect(ctx);
	const runStartedAt = Date.now();
	// Max Wait Time is one deadline per item, from the run's start: submit, waits and looks share it.
	const deadlineOf = (plan: Plan) => runStartedAt + plan.options.maxWaitTime * 1000;
	const jobs: Array<Job | undefined> = new Array(items.length);
	const starts = plans.map(async (plan, itemIndex) => {
		if (!plan) return;
		let paid: Ticket | undefined;
		try {
			paid = await turns[itemIndex];
			jobs[itemIndex] = await steps.start(ctx, api, plan, itemIndex, deadlineOf(plan));
		} catch (error) {
			outcomes[itemIndex] = { error };
		} finally {
			const failed = outcomes[itemIndex];
			paid?.(jobs[itemIndex], failed !== undefined && 'error' in failed && mayHaveBeenCharged(failed.error));
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
				const item = await steps.finish(ctx, watcher, downloads, job, plan, itemIndex, deadlineOf(plan));
				outcomes[itemIndex] = { item };
				// The job the item ended with, if another (an edit's new version): the one to report.
				jobs[itemIndex] = readJobOrUndefined(kind, item.json) ?? job;
			} catch (error) {
				outcomes[itemIndex] = { error, job };
				const ended = (error as { context?: { job?: unknown } })?.context?.job;
				jobs[itemIndex] = readJobOrUndefined(kind, ended) ?? job;
			}
		}),
	);
	await reportInterruptedSubmits(ctx, api, kind, outcomes, jobs);
	return collect(ctx, kind, outcomes, jobs, continueOnFail);
}

/** The item's start failed in a way that leaves its job and its charge possible (a lost answer, a cancel). */
function mayHaveBeenCharged(error: unknown): boolean {
	return error instanceof InterruptedSubmitError || (error instanceof NodeOperationError && error.context.maybeCharged === true);
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
		throw withRunJobs(ctx, kind, outcomes, jobs, firstFailure);
	}
	return outcomes.map((outcome, itemIndex) =>
		outcome && 'item' in outcome ? outcome.item : errorItem(outcome?.error, itemIndex),
	);
}

/**
 * The thrown error lists every job the run created, and every other item whose job may have
 * been created and charged, so none is lost with the output.
 */
function withRunJobs(
	ctx: IExecuteFunctions,
	kind: JobKind,
	outcomes: Array<Outcome | undefined>,
	jobs: Array<Job | undefined>,
	itemIndex: number,
) {
	const error = (outcomes[itemIndex] as { error: unknown }).error;
	const others = jobs
		.map((job, index) => (job && index !== itemIndex ? `item ${index}: ${jobId(kind, job)}` : ''))
		.filter(Boolean);
	const unsure = outcomes
		.map((outcome, index) => (index !== itemIndex && outcome && 'error' in outcome ? outcome.error : undefined))
		.filter((other): other is NodeOperationError => other instanceof NodeOperationError && other.context.maybeCharged === true)
		.map((other) => other.message);
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(ctx.getNode(), error instanceof CancelledError ? error.message : String(error), {
					itemIndex,
				});
	const lines = [nodeError.description];
	if (others.length > 0) lines.push(`Other ${kind.noun}s of this run, collect them with Get: ${others.join(', ')}`);
	lines.push(...unsure);
	nodeError.description = lines.filter(Boolean).join('\n');
	if (others.length > 0) {
		nodeError.context.runJobIds = jobs.filter((job): job is Job => Boolean(job)).map((job) => jobId(kind, job));
	}
	return nodeError;
}
