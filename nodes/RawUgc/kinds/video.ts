import { z } from 'zod';

import { VIDEO_FILE } from '../helpers/videoType';
import { httpUrl, oneOf } from '../schema';
import type { InputCount, Job, JobKind } from './kind';

/** Videos: Sora 2, Veo 3 and Kling, and their edits (captions, overlay). */
export const VIDEO: JobKind = {
	name: 'video',
	noun: 'video',
	title: 'Video',
	idExample: 'vid_abc123',
	idField: 'videoId',
	path: '/videos',
	listField: 'videos',
	urlField: 'url',
	// Old video objects also carried `id`.
	legacyNames: { taskId: 'videoId', id: 'videoId', resultUrl: 'url' },
	fieldOrder: [
		'videoId', 'status', 'model', 'prompt', 'url', 'version', 'operation', 'versions',
		'creditsUsed', 'newBalance', 'estimatedCompletionTime', 'createdAt', 'completedAt', 'failCode', 'failMessage',
	],
	file: VIDEO_FILE,
	usualEstimate: '1-3 minutes',
	defaultMaxWaitS: 1800,
	matchFields: { model: 'model', prompt: 'prompt' },
	listedPriceKey: listedVideoPriceKey,
};

export const SORA_TEXT = 'sora-2-text-to-video';
export const SORA_IMAGE = 'sora-2-image-to-video';
export const VEO = 'veo3';
export const VEO_FAST = 'veo3_fast';
export const KLING = 'kling-2.6/motion-control';
export const VIDEO_MODELS = [SORA_TEXT, SORA_IMAGE, VEO, VEO_FAST, KLING] as const;
export type VideoModel = (typeof VIDEO_MODELS)[number];

export const VIDEO_PROMPT_MAX_LENGTH = 5000;
export const SORA_ORIENTATIONS = ['portrait', 'landscape'] as const;
export const VEO_ASPECT_RATIOS = ['16:9', '9:16', 'Auto'] as const;
export const SORA_FRAMES = ['10', '15'] as const;
export const KLING_CHARACTER_ORIENTATIONS = ['image', 'video'] as const;
export const KLING_MODES = ['720p', '1080p'] as const;

/** How many images (URLs and uploads together) and reference videos each model takes. */
export const VIDEO_IMAGE_COUNTS: Record<VideoModel, InputCount> = {
	[SORA_TEXT]: { min: 0, max: 0 },
	[SORA_IMAGE]: { min: 1, max: 10 },
	[VEO]: { min: 0, max: 2 },
	[VEO_FAST]: { min: 0, max: 2 },
	[KLING]: { min: 1, max: 10 },
};
export const VIDEO_REFERENCE_COUNTS: Record<VideoModel, InputCount> = {
	[SORA_TEXT]: { min: 0, max: 0 },
	[SORA_IMAGE]: { min: 0, max: 0 },
	[VEO]: { min: 0, max: 0 },
	[VEO_FAST]: { min: 0, max: 0 },
	[KLING]: { min: 1, max: 1 },
};

/** Models whose prompt is required; the others send it only when it is not empty. */
export const PROMPT_REQUIRED: ReadonlySet<VideoModel> = new Set([SORA_TEXT, VEO, VEO_FAST]);

/**
 * The panel's parameters each model reads, by the request field they fill. Sora's
 * `orientation` and Veo's `aspectRatio` both go out as `aspectRatio`. `imageUrls` and
 * `videoUrls` are read apart (they join uploads), `prompt` and `selectedCharacter` always.
 */
export const VIDEO_MODEL_PARAMETERS: Record<VideoModel, Readonly<Record<string, string>>> = {
	[SORA_TEXT]: { aspectRatio: 'orientation', nFrames: 'nFrames' },
	[SORA_IMAGE]: { aspectRatio: 'orientation', nFrames: 'nFrames' },
	[VEO]: { aspectRatio: 'aspectRatio' },
	[VEO_FAST]: { aspectRatio: 'aspectRatio' },
	[KLING]: { characterOrientation: 'characterOrientation', mode: 'mode' },
};

