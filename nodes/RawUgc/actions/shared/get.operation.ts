import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { JobOptions } from '../../helpers/parameters';
import { inputError, readBoolean, readJobOptions } from '../../helpers/parameters';
import { runBatch, type BatchPlan, type BatchSteps } from '../../jobs/batch';
import { finishJob } from '../../jobs/finish';
import type { Estimate } from '../../jobs/schedule';
import { parseEstimate } from '../../jobs/schedule';
import type { Job, JobKind } from '../../kinds/kind';
import { jobCreatedAtMs, readJob } from '../../kinds/read';
import { jobOptionsCollection, waitForCompletionField } from '../common.descriptions';

interface GetPlan extends BatchPlan {
	id: string;
	wait: boolean;
	options: JobOptions;
}

/** The usual estimate, counted from the job's creation: GET of one job carries no estimate. */
function remainingEstimate(kind: JobKind, job: Job): Estimate {
	const usual = parseEstimate(undefined, kind);
	const createdAt = jobCreatedAtMs(job);
	const elapsed = createdAt === undefined ? 0 : Math.max(0, Date.now() - createdAt);
	return { minMs: Math.max(0, usual.minMs - elapsed), maxMs: Math.max(0, usual.maxMs - elapsed) };
}

/**
 * `<kind> > Get`: collects jobs by id; waits, time-outs and downloads behave as in Generate,
 * and no credit is spent. One definition serves every kind.
 */
export function getOperation(kind: JobKind) {
	const { idField, noun, title } = kind;
	const properties: INodeProperties[] = [
		{
			displayName: `${title} ID`,
			name: idField,
			type: 'string',
			default: '',
			required: true,
			placeholder: `e.g. ${kind.idExample}`,
			description: `The ${idField} of a job made with Generate (an older task_... ID works too), e.g. from a Generate run with "Wait for ${title}" off or one whose wait timed out. Getting a ${noun} spends no credits.`,
		},
		waitForCompletionField(kind),
		jobOptionsCollection(kind, { withMaxCredits: false }),
	];

	function plan(ctx: IExecuteFunctions, itemIndex: number): GetPlan {
		const raw = ctx.getNodeParameter(idField, itemIndex, '') as unknown;
		const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
		if (!id) {
			throw inputError(ctx, itemIndex, idField, `is required: the ${idField} Generate gave (${kind.idExample.split('_')[0]}_... or task_...)`);
		}
		if (/\s/.test(id)) throw inputError(ctx, itemIndex, idField, `must be a single ID without spaces, got "${id}"`);
		return {
			id,
			wait: readBoolean(ctx, itemIndex, 'waitForCompletion', true),
			options: readJobOptions(ctx, itemIndex, kind.defaultMaxWaitS, kind.extraFiles),
		};
	}

	const steps: BatchSteps<GetPlan> = {
		plan,
		async start(_ctx, api, planned, itemIndex, deadlineMs) {
			const body = await api.request({
				method: 'GET',
				path: `${kind.path}/${encodeURIComponent(planned.id)}`,
				what: `getting the ${noun}`,
				context: { itemIndex, job: { idField, id: planned.id, noun } },
				deadlineMs,
			});
			return readJob(kind, body);
		},
		finish: async (ctx, watcher, downloads, job, planned, itemIndex, deadlineMs) =>
			await finishJob(ctx, kind, watcher, downloads, job, {
				itemIndex,
				wait: planned.wait,
				options: planned.options,
				estimate: remainingEstimate(kind, job),
				deadlineMs,
			}),
	};

	return {
		description: updateDisplayOptions({ show: { resource: [kind.name], operation: ['get'] } }, properties),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
			return await runBatch(this, items, kind, steps);
		},
	};
}
