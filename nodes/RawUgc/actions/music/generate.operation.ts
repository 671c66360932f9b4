import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readBoolean } from '../../helpers/parameters';
import {
	CREDITS_PER_TRACK,
	MUSIC,
	MUSIC_LIMITS,
	MUSIC_MODELS,
	musicRequestSchema,
	type MusicModel,
} from '../../kinds/music';
import { jobOptionsCollection, waitForCompletionField } from '../common.descriptions';
import { generateExecute, type GenerateItem } from '../shared/generate';

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

/** Optional text: left out when empty (or only spaces), so the API's own default applies. */
function optionalText(ctx: IExecuteFunctions, itemIndex: number, name: string): unknown {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (value === undefined || value === null) return undefined;
	return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/** What one item asks for; checked with every other item's before anything is sent. */
function readItem(ctx: IExecuteFunctions, itemIndex: number): GenerateItem {
	const candidate: Record<string, unknown> = {
		prompt: ctx.getNodeParameter('prompt', itemIndex, ''),
		model: ctx.getNodeParameter('model', itemIndex, 'V5'),
		instrumental: readBoolean(ctx, itemIndex, 'instrumental', true),
	};
	for (const name of ['title', 'style']) {
		const value = optionalText(ctx, itemIndex, name);
		if (value !== undefined) candidate[name] = value;
	}
	return { candidate, inputs: [], schema: musicRequestSchema, cost: CREDITS_PER_TRACK };
}

export const execute = generateExecute(MUSIC, readItem);
