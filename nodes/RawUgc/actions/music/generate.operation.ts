import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readBoolean, readJobOptions, zodInputError } from '../../helpers/parameters';
import { runBatch, type BatchPlan, type BatchSteps } from '../../jobs/batch';
import { finishJob } from '../../jobs/finish';
import { parseEstimate } from '../../jobs/schedule';
import { submitJob } from '../../jobs/submit';
import {
	CREDITS_PER_TRACK,
	MUSIC,
	MUSIC_LIMITS,
	MUSIC_MODELS,
	musicRequestSchema,
	type MusicModel,
	type MusicRequest,
} from '../../kinds/music';
import { jobOptionsCollection, waitForCompletionField } from '../common.descriptions';

const MODEL_NAMES: Record<MusicModel, string> = {
	V5: 'V5 (Newest)',
	V4_5ALL: 'V4.5 ALL',
	V4_5PLUS: 'V4.5 Plus',
	V4_5: 'V4.5',
	V4: 'V4',
	V3_5: 'V3.5',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. Upbeat acoustic guitar with light percussion, for a 30-second product video',
		description: `The track to make (up to ${MUSIC_LIMITS.prompt} characters)`,
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		options: MUSIC_MODELS.map((model) => ({ name: MODEL_NAMES[model], value: model })),
		default: 'V5',
		description: `Suno model that makes the track; every model costs ${CREDITS_PER_TRACK} credits a track`,
	},
	{
		displayName: 'Instrumental',
		name: 'instrumental',
		type: 'boolean',
		default: true,
		description: 'Whether the track has no vocals',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: 'e.g. Morning Coffee',
		description: `The track's title (up to ${MUSIC_LIMITS.title} characters); empty: RawUGC picks one`,
	},
	{
		displayName: 'Style',
		name: 'style',
		type: 'string',
		default: '',
		placeholder: 'e.g. lo-fi hip hop, warm, 80 bpm',
		description: `Genre and mood (up to ${MUSIC_LIMITS.style} characters); with a title it turns on Suno's custom mode`,
	},
	waitForCompletionField(MUSIC),
	jobOptionsCollection(MUSIC, { withMaxCredits: true, creditsNote: `${CREDITS_PER_TRACK} credits a track` }),
];

export const description = updateDisplayOptions({ show: { resource: ['music'], operation: ['generate'] } }, properties);

interface GeneratePlan extends BatchPlan {
	request: MusicRequest;
	wait: boolean;
	cost: number;
}

/** Optional text: left out when empty (or only spaces), so the API's own default applies. */
function optionalText(ctx: IExecuteFunctions, itemIndex: number, name: string): unknown {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (value === undefined || value === null) return undefined;
	return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/** Reads and checks one item's parameters; nothing is sent before every item passed. */
function plan(ctx: IExecuteFunctions, itemIndex: number): GeneratePlan {
	const candidate: Record<string, unknown> = {
		prompt: ctx.getNodeParameter('prompt', itemIndex, ''),
		model: ctx.getNodeParameter('model', itemIndex, 'V5'),
		instrumental: readBoolean(ctx, itemIndex, 'instrumental', true),
	};
	for (const name of ['title', 'style']) {
		const value = optionalText(ctx, itemIndex, name);
		if (value !== undefined) candidate[name] = value;
	}
	const parsed = musicRequestSchema.safeParse(candidate);
	if (!parsed.success) throw zodInputError(ctx, itemIndex, parsed.error);
	return {
		request: parsed.data,
		wait: readBoolean(ctx, itemIndex, 'waitForCompletion', true),
		options: readJobOptions(ctx, itemIndex, MUSIC.defaultMaxWaitS, MUSIC.extraFiles),
		cost: CREDITS_PER_TRACK,
	};
}

const steps: BatchSteps<GeneratePlan> = {
	plan,
	start: async (ctx, api, planned, itemIndex, deadlineMs) =>
		await submitJob(ctx, api, MUSIC, planned.request, itemIndex, deadlineMs),
	finish: async (ctx, watcher, downloads, job, planned, itemIndex, deadlineMs) =>
		await finishJob(ctx, MUSIC, watcher, downloads, job, {
			itemIndex,
			wait: planned.wait,
			options: planned.options,
			estimate: parseEstimate(job.estimatedCompletionTime, MUSIC),
			deadlineMs,
		}),
};

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	// The cap is the execution's, so the first item's value sets it.
	return await runBatch(this, items, MUSIC, steps, (plans) => plans.find(Boolean)?.options.maxCredits);
}
