import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Limiter } from '../helpers/limiter';
import { jobError, jobJson, withJob } from '../helpers/output';
import type { JobOptions } from '../helpers/parameters';
import type { Job, JobKind } from '../kinds/kind';
import { jobFileUrl, jobId } from '../kinds/read';
import { downloadResult } from '../transport/download';
import type { Estimate } from './schedule';
import type { JobWatcher } from './watcher';
import { WaitTimeoutError } from './watcher';

export interface FinishSettings {
	itemIndex: number;
	wait: boolean;
	options: JobOptions;
	estimate: Estimate;
	/** When waiting for this job ends, ms epoch. */
	deadlineMs: number;
}

/**
 * What every operation that has a job shares: wait for it (optionally), turn failure and
 * time-out into errors that carry its id, download the result as binary data.
 */
export async function finishJob(
	ctx: IExecuteFunctions,
	kind: JobKind,
	watcher: JobWatcher,
	downloads: Limiter,
	submitted: Job,
	settings: FinishSettings,
): Promise<INodeExecutionData> {
	const { itemIndex, options } = settings;
	const { noun } = kind;
	let job = submitted;
	try {
		if (settings.wait) {
			job = await watcher.watch(job, { itemIndex, estimate: settings.estimate, deadlineMs: settings.deadlineMs });
		}
		if (job.status === 'failed') {
			const cause = [job.failCode, job.failMessage].filter(Boolean).join(': ') || 'no reason given';
			throw jobError(ctx, itemIndex, kind, job, `The ${noun} failed to generate: ${cause}`);
		}
		const item: INodeExecutionData = { json: jobJson(kind, job), pairedItem: { item: itemIndex } };
		if (job.status === 'completed' && options.download) {
			const url = jobFileUrl(kind, job);
			if (!url) throw jobError(ctx, itemIndex, kind, job, `RawUGC reported the ${noun} completed but gave no URL`);
			const id = jobId(kind, job);
			const binary = await downloads.run(
				async () =>
					await downloadResult(ctx, {
						job: { idField: kind.idField, id },
						noun,
						url,
						itemIndex,
						file: kind.file,
						fileStem: id,
					}),
			);
			item.binary = { [options.binaryPropertyName]: binary };
		}
		return item;
	} catch (error) {
		if (error instanceof WaitTimeoutError) {
			throw jobError(
				ctx,
				itemIndex,
				kind,
				error.job,
				error.rateLimited
					? `The rate limit left no room to check on the ${noun} within ${options.maxWaitTime} s: collect it with Get`
					: `The ${noun} is still running after ${options.maxWaitTime} s: collect it with Get`,
				`Raise Options > Max Wait Time, or collect the ${noun} later with Get and this ${kind.idField}.`,
			);
		}
		throw withJob(ctx, itemIndex, error, kind, job);
	}
}
