import type { IBinaryKeyData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Limiter } from '../helpers/limiter';
import { jobError, jobJson, withJob } from '../helpers/output';
import type { JobOptions } from '../helpers/parameters';
import { settle } from '../helpers/settle';
import { wordingOf, type ExtraFile, type Job, type JobKind } from '../kinds/kind';
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
	/** The item's deadline (the run's start plus Max Wait Time), ms epoch. */
	deadlineMs: number;
}

/**
 * What every operation that has a job shares: wait for it (optionally), turn failure and
 * time-out into errors that carry its id, download the result as binary data. Every error it
 * throws names the job, with its last known state (the one place that does).
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
	const words = wordingOf(kind);
	let job = submitted;
	try {
		if (settings.wait) {
			job = await watcher.watch(job, { itemIndex, estimate: settings.estimate, deadlineMs: settings.deadlineMs });
		}
		if (job.status === 'failed') {
			const cause = [job.failCode, job.failMessage, job.error].filter((part) => typeof part === 'string' && part).join(': ') || 'no reason given';
			throw jobError(ctx, itemIndex, kind, job, `The ${noun} ${words.failed}: ${cause}`);
		}
		const item: INodeExecutionData = { json: jobJson(kind, job), pairedItem: { item: itemIndex } };
		if (job.status === 'completed') {
			const binary = await downloadFiles(ctx, kind, downloads, job, itemIndex, filesToDownload(kind, options));
			if (binary) item.binary = binary;
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
					? `The rate limit left no room to check on the ${noun} within ${options.maxWaitTime} s: ${words.collect}`
					: `The ${noun} ${words.stillRunning} after ${options.maxWaitTime} s: ${words.collect}`,
				`Raise Options > Max Wait Time, or ${words.collect} later, with this ${kind.idField}.`,
			);
		}
		throw withJob(ctx, itemIndex, error, kind, job);
	}
}

/** A file of the job to download and the binary field it goes in. */
type JobFile = Pick<ExtraFile, 'noun' | 'urlField' | 'binaryPropertyName' | 'file'>;

/** The result (unless Download is off), then each extra file the options ask for. */
function filesToDownload(kind: JobKind, options: JobOptions): JobFile[] {
	const result: JobFile = { noun: kind.noun, urlField: kind.urlField, binaryPropertyName: options.binaryPropertyName, file: kind.file };
	return [...(options.download ? [result] : []), ...options.extraFiles];
}

/**
 * Downloads a completed job's files side by side; every URL is checked first, and every
 * download is settled before the first failure is thrown (none is left running).
 */
async function downloadFiles(
	ctx: IExecuteFunctions,
	kind: JobKind,
	downloads: Limiter,
	job: Job,
	itemIndex: number,
	files: JobFile[],
): Promise<IBinaryKeyData | undefined> {
	if (files.length === 0) return undefined;
	const id = jobId(kind, job);
	const urls = files.map((file) => {
		const url = jobFileUrl(kind, job, file.urlField);
		const what = file.urlField === kind.urlField ? 'URL' : `${file.noun} URL`;
		if (!url) throw jobError(ctx, itemIndex, kind, job, `RawUGC reported the ${kind.noun} completed but gave no ${what}`);
		return url;
	});
	const settled = await Promise.all(
		files.map(
			async (file, index) =>
				await settle(
					downloads.run(
						async () =>
							await downloadResult(ctx, {
								job: { idField: kind.idField, id },
								noun: file.noun,
								url: urls[index],
								itemIndex,
								file: file.file,
								fileStem: id,
							}),
					),
				),
		),
	);
	const binary: IBinaryKeyData = {};
	settled.forEach((downloaded, index) => {
		if (!downloaded.ok) throw downloaded.error;
		binary[files[index].binaryPropertyName] = downloaded.value;
	});
	return binary;
}
