import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { jobError, jobJson, withJob } from '../helpers/output';
import type { JobOptions } from '../helpers/parameters';
import type { Job } from '../schema';
import type { Limiter } from '../helpers/limiter';
import { downloadImage } from '../transport/download';
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
 * What Generate and Get share once a job exists: wait for it (optionally), turn failure and
 * time-out into errors that carry its imageId, download the result as binary data.
 */
export async function finishJob(
	ctx: IExecuteFunctions,
	watcher: JobWatcher,
	downloads: Limiter,
	submitted: Job,
	settings: FinishSettings,
): Promise<INodeExecutionData> {
	const { itemIndex, options } = settings;
	let job = submitted;
	try {
		if (settings.wait) {
			job = await watcher.watch(job, { itemIndex, estimate: settings.estimate, deadlineMs: settings.deadlineMs });
		}
		if (job.status === 'failed') {
			const cause = [job.failCode, job.failMessage].filter(Boolean).join(': ') || 'no reason given';
			throw jobError(ctx, itemIndex, job, `The image failed to generate: ${cause}`);
		}
		const item: INodeExecutionData = { json: jobJson(job), pairedItem: { item: itemIndex } };
		if (job.status === 'completed' && options.download) {
			if (!job.url) throw jobError(ctx, itemIndex, job, 'RawUGC reported the image completed but gave no URL');
			const url = job.url;
			const binary = await downloads.run(
				async () => await downloadImage(ctx, { imageId: job.imageId, url, itemIndex }),
			);
			item.binary = { [options.binaryPropertyName]: binary };
		}
		return item;
	} catch (error) {
		if (error instanceof WaitTimeoutError) {
			throw jobError(
				ctx,
				itemIndex,
				error.job,
				error.rateLimited
					? `The rate limit left no room to check on the image within ${options.maxWaitTime} s: collect it with Get`
					: `The image is still running after ${options.maxWaitTime} s: collect it with Get`,
				'Raise Options > Max Wait Time, or collect the image later with Image > Get and this imageId.',
			);
		}
		throw withJob(ctx, itemIndex, error, job);
	}
}
