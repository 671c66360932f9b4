import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../helpers/parameters';
import { readUrlInput } from '../../jobs/start';
import {
	ASPECT_RATIOS,
	CREDITS_PER_IMAGE,
	EDIT_IMAGE_SIZES,
	EDIT_MODEL,
	generateRequestSchema,
	IMAGE_INPUT_MIME_TYPES,
	IMAGE_URL_COUNTS,
	MAX_IMAGE_URLS,
	type Model,
	MODEL_FIELDS,
	MODELS,
	OUTPUT_FORMATS,
	RESOLUTIONS,
	TEXT_TO_IMAGE_MODEL,
} from '../../schema';
import { IMAGE } from '../../kinds/image';
import { jobOptionsCollection, waitForCompletionField } from '../common.descriptions';
import { generateExecute, type GenerateItem } from '../shared/generate';

const forModel = (model: Model) => ({ show: { model: [model] } });

const properties: INodeProperties[] = [
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Nano Banana 2 (Text to Image, 4 Credits)',
				value: TEXT_TO_IMAGE_MODEL,
				description: 'Makes a new image from the prompt, optionally guided by reference images',
			},
			{
				name: 'Nano Banana Edit (Edit Images, 2 Credits)',
				value: EDIT_MODEL,
				description: 'Changes the given images as the prompt says',
			},
		],
		default: TEXT_TO_IMAGE_MODEL,
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		placeholder: 'e.g. A flat-lay photo of a coffee cup on a linen tablecloth, morning light',
		description: 'The image to make, or the edit to apply (up to 20,000 characters)',
	},
	{
		displayName: `The edit model needs at least one image: give image URLs, input binary fields, or both (${MAX_IMAGE_URLS} in all at most)`,
		name: 'editNotice',
		type: 'notice',
		default: '',
		displayOptions: forModel(EDIT_MODEL),
	},
	{
		displayName: 'Image URLs',
		name: 'imageUrls',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		placeholder: 'https://example.com/photo.png',
		description: `Public http(s) image URLs, one per line or comma-separated, or an expression that gives an array. For the edit model these are the images to edit; for Nano Banana 2 they guide the result. At most ${MAX_IMAGE_URLS} images in all.`,
	},
	{
		displayName: 'Input Binary Fields',
		name: 'inputBinaryFields',
		type: 'string',
		default: '',
		placeholder: 'e.g. data, data2',
		description:
			'Comma-separated names of binary fields of the incoming item (PNG, JPEG or WebP, up to 100 MB each). Each is uploaded to RawUGC and used like an image URL.',
	},
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		options: ASPECT_RATIOS.map((ratio) => ({ name: ratio === 'auto' ? 'Auto' : ratio, value: ratio })),
		default: 'auto',
		description: 'Shape of the new image',
		displayOptions: forModel(TEXT_TO_IMAGE_MODEL),
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		options: RESOLUTIONS.map((resolution) => ({ name: resolution, value: resolution })),
		default: '1K',
		description: 'Size of the new image',
		displayOptions: forModel(TEXT_TO_IMAGE_MODEL),
	},
	{
		displayName: 'Image Size',
		name: 'imageSize',
		type: 'options',
		options: EDIT_IMAGE_SIZES.map((ratio) => ({ name: ratio === 'auto' ? 'Auto' : ratio, value: ratio })),
		default: 'auto',
		description: 'Aspect ratio of the edited image',
		displayOptions: forModel(EDIT_MODEL),
	},
	{
		displayName: 'Ground in Google Search',
		name: 'googleSearch',
		type: 'boolean',
		default: false,
		description: 'Whether to ground the image in live Google web search results (for current events, real products or places)',
		displayOptions: forModel(TEXT_TO_IMAGE_MODEL),
	},
	{
		displayName: 'Output Format',
		name: 'outputFormat',
		type: 'options',
		options: [
			{ name: 'Model Default (JPG for Nano Banana 2, PNG for Edit)', value: '' },
			...OUTPUT_FORMATS.map((format) => ({ name: format.toUpperCase(), value: format })),
		],
		default: '',
		description: 'File type of the result',
	},
	waitForCompletionField(IMAGE),
	jobOptionsCollection(IMAGE, { withMaxCredits: true, creditsNote: 'Nano Banana 2 costs 4 an image, Edit 2' }),
];

export const description = updateDisplayOptions({ show: { resource: ['image'], operation: ['generate'] } }, properties);

/** What one item asks for; only the chosen model's fields are read at all. */
function readItem(ctx: IExecuteFunctions, itemIndex: number): GenerateItem {
	const model = ctx.getNodeParameter('model', itemIndex) as Model;
	if (!MODELS.includes(model)) throw inputError(ctx, itemIndex, 'model', `must be one of: ${MODELS.join(', ')}`);
	const images = readUrlInput(ctx, itemIndex, {
		field: 'imageUrls',
		uploadParameter: 'inputBinaryFields',
		accepted: IMAGE_INPUT_MIME_TYPES,
		count: IMAGE_URL_COUNTS[model],
		noun: 'image',
	});
	const candidate: Record<string, unknown> = { model, prompt: ctx.getNodeParameter('prompt', itemIndex, '') };
	for (const field of MODEL_FIELDS[model]) {
		if (field === 'model' || field === 'prompt' || field === 'imageUrls') continue;
		const value = ctx.getNodeParameter(field, itemIndex, undefined);
		if (value !== undefined && value !== '') candidate[field] = value;
	}
	return { candidate, inputs: [images], schema: generateRequestSchema, cost: CREDITS_PER_IMAGE[model] };
}

export const execute = generateExecute(IMAGE, readItem);
