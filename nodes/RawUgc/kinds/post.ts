import { z } from 'zod';

import { VIDEO_FILE } from '../helpers/videoType';
import { httpUrl, oneOf } from '../schema';
import type { Job, JobKind, JobRequest } from './kind';

/**
 * Social posts, on the jobs' engine: created once (never resent), waited for until published or
 * failed, found again after a lost answer by what the request fixed. Their list filters by a
 * date range instead of pages, and answers everything in that range at once.
 */
/** A 403 (insufficient_scope) on a social write, in plain words. */
export const SOCIAL_FORBIDDEN =
	'This RawUGC API key may not post: give it the permission to post to social accounts in the RawUGC dashboard, or use a key that has it';

export const POST: JobKind = {
	name: 'post',
	noun: 'post',
	title: 'Post',
	idExample: 'post_abc123',
	idField: 'postId',
	path: '/social/posts',
	submitPath: '/social/posts',
	listField: 'posts',
	// The post's video. Never downloaded: a post never becomes `completed`.
	urlField: 'videoUrl',
	file: VIDEO_FILE,
	legacyNames: {},
	fieldOrder: ['postId', 'status', 'platforms', 'scheduledFor', 'timezone', 'content', 'videoUrl', 'videoId', 'createdAt', 'publishedAt'],
	// How long publishing now takes is not documented: a guess, only timing.
	usualEstimate: '10-60 seconds',
	defaultMaxWaitS: 600,
	matchFields: { videoUrl: 'videoUrl', content: 'content', scheduledFor: 'scheduledFor', timezone: 'timezone', videoId: 'videoId' },
	finishedStatuses: ['published', 'failed'],
	// Which date the range applies to (scheduled or created) is unknown: callers give one that covers both.
	listQuery: ({ fromMs, toMs }) => ({ fromDate: Math.floor(fromMs), toDate: Math.ceil(toMs), includeDrafts: true }),
	// A failed post may have gone out on some of its platforms: a retry reports it, never posts again.
	resubmitFailed: false,
	matchesAlso: (request, job) => sameMode(request, job) && samePlatforms(request, job),
	wording: {
		forbidden: SOCIAL_FORBIDDEN,
		failed: 'failed to publish',
		stillRunning: 'is not published yet',
		collect: 'check it with Social Post > Get',
		mayExist: 'may have been created (and may be public already)',
		howToCheck:
			'Look for it with Social Post > Get Many (Include Drafts on, a date range around this run) or in the RawUGC dashboard before running this item again, so it is not posted twice.',
	},
};

/** A draft request makes a draft; the others never do. */
function sameMode(request: JobRequest, job: Job): boolean {
	return job.status === undefined || (request.mode === 'draft') === (job.status === 'draft');
}

/**
 * The post's `platforms` (their shape is not documented) agree with the accounts asked for:
 * the same account ids when it shows them, else one entry per account.
 */
function samePlatforms(request: JobRequest, job: Job): boolean {
	const asked = request.accountIds as string[] | undefined;
	const shown = job.platforms;
	if (!Array.isArray(asked) || !Array.isArray(shown)) return true;
	const shownIds = shown.map((entry) => (entry && typeof entry === 'object' ? (entry as { accountId?: unknown }).accountId : undefined));
	if (shownIds.every((id) => typeof id === 'string')) {
		return shownIds.length === asked.length && asked.every((id) => shownIds.includes(id));
	}
	return shown.length === asked.length;
}

export const POST_MODES = ['draft', 'schedule', 'now'] as const;
export const POST_STATUSES = ['draft', 'scheduled', 'published', 'failed'] as const;
export const CAPTION_MAX_LENGTH = 2200;
export const TIKTOK_PRIVACY_LEVELS = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;
export const TIKTOK_COMMERCIAL_TYPES = ['none', 'brand_organic', 'brand_content'] as const;

/** The TikTok settings: the panel's name -> the request field. */
export const TIKTOK_FIELDS: Readonly<Record<string, string>> = {
	publishToInbox: 'publishToInbox',
	privacyLevel: 'tiktokPrivacyLevel',
	allowComment: 'tiktokAllowComment',
	allowDuet: 'tiktokAllowDuet',
	allowStitch: 'tiktokAllowStitch',
	commercialContentType: 'tiktokCommercialContentType',
};

const bool = z.boolean({ invalid_type_error: 'must be true or false' });
const oneId = z
	.string({ invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'must not be empty')
	.regex(/^\S+$/, 'must be a single ID without spaces');

export const accountIdsSchema = z.array(oneId).min(1, 'needs at least one account');
export const captionSchema = z
	.string({ invalid_type_error: 'must be text' })
	.max(CAPTION_MAX_LENGTH, `must be at most ${CAPTION_MAX_LENGTH} characters`);

/** The body of POST /social/posts (`scheduledFor` already an instant in ms). */
export const postRequestSchema = z
	.object({
		videoUrl: z.string({ required_error: 'is required: the public URL of the video' }).pipe(httpUrl),
		accountIds: accountIdsSchema,
		mode: oneOf(POST_MODES),
		scheduledFor: z.number().int().optional(),
		timezone: z.string().optional(),
		content: captionSchema.optional(),
		videoId: oneId.optional(),
		publishToInbox: bool.optional(),
		tiktokPrivacyLevel: oneOf(TIKTOK_PRIVACY_LEVELS).optional(),
		tiktokAllowComment: bool.optional(),
		tiktokAllowDuet: bool.optional(),
		tiktokAllowStitch: bool.optional(),
		tiktokCommercialContentType: oneOf(TIKTOK_COMMERCIAL_TYPES).optional(),
	})
	.strict();

/** The body of PATCH /social/posts/{postId}: at least one field. */
export const postUpdateSchema = z
	.object({
		content: captionSchema.optional(),
		scheduledFor: z.number().int().optional(),
		timezone: z.string().optional(),
		accountIds: accountIdsSchema.optional(),
	})
	.strict();