/** Request fields that may change what a video costs: its price is learned per model and these. */
const VIDEO_PRICE_FIELDS = ['nFrames', 'mode', 'characterOrientation'] as const;

/** The key a video's price is learned under, from a request or a job: the model and those settings ('' when unset). */
export function videoPriceKey(fields: Record<string, unknown>): string {
	return JSON.stringify([fields.model, ...VIDEO_PRICE_FIELDS.map((field) => fields[field] ?? '')]);
}

const shown = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * A listed video's price key, only where its charge surely is that price: an original (an edit,
 * or a video with edits, may show another charge) of a known model, showing every setting its
 * model's price may depend on (a hidden one is no default).
 */
function listedVideoPriceKey(job: Job): string | undefined {
	const model = job.model as VideoModel;
	if (!VIDEO_MODELS.includes(model)) return undefined;
	const edited = shown(job.operation) || Number(job.version ?? 1) > 1 || (Array.isArray(job.versions) && job.versions.length > 1);
	if (edited) return undefined;
	const settings = VIDEO_PRICE_FIELDS.filter((field) => field in VIDEO_MODEL_PARAMETERS[model]);
	return settings.every((field) => shown(job[field])) ? videoPriceKey(job) : undefined;
}

const requiredPrompt = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'is required')
	.max(VIDEO_PROMPT_MAX_LENGTH, `must be at most ${VIDEO_PROMPT_MAX_LENGTH} characters`);
const optionalPrompt = requiredPrompt.optional();

function urls(what: string, count: InputCount) {
	const list = z.array(httpUrl).max(count.max, `takes at most ${count.max} ${what} in all`);
	return count.min === 0 ? list.optional() : list.min(count.min, `needs at least ${count.min} of the ${what}`);
}

const selectedCharacter = z
	.string({ invalid_type_error: 'must be a character username (text)' })
	.trim()
	.min(1)
	.regex(/^\S+$/, 'must be a single username without spaces')
	.optional();

// Expressions may give the length as a number: the API takes the string.
const nFrames = z.preprocess((value) => (typeof value === 'number' ? String(value) : value), oneOf(SORA_FRAMES)).optional();

const sora = {
	aspectRatio: oneOf(SORA_ORIENTATIONS).optional(),
	nFrames,
	selectedCharacter,
};
const veo = { prompt: requiredPrompt, imageUrls: urls('images', VIDEO_IMAGE_COUNTS[VEO]), aspectRatio: oneOf(VEO_ASPECT_RATIOS).optional(), selectedCharacter };

/** The body of POST /videos/generate: only the chosen model's fields exist. */
export const videoRequestSchema = z.discriminatedUnion(
	'model',
	[
		z.object({ model: z.literal(SORA_TEXT), prompt: requiredPrompt, ...sora }).strict(),
		z
			.object({ model: z.literal(SORA_IMAGE), prompt: optionalPrompt, imageUrls: urls('images', VIDEO_IMAGE_COUNTS[SORA_IMAGE]), ...sora })
			.strict(),
		z.object({ model: z.literal(VEO), ...veo }).strict(),
		z.object({ model: z.literal(VEO_FAST), ...veo }).strict(),
		z
			.object({
				model: z.literal(KLING),
				prompt: optionalPrompt,
				imageUrls: urls('images', VIDEO_IMAGE_COUNTS[KLING]),
				videoUrls: urls('reference videos', VIDEO_REFERENCE_COUNTS[KLING]),
				characterOrientation: oneOf(KLING_CHARACTER_ORIENTATIONS).optional(),
				mode: oneOf(KLING_MODES).optional(),
				selectedCharacter,
			})
			.strict(),
	],
	{
		errorMap: (issue, ctx) =>
			issue.code === 'invalid_union_discriminator'
				? { message: `must be one of: ${VIDEO_MODELS.join(', ')}` }
				: { message: ctx.defaultError },
	},
);
export type VideoRequest = z.infer<typeof videoRequestSchema>;
