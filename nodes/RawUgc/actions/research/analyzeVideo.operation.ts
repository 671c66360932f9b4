import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { zodInputError } from '../../helpers/parameters';
import { DEFAULT_PAID_MAX_WAIT_S, paidOptionsCollection, readPaidOptions } from '../../paid/options';
import type { PaidCall } from '../../paid/paidCall';
import { runPaidItems } from '../../paid/runPaid';
import { httpUrl, optionalText, VIDEO_INPUT_MIME_TYPES } from '../../schema';
import { checkBinary, uploadFile, type BinarySource } from '../../transport/upload';

export const ANALYSIS: PaidCall = { name: 'analysis', noun: 'video analysis', path: '/analyze-video', credits: 1 };


const requestSchema = z.object({
	videoUrl: httpUrl,
	prompt: optionalText(5000),
});

const properties: INodeProperties[] = [
	{
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		default: '={{ $json.url }}',
		placeholder: 'e.g. https://www.tiktok.com/@creator/video/123',
		description: 'A TikTok, Instagram or YouTube link, or a direct video file URL (up to 150 MB). By default the incoming item’s URL, e.g. a video RawUGC made or a scraped TikTok.',
	},
	{
		displayName: 'Input Video Binary Field',
		name: 'inputVideoBinaryField',
		type: 'string',
		default: '',
		placeholder: 'e.g. data',
		description: 'Optional: a binary field of the incoming item holding the video (MP4, QuickTime or WebM, up to 100 MB). It is uploaded first and analysed instead of Video URL.',
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. What makes the first three seconds work?',
		description: 'Optional: what to look at in particular, up to 5,000 characters',
	},
	paidOptionsCollection(
		ANALYSIS,
		'How long RawUGC’s answer may take (an analysis often takes minutes), including a wait for the rate limit. Past it the call is given up and the error says it may have been charged.',
	),
];

export const description = updateDisplayOptions({ show: { resource: ['research'], operation: ['analyzeVideo'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPaidItems(this, items, ANALYSIS, async (itemIndex) => {
		const field = String(this.getNodeParameter('inputVideoBinaryField', itemIndex, '') ?? '').trim();
		const source: BinarySource | undefined = field
			? { itemIndex, field, parameter: 'inputVideoBinaryField', accepted: VIDEO_INPUT_MIME_TYPES }
			: undefined;
		// A binary is analysed instead of the URL: a stand-in URL lets the schema check the rest.
		const videoUrl = source ? 'https://upload.pending/video' : (this.getNodeParameter('videoUrl', itemIndex, '') ?? '');
		const parsed = requestSchema.safeParse({ videoUrl, prompt: this.getNodeParameter('prompt', itemIndex, '') });
		if (!parsed.success) throw zodInputError(this, itemIndex, parsed.error);
		if (source) await checkBinary(this, source);
		const options = readPaidOptions(this, itemIndex, DEFAULT_PAID_MAX_WAIT_S);
		const request = { ...parsed.data };
		if (request.prompt === undefined) delete request.prompt;
		return {
			request,
			maxCredits: options.maxCredits,
			waitMs: (options.maxWaitTime as number) * 1000,
			prepare: source ? async (api, deadlineMs) => ({ ...request, videoUrl: (await uploadFile(this, api, source, deadlineMs)).url }) : undefined,
		};
	});
}
