import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../helpers/parameters';
import { readUrlInput, type UrlInput } from '../../jobs/start';
import {
	KLING,
	KLING_CHARACTER_ORIENTATIONS,
	KLING_MODES,
	PROMPT_REQUIRED,
	SORA_FRAMES,
	SORA_IMAGE,
	SORA_ORIENTATIONS,
	SORA_TEXT,
	VEO,
	VEO_ASPECT_RATIOS,
	VEO_FAST,
	VIDEO,
	VIDEO_IMAGE_COUNTS,
	VIDEO_MODEL_PARAMETERS,
	VIDEO_MODELS,
	VIDEO_PROMPT_MAX_LENGTH,
	VIDEO_REFERENCE_COUNTS,
	videoPriceKey,
	videoRequestSchema,
	type VideoModel,
} from '../../kinds/video';
import { IMAGE_INPUT_MIME_TYPES, VIDEO_INPUT_MIME_TYPES } from '../../schema';
import { jobOptionsCollection, waitForCompletionField } from '../common.descriptions';
import { generateExecute, type GenerateItem } from '../shared/generate';

const forModels = (...models: VideoModel[]) => ({ show: { model: models } });
const SORA = [SORA_TEXT, SORA_IMAGE] as const;
const WITH_IMAGES = VIDEO_MODELS.filter((model) => VIDEO_IMAGE_COUNTS[model].max > 0);

/** An options list whose first entry, '', leaves the field out of the request (the API's default). */
function optionalChoice(values: readonly string[], names: Record<string, string> = {}): INodePropertyOptions[] {
	return [{ name: 'Model Default', value: '' }, ...values.map((value) => ({ name: names[value] ?? value, value }))];
}

const properties: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Sora 2 (Text to Video)', value: SORA_TEXT, description: 'Makes a video from the prompt' },
			{ name: 'Sora 2 (Image to Video)', value: SORA_IMAGE, description: 'Brings the given images to life, as the prompt says' },
			{ name: 'Veo 3', value: VEO, description: 'Makes a video from the prompt, optionally starting from one image (or between two)' },
			{ name: 'Veo 3 Fast', value: VEO_FAST, description: 'Veo 3, quicker and cheaper' },
			{
				name: 'Kling 2.6 Motion Control',
				value: KLING,
				description: 'Moves the character of the given images the way the reference video moves',
			},
		],
		default: SORA_TEXT,
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. A woman unboxes a pair of running shoes in a sunny kitchen, handheld selfie style',
		description: `The video to make (up to ${VIDEO_PROMPT_MAX_LENGTH} characters)`,
		displayOptions: forModels(SORA_TEXT, VEO, VEO_FAST),
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. She smiles and waves at the camera',
		description: `Optional: what should happen in the video (up to ${VIDEO_PROMPT_MAX_LENGTH} characters). Not sent when empty.`,
		displayOptions: forModels(SORA_IMAGE, KLING),
	},
	{
		displayName: 'Image URLs',
		name: 'imageUrls',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'https://example.com/photo.png',
		description:
			'Public http(s) image URLs, one per line or comma-separated, or an expression that gives an array. Sora 2 Image to Video and Kling need at least one; Veo takes at most 2 (the first frame, or the first and last), the others at most 10, counting input binary fields too.',
		displayOptions: forModels(...WITH_IMAGES),
	},
	{
		displayName: 'Input Binary Fields',
		name: 'inputBinaryFields',
		type: 'string',
		default: '',
		placeholder: 'e.g. data, data2',
		description:
			'Comma-separated names of binary fields of the incoming item holding images (PNG, JPEG or WebP, up to 100 MB each). Each is uploaded to RawUGC and used like an image URL.',
		displayOptions: forModels(...WITH_IMAGES),
	},
	{
		displayName: 'Reference Video URL',
		name: 'videoUrls',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/dance.mp4',
		description: 'Public http(s) URL of the video whose motion Kling copies. Give exactly one reference video: this URL or Input Video Binary Field.',
		displayOptions: forModels(KLING),
	},
	{
		displayName: 'Input Video Binary Field',
		name: 'inputVideoBinaryField',
		type: 'string',
		default: '',
		placeholder: 'e.g. data',
		description: 'Name of a binary field of the incoming item holding the reference video (MP4, MOV or WebM, up to 100 MB). It is uploaded to RawUGC and used as the reference video.',
		displayOptions: forModels(KLING),
	},
	{
		displayName: 'Orientation',
		name: 'orientation',
		type: 'options',
		options: optionalChoice(SORA_ORIENTATIONS, { portrait: 'Portrait', landscape: 'Landscape' }),
		default: '',
		description: 'Shape of the video',
		displayOptions: forModels(...SORA),
	},
	{
		displayName: 'Duration',
		name: 'nFrames',
		type: 'options',
		options: optionalChoice(SORA_FRAMES, { 10: '10 Seconds', 15: '15 Seconds' }),
		default: '',
		description: 'Length of the video',
		displayOptions: forModels(...SORA),
	},
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		options: optionalChoice(VEO_ASPECT_RATIOS),
		default: '',
		description: 'Shape of the video',
		displayOptions: forModels(VEO, VEO_FAST),
	},
	{
		displayName: 'Character Orientation',
		name: 'characterOrientation',
		type: 'options',
		options: optionalChoice(KLING_CHARACTER_ORIENTATIONS, { image: 'As in the Image (Up to 10 s)', video: 'As in the Video (Up to 30 s)' }),
		default: '',
		description: 'Whether the character faces as in the image or as in the reference video; this also bounds the length',
		displayOptions: forModels(KLING),
	},
	{
		displayName: 'Resolution',
		name: 'mode',
		type: 'options',
		options: optionalChoice(KLING_MODES),
		default: '',
		description: 'Resolution of the video',
		displayOptions: forModels(KLING),
	},
	{
		displayName: 'Character Name or ID',
		name: 'selectedCharacter',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCharacters' },
		default: '',
		description:
			'A RawUGC character to appear in the video (its username is sent). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	waitForCompletionField(VIDEO),
	jobOptionsCollection(VIDEO, {
		withMaxCredits: true,
		creditsNote: 'video prices are not published: a model’s price is learned from what the API charged (this n8n process’s submits, and one look at the key’s video list); until known, the first video of it goes alone',
	}),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['generate'] } }, properties);

