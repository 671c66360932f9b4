import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { JobOptions } from '../../helpers/parameters';
import {
	inputError,
	readBinaryFieldNames,
	readBoolean,
	readImageUrls,
	readJobOptions,
	zodInputError,
} from '../../helpers/parameters';
import { finishJob } from '../../jobs/finish';
import { parseEstimate } from '../../jobs/schedule';
import { submitJob } from '../../jobs/submit';
import { runBatch, type BatchPlan, type BatchSteps } from '../../jobs/batch';
import {
	ASPECT_RATIOS,
	checkImageCount,
	CREDITS_PER_IMAGE,
	EDIT_IMAGE_SIZES,
	EDIT_MODEL,
	generateRequestSchema,
	MAX_IMAGE_URLS,
	type Model,
	MODEL_FIELDS,
	MODELS,
	OUTPUT_FORMATS,
	RESOLUTIONS,
	TEXT_TO_IMAGE_MODEL,
	type GenerateRequest,
} from '../../schema';
import { uploadBinary, checkInputBinary } from '../../transport/upload';
import { IMAGE } from '../../kinds/image';
import { jobOptionsCollection, waitForCompletionField } from '../common.descriptions';

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

/** What one item asks for, checked before anything is sent. */
interface GeneratePlan extends BatchPlan {
	request: GenerateRequest;
	binaryFields: string[];
	wait: boolean;
	options: JobOptions;
	cost: number;
}

/** Reads and checks one item's parameters; only the chosen model's fields are read at all. */
async function plan(ctx: IExecuteFunctions, itemIndex: number): Promise<GeneratePlan> {
	const model = ctx.getNodeParameter('model', itemIndex) as Model;
	if (!MODELS.includes(model)) throw inputError(ctx, itemIndex, 'model', `must be one of: ${MODELS.join(', ')}`);
	const typedUrls = readImageUrls(ctx, itemIndex);
	const binaryFields = readBinaryFieldNames(ctx, itemIndex);
	const candidate: Record<string, unknown> = { model, prompt: ctx.getNodeParameter('prompt', itemIndex, '') };
	for (const field of MODEL_FIELDS[model]) {
		if (field === 'model' || field === 'prompt' || field === 'imageUrls') continue;
		const value = ctx.getNodeParameter(field, itemIndex, undefined);
		if (value !== undefined && value !== '') candidate[field] = value;
	}
	// Uploads join the URLs later: check the count now, with placeholders that pass URL checks.
	const countProblem = checkImageCount(model, typedUrls.length, binaryFields.length);
	if (countProblem) throw inputError(ctx, itemIndex, 'imageUrls', countProblem);
	candidate.imageUrls = [...typedUrls, ...binaryFields.map((_, i) => `https://upload.pending/${i}`)];
	if ((candidate.imageUrls as unknown[]).length === 0) delete candidate.imageUrls;
	const parsed = generateRequestSchema.safeParse(candidate);
	if (!parsed.success) throw zodInputError(ctx, itemIndex, parsed.error);
	const request = parsed.data;
	request.imageUrls = request.imageUrls?.slice(0, typedUrls.length);
	if (request.imageUrls?.length === 0) delete request.imageUrls;
	for (const field of binaryFields) await checkInputBinary(ctx, itemIndex, field);
	return {
		request,
		binaryFields,
		wait: readBoolean(ctx, itemIndex, 'waitForCompletion', true),
		options: readJobOptions(ctx, itemIndex, IMAGE.defaultMaxWaitS),
		cost: CREDITS_PER_IMAGE[model],
	};
}

const steps: BatchSteps<GeneratePlan> = {
	plan,
	async start(ctx, api, planned, itemIndex, deadlineMs) {
		const uploaded: string[] = [];
		for (const field of planned.binaryFields) {
			uploaded.push(await uploadBinary(ctx, api, itemIndex, field, deadlineMs));
		}
		const request = { ...planned.request };
		if (uploaded.length > 0) request.imageUrls = [...(request.imageUrls ?? []), ...uploaded];
		return await submitJob(ctx, api, IMAGE, request, itemIndex, deadlineMs);
	},
	finish: async (ctx, watcher, downloads, job, planned, itemIndex, deadlineMs) =>
		await finishJob(ctx, IMAGE, watcher, downloads, job, {
			itemIndex,
			wait: planned.wait,
			options: planned.options,
			estimate: parseEstimate(job.estimatedCompletionTime, IMAGE),
			deadlineMs,
		}),
};

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	// The cap is the execution's, so the first item's value sets it.
	return await runBatch(this, items, IMAGE, steps, (plans) => plans.find(Boolean)?.options.maxCredits);
}
