import { z } from 'zod';

import type { InputCount } from './kinds/kind';

/**
 * The RawUGC API's rules, in one place: models, enums, limits and the shape of a generate
 * request. The node's parameter options and its input checks are both derived from here.
 */

export const API_VERSION = '2026-03-06';

export const TEXT_TO_IMAGE_MODEL = 'nano-banana-2';
export const EDIT_MODEL = 'google/nano-banana-edit';
export const MODELS = [TEXT_TO_IMAGE_MODEL, EDIT_MODEL] as const;
export type Model = (typeof MODELS)[number];

/** Credits the API takes when it accepts a job. */
export const CREDITS_PER_IMAGE: Record<Model, number> = {
	[TEXT_TO_IMAGE_MODEL]: 4,
	[EDIT_MODEL]: 2,
};

export const PROMPT_MAX_LENGTH = 20000;
export const MAX_IMAGE_URLS = 14;
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export const ASPECT_RATIOS = [
	'auto', '1:1', '1:4', '1:8', '2:3', '3:2', '3:4', '4:1', '4:3', '4:5', '5:4', '8:1', '9:16', '16:9', '21:9',
] as const;
export const EDIT_IMAGE_SIZES = [
	'auto', '1:1', '9:16', '16:9', '3:4', '4:3', '3:2', '2:3', '5:4', '4:5', '21:9',
] as const;
export const RESOLUTIONS = ['1K', '2K', '4K'] as const;
export const OUTPUT_FORMATS = ['png', 'jpeg', 'jpg'] as const;
export const JOB_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Types POST /upload accepts; the generate models take the image ones. */
export const UPLOAD_MIME_TYPES = [
	'image/png', 'image/jpeg', 'image/webp', 'video/mp4', 'video/quicktime', 'video/webm',
] as const;
export const IMAGE_INPUT_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const VIDEO_INPUT_MIME_TYPES = ['video/mp4', 'video/quicktime', 'video/webm'] as const;

/** One of a fixed list; the error lists the values in plain words, whatever came in. */
export function oneOf<T extends readonly [string, ...string[]]>(values: T) {
	const message = `must be one of: ${values.join(', ')}`;
	return z.enum(values as unknown as [T[number], ...T[number][]], {
		errorMap: (issue, ctx) => {
			if (issue.code === 'invalid_enum_value') return { message: `${message} (got ${JSON.stringify(issue.received)})` };
			if (issue.code === 'invalid_type') return { message: `${message} (got ${issue.received})` };
			return { message: ctx.defaultError };
		},
	});
}

export const httpUrl = z
	.string()
	.trim()
	.url('must be a valid URL')
	.refine((url) => /^https?:\/\//i.test(url), 'must start with http:// or https://');

const prompt = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'is required')
	.max(PROMPT_MAX_LENGTH, `must be at most ${PROMPT_MAX_LENGTH} characters`);

const imageUrls = z.array(httpUrl).max(MAX_IMAGE_URLS, `takes at most ${MAX_IMAGE_URLS} images in all`);
const outputFormat = oneOf(OUTPUT_FORMATS).optional();

const textToImageRequest = z
	.object({
		model: z.literal(TEXT_TO_IMAGE_MODEL),
		prompt,
		imageUrls: imageUrls.optional(),
		aspectRatio: oneOf(ASPECT_RATIOS).optional(),
		resolution: oneOf(RESOLUTIONS).optional(),
		googleSearch: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
		outputFormat,
	})
	.strict();

const editRequest = z
	.object({
		model: z.literal(EDIT_MODEL),
		prompt,
		imageUrls: imageUrls.min(1, 'needs at least one image to edit'),
		imageSize: oneOf(EDIT_IMAGE_SIZES).optional(),
		outputFormat,
	})
	.strict();

/** The body of POST /images/generate: only the fields of the chosen model exist. */
export const generateRequestSchema = z.discriminatedUnion('model', [textToImageRequest, editRequest], {
	errorMap: (issue, ctx) =>
		issue.code === 'invalid_union_discriminator'
			? { message: `must be one of: ${MODELS.join(', ')}` }
			: { message: ctx.defaultError },
});
export type GenerateRequest = z.infer<typeof generateRequestSchema>;

/** Names of the request fields that belong to each model (for picking parameters). */
export const MODEL_FIELDS: Record<Model, readonly string[]> = {
	[TEXT_TO_IMAGE_MODEL]: Object.keys(textToImageRequest.shape),
	[EDIT_MODEL]: Object.keys(editRequest.shape),
};

/** Images each model takes, URLs and uploaded binaries together. */
export const IMAGE_URL_COUNTS: Record<Model, InputCount> = {
	[TEXT_TO_IMAGE_MODEL]: { min: 0, max: MAX_IMAGE_URLS },
	[EDIT_MODEL]: { min: 1, max: MAX_IMAGE_URLS },
};

export const uploadResultSchema = z
	.object({ url: httpUrl, contentType: z.string().optional(), size: z.number().optional() })
	.passthrough();

/** Text the API requires: trimmed, 1..max characters. */
export function requiredText(max: number) {
	return z
		.string({ required_error: 'is required', invalid_type_error: 'must be text' })
		.trim()
		.min(1, 'is required')
		.max(max, `must be at most ${max} characters`);
}

/** Optional text: at most `max` characters; empty means not sent. */
export function optionalText(max: number) {
	return z
		.string({ invalid_type_error: 'must be text' })
		.trim()
		.max(max, `must be at most ${max} characters`)
		.optional()
		.transform((value) => (value === '' ? undefined : value));
}