/** The item's images and reference video (typed URLs and binaries to upload), for the models that take them. */
function readInputs(ctx: IExecuteFunctions, itemIndex: number, model: VideoModel): UrlInput[] {
	return [
		{ field: 'imageUrls', uploadParameter: 'inputBinaryFields', noun: 'image', accepted: IMAGE_INPUT_MIME_TYPES, count: VIDEO_IMAGE_COUNTS[model] },
		{ field: 'videoUrls', uploadParameter: 'inputVideoBinaryField', noun: 'reference video', accepted: VIDEO_INPUT_MIME_TYPES, count: VIDEO_REFERENCE_COUNTS[model] },
	]
		.filter((input) => input.count.max > 0)
		.map((input) => readUrlInput(ctx, itemIndex, input));
}

/** What one item asks for; only the chosen model's fields are read at all. */
function readItem(ctx: IExecuteFunctions, itemIndex: number): GenerateItem {
	const model = ctx.getNodeParameter('model', itemIndex) as VideoModel;
	if (!VIDEO_MODELS.includes(model)) throw inputError(ctx, itemIndex, 'model', `must be one of: ${VIDEO_MODELS.join(', ')}`);
	const candidate: Record<string, unknown> = { model };
	const prompt = ctx.getNodeParameter('prompt', itemIndex, '') as unknown;
	const emptyPrompt = prompt === undefined || prompt === null || (typeof prompt === 'string' && prompt.trim() === '');
	if (PROMPT_REQUIRED.has(model) || !emptyPrompt) candidate.prompt = prompt ?? '';
	const parameterOf: Record<string, string> = { ...VIDEO_MODEL_PARAMETERS[model], selectedCharacter: 'selectedCharacter' };
	for (const [field, parameter] of Object.entries(parameterOf)) {
		const value = ctx.getNodeParameter(parameter, itemIndex, '') as unknown;
		if (value !== undefined && value !== null && value !== '') candidate[field] = value;
	}
	return {
		candidate,
		inputs: readInputs(ctx, itemIndex, model),
		schema: videoRequestSchema,
		parameterOf,
		// Length and resolution may change the price: learn it per model and those settings.
		priceKey: videoPriceKey,
	};
}

export const execute = generateExecute(VIDEO, readItem);
