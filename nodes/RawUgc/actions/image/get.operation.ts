import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { JobOptions } from '../../helpers/parameters';
import { inputError, readBoolean, readJobOptions } from '../../helpers/parameters';
import { runBatch, type BatchPlan, type BatchSteps } from '../../jobs/batch';
import { finishJob } from '../../jobs/finish';
import type { Estimate } from '../../jobs/schedule';
import { parseEstimate } from '../../jobs/schedule';
import { jobCreatedAtMs, jobSchema, type Job } from '../../schema';
import { jobOptionsCollection, waitForCompletionField } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Image ID',
		name: 'imageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. img_abc123',
		description:
			'The imageId of a job made with Generate (an older task_... ID works too), e.g. from a Generate run with "Wait for Image" off or one whose wait timed out. Getting an image spends no credits.',
	},
	waitForCompletionField,
	jobOptionsCollection({ withMaxCredits: false }),
];

export const description = updateDisplayOptions({ show: { resource: ['image'], operation: ['get'] } }, properties);

interface GetPlan extends BatchPlan {
	imageId: string;
	wait: boolean;
	options: JobOptions;
}

function plan(ctx: IExecuteFunctions, itemIndex: number): GetPlan {
	const raw = ctx.getNodeParameter('imageId', itemIndex, '') as unknown;
	const imageId = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (!imageId) throw inputError(ctx, itemIndex, 'imageId', 'is required: the imageId Generate gave (img_... or task_...)');
	if (/\s/.test(imageId)) throw inputError(ctx, itemIndex, 'imageId', `must be a single ID without spaces, got "${imageId}"`);
	return {
		imageId,
		wait: readBoolean(ctx, itemIndex, 'waitForCompletion', true),
		options: readJobOptions(ctx, itemIndex),
	};
}

// GET /images/{id} has no estimate of its own: assume the usual one, counted from the job's creation.
const USUAL_ESTIMATE = parseEstimate(undefined);

function remainingEstimate(job: Job): Estimate {
	const createdAt = jobCreatedAtMs(job);
	const elapsed = createdAt === undefined ? 0 : Math.max(0, Date.now() - createdAt);
	return {
		minMs: Math.max(0, USUAL_ESTIMATE.minMs - elapsed),
		maxMs: Math.max(0, USUAL_ESTIMATE.maxMs - elapsed),
	};
}

function steps(): BatchSteps<GetPlan> {
	return {
		plan,
		async start(_ctx, api, planned, itemIndex, deadlineMs) {
			const body = await api.request({
				method: 'GET',
				path: `/images/${encodeURIComponent(planned.imageId)}`,
				what: 'getting the image',
				context: { itemIndex, imageId: planned.imageId },
				deadlineMs,
			});
			return jobSchema.parse(body);
		},
		finish: async (ctx, watcher, downloads, job, planned, itemIndex, deadlineMs) =>
			await finishJob(ctx, watcher, downloads, job, {
				itemIndex,
				wait: planned.wait,
				options: planned.options,
				estimate: remainingEstimate(job),
				deadlineMs,
			}),
	};
}

/** Collects jobs by imageId: waits, time-outs and downloads behave as in Generate; no credit is spent. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runBatch(this, items, steps());
}
