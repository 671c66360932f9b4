import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { ZodType } from 'zod';

import type { JobOptions } from '../../helpers/parameters';
import { readBoolean, readJobOptions, zodInputError } from '../../helpers/parameters';
import { runBatch, type BatchPlan, type BatchSteps } from '../../jobs/batch';
import { finishJob } from '../../jobs/finish';
import { checkUploads, checkUrlCount, uploadThenSubmit, withoutStandIns, withStandIns, type UrlInput } from '../../jobs/start';
import type { JobKind, JobRequest } from '../../kinds/kind';

/** What a kind's Generate reads from one item, before the shared checks. */
export interface GenerateItem {
	/** The request as the panel gives it (only the chosen model's fields), before the schema. */
	candidate: Record<string, unknown>;
	/** URLs the request takes, typed and from binaries to upload. */
	inputs: UrlInput[];
	/** The kind's request schema. */
	schema: ZodType;
	/** Request field -> the parameter that fills it, where the names differ (for errors). */
	parameterOf?: Readonly<Record<string, string>>;
	/** Credits the job costs, when the price is published. */
	cost?: number;
	/** Otherwise: the key its price is learned under, from the checked request. */
	priceKey?: (request: JobRequest) => string;
}

interface GeneratePlan extends BatchPlan {
	request: JobRequest;
	inputs: UrlInput[];
	wait: boolean;
	options: JobOptions;
}

/**
 * `<kind> > Generate`'s execute: every item's input checked (counts, schema, binaries) before
 * any request, then uploads and one submit per item, waited for and downloaded together.
 * A kind gives only what it reads from an item.
 */
export function generateExecute(kind: JobKind, readItem: (ctx: IExecuteFunctions, itemIndex: number) => GenerateItem) {
	async function plan(ctx: IExecuteFunctions, itemIndex: number): Promise<GeneratePlan> {
		const item = readItem(ctx, itemIndex);
		for (const input of item.inputs) checkUrlCount(ctx, itemIndex, input);
		const parsed = item.schema.safeParse(withStandIns(item.candidate, item.inputs));
		if (!parsed.success) throw zodInputError(ctx, itemIndex, parsed.error, item.parameterOf);
		await checkUploads(ctx, item.inputs);
		const request = withoutStandIns(parsed.data as JobRequest, item.inputs);
		return {
			request,
			inputs: item.inputs,
			wait: readBoolean(ctx, itemIndex, 'waitForCompletion', true),
			options: readJobOptions(ctx, itemIndex, kind.defaultMaxWaitS, kind.extraFiles),
			cost: item.cost,
			priceKey: item.priceKey?.(request),
		};
	}

	const steps: BatchSteps<GeneratePlan> = {
		plan,
		start: async (ctx, api, planned, itemIndex, deadlineMs) =>
			await uploadThenSubmit(ctx, api, kind, planned.request, planned.inputs, itemIndex, deadlineMs),
		finish: async (ctx, watcher, downloads, job, planned, itemIndex, deadlineMs) =>
			await finishJob(ctx, kind, watcher, downloads, job, {
				itemIndex,
				wait: planned.wait,
				options: planned.options,
				estimate: watcher.estimate(job.estimatedCompletionTime),
				deadlineMs,
			}),
	};

	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		// The cap is the execution's, so the first item's value sets it.
		return await runBatch(this, items, kind, steps, (plans) => plans.find(Boolean)?.options.maxCredits);
	};
}
