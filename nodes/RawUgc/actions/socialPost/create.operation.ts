import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError, readBinaryFieldNames, readBoolean, readJobOptions, zodInputError } from '../../helpers/parameters';
import { runBatch, type BatchSteps } from '../../jobs/batch';
import { submitJob } from '../../jobs/submit';
import type { JobRequest } from '../../kinds/kind';
import { CAPTION_MAX_LENGTH, POST, postRequestSchema, TIKTOK_FIELDS } from '../../kinds/post';
import { VIDEO_INPUT_MIME_TYPES } from '../../schema';
import { binarySources, checkBinary, uploadFile, type BinarySource } from '../../transport/upload';
import { accountIdsField, timezoneDescription, waitFields } from './descriptions';
import { readAccountIds } from './ids';
import { readScheduledFor } from './times';
import { waitForPost, type PostPlan } from './waitForPost';

// Resource and operation first: n8n shows a parameter whose condition holds an expression, and
// Kling's own \`mode\` may be one; checked first, they hide these fields from every other operation.
const forModes = (...mode: string[]) => ({ show: { resource: ['socialPost'], operation: ['create'], mode } });

const properties: INodeProperties[] = [
	accountIdsField({ required: true }),
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{ name: 'Draft', value: 'draft', description: 'Save the post in RawUGC; publish it later with Social Post > Publish' },
			{ name: 'Schedule', value: 'schedule', description: 'Publish at the time given in Scheduled For' },
			{ name: 'Now', value: 'now', description: 'Publish at once' },
		],
		default: 'draft',
	},
	{
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		default: '={{ $json.url }}',
		placeholder: 'https://storage.rawugc.com/videos/abc123.mp4',
		description:
			'Public http(s) URL of the video. The default takes the video URL of the incoming item, so the post follows a Video > Generate or Add Captions node as it is.',
	},
	{
		displayName: 'Input Video Binary Field',
		name: 'inputVideoBinaryField',
		type: 'string',
		default: '',
		placeholder: 'e.g. data',
		description:
			'Optional: a binary field of the incoming item holding the video (MP4, MOV or WebM, up to 100 MB). It is uploaded to RawUGC first and its URL is posted instead of Video URL.',
	},
	{
		displayName: 'Caption',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: `The post’s text (up to ${CAPTION_MAX_LENGTH} characters). Not sent when empty.`,
	},
	{
		displayName: 'Scheduled For',
		name: 'scheduledFor',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'When to publish: a time in the future, read in Timezone unless it carries an offset or Z',
		displayOptions: forModes('schedule'),
	},
	{
		displayName: 'Timezone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Berlin',
		description: timezoneDescription,
		displayOptions: forModes('schedule'),
	},
	{
		displayName: 'RawUGC Video ID',
		name: 'videoId',
		type: 'string',
		default: '',
		placeholder: 'e.g. vid_abc123',
		description: 'Optional: the RawUGC video this post shows, to link them. Not sent when empty.',
	},
	{
		displayName: 'TikTok Options',
		name: 'tiktokOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Allow Comments', name: 'allowComment', type: 'boolean', default: true, description: 'Whether viewers may comment' },
			{ displayName: 'Allow Duet', name: 'allowDuet', type: 'boolean', default: true, description: 'Whether viewers may duet the video' },
			{ displayName: 'Allow Stitch', name: 'allowStitch', type: 'boolean', default: true, description: 'Whether viewers may stitch the video' },
			{
				displayName: 'Commercial Content',
				name: 'commercialContentType',
				type: 'options',
				options: [
					{ name: 'None', value: 'none' },
					{ name: 'Your Own Brand', value: 'brand_organic' },
					{ name: 'Branded Content (Paid Partnership)', value: 'brand_content' },
				],
				default: 'none',
			},
			{
				displayName: 'Privacy Level',
				name: 'privacyLevel',
				type: 'options',
				options: [
					{ name: 'Everyone', value: 'PUBLIC_TO_EVERYONE' },
					{ name: 'Followers', value: 'FOLLOWER_OF_CREATOR' },
					{ name: 'Friends', value: 'MUTUAL_FOLLOW_FRIENDS' },
					{ name: 'Only Me', value: 'SELF_ONLY' },
				],
				default: 'PUBLIC_TO_EVERYONE',
			},
			{
				displayName: 'Send to Creator Inbox',
				name: 'publishToInbox',
				type: 'boolean',
				default: false,
				description: 'Whether to send the video to the TikTok creator inbox to finish there, instead of posting it directly',
			},
		],
	},
	...waitFields({ resource: ['socialPost'], operation: ['create'], mode: ['now'] }),
];

export const description = updateDisplayOptions({ show: { resource: ['socialPost'], operation: ['create'] } }, properties);

interface CreatePlan extends PostPlan {
	request: JobRequest;
	upload?: BinarySource;
}

// Stands in for the URL of the video to upload, so the schema checks the rest.
const UPLOAD_STAND_IN = 'https://upload.pending/video';
const TIKTOK_PARAMETER: Record<string, string> = Object.fromEntries(
	Object.entries(TIKTOK_FIELDS).map(([option, field]) => [field, `tiktokOptions.${option}`]),
);

function readUpload(ctx: IExecuteFunctions, itemIndex: number): BinarySource | undefined {
	const fields = readBinaryFieldNames(ctx, itemIndex, 'inputVideoBinaryField');
	if (fields.length > 1) throw inputError(ctx, itemIndex, 'inputVideoBinaryField', `names one binary field, got ${fields.length}`);
	return binarySources(itemIndex, 'inputVideoBinaryField', fields, VIDEO_INPUT_MIME_TYPES)[0];
}

/** The request one item asks for, checked; the time read in its zone. */
function readRequest(ctx: IExecuteFunctions, itemIndex: number, upload: BinarySource | undefined): JobRequest {
	const mode = ctx.getNodeParameter('mode', itemIndex, 'draft') as unknown;
	const candidate: Record<string, unknown> = {
		accountIds: readAccountIds(ctx.getNodeParameter('accountIds', itemIndex, []) as unknown),
		mode,
	};
	const videoUrl = upload ? UPLOAD_STAND_IN : (ctx.getNodeParameter('videoUrl', itemIndex, '') as unknown);
	if (videoUrl === undefined || videoUrl === null || (typeof videoUrl === 'string' && videoUrl.trim() === '')) {
		throw inputError(ctx, itemIndex, 'videoUrl', 'is required: the public URL of the video (the incoming item has no url), or a binary field in inputVideoBinaryField');
	}
	candidate.videoUrl = typeof videoUrl === 'string' ? videoUrl.trim() : videoUrl;
	const content = ctx.getNodeParameter('content', itemIndex, '') as unknown;
	if (content !== '' && content !== undefined && content !== null) candidate.content = content;
	const videoId = ctx.getNodeParameter('videoId', itemIndex, '') as unknown;
	if (videoId !== '' && videoId !== undefined && videoId !== null) candidate.videoId = videoId;
	if (mode === 'schedule') {
		Object.assign(
			candidate,
			readScheduledFor(ctx, itemIndex, {
				value: ctx.getNodeParameter('scheduledFor', itemIndex, '') as unknown,
				zone: ctx.getNodeParameter('timezone', itemIndex, '') as unknown,
				valueName: 'scheduledFor',
				zoneName: 'timezone',
			}),
		);
	}
	const tiktok = ctx.getNodeParameter('tiktokOptions', itemIndex, {}) as IDataObject;
	for (const [option, field] of Object.entries(TIKTOK_FIELDS)) {
		if (tiktok[option] !== undefined && tiktok[option] !== '') candidate[field] = tiktok[option];
	}
	const parsed = postRequestSchema.safeParse(candidate);
	if (!parsed.success) throw zodInputError(ctx, itemIndex, parsed.error, TIKTOK_PARAMETER);
	return parsed.data;
}

const steps: BatchSteps<CreatePlan> = {
	async plan(ctx, itemIndex) {
		const upload = readUpload(ctx, itemIndex);
		const request = readRequest(ctx, itemIndex, upload);
		if (upload) await checkBinary(ctx, upload);
		const wait = request.mode === 'now' && readBoolean(ctx, itemIndex, 'waitForCompletion', true);
		const options = readJobOptions(ctx, itemIndex, POST.defaultMaxWaitS);
		return { request, upload, wait, options: { ...options, download: false } };
	},
	async start(ctx, api, planned, itemIndex, deadlineMs) {
		const request = { ...planned.request };
		if (planned.upload) request.videoUrl = (await uploadFile(ctx, api, planned.upload, deadlineMs)).url;
		// Sent once: a lost answer is looked for, never resent (see jobs/submit.ts).
		return await submitJob(ctx, api, POST, request, itemIndex, deadlineMs);
	},
	finish: waitForPost,
};

/** One post per item: a draft, scheduled, or published now (and then optionally waited for). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runBatch(this, items, POST, steps);
}
