/**
 * Social accounts and posts (rawugc-api.md, "Beyond generation"): GET/POST /social/accounts,
 * DELETE /social/accounts/{id}; POST/GET /social/posts, GET/PATCH/DELETE /social/posts/{id},
 * POST /social/posts/{id}/reschedule and /publish. No pagination: lists answer everything.
 */
import { randomBytes } from 'node:crypto';

import { type Answer, jsonAnswer } from './http-util';
import type { RouteContext } from './route-context';

export type Platform = 'tiktok' | 'instagram' | 'youtube';
export type PostStatus = 'draft' | 'scheduled' | 'published' | 'failed';

export interface FakeSocialAccount {
	accountId: string;
	platform: Platform;
	username: string;
	displayName: string;
	profilePicture?: string;
	isActive: boolean;
}

export interface FakePost {
	postId: string;
	accountIds: string[];
	mode: 'draft' | 'schedule' | 'now';
	videoUrl: string;
	content?: string;
	timezone: string;
	videoId?: string;
	/** The TikTok settings as sent. */
	tiktok: Record<string, unknown>;
	scheduledFor?: number;
	createdAt: number;
	/** When it goes out (undefined: a draft); mutable, tests move it. */
	publishAt?: number;
	willFail: boolean;
}

export interface SocialOptions {
	/** `now` posts: published in the create answer (`atOnce`, default) or `scheduled` first and published after `publishDelayMs`. */
	nowPublishes?: 'atOnce' | 'later';
	publishDelayMs?: number;
	/** GET /social/posts filters fromDate/toDate on `scheduledFor` (then `createdAt` for drafts) or on `createdAt` only. */
	rangeBy?: 'scheduledFor' | 'createdAt';
	/** The key lacks the scope to post: every POST/PATCH/DELETE under /social answers 403 insufficient_scope. */
	readOnlyKey?: boolean;
	/** A post's `platforms` (their shape is not documented): platform names (default), or `{ platform, accountId }` each. */
	platformsShow?: 'names' | 'accounts';
}

/** Two active accounts (TikTok, Instagram) and one inactive (YouTube). */
export const DEFAULT_SOCIAL_ACCOUNTS: readonly FakeSocialAccount[] = [
	{ accountId: 'acc_tiktok_1', platform: 'tiktok', username: 'shoes.daily', displayName: 'Shoes Daily', isActive: true },
	{ accountId: 'acc_insta_1', platform: 'instagram', username: 'shoesdaily', displayName: 'Shoes Daily IG', isActive: true },
	{ accountId: 'acc_yt_1', platform: 'youtube', username: 'shoesdailyyt', displayName: 'Shoes Daily YT', isActive: false },
];

const MODES = ['draft', 'schedule', 'now'] as const;
const PRIVACY = ['SELF_ONLY', 'PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR'];
const COMMERCIAL = ['none', 'brand_organic', 'brand_content'];
const TIKTOK_BOOLEANS = ['publishToInbox', 'tiktokAllowComment', 'tiktokAllowDuet', 'tiktokAllowStitch'];
const CREATE_FIELDS = new Set([
	'videoUrl', 'accountIds', 'mode', 'scheduledFor', 'timezone', 'content', 'videoId',
	...TIKTOK_BOOLEANS, 'tiktokPrivacyLevel', 'tiktokCommercialContentType',
]);
const UPDATE_FIELDS = new Set(['content', 'scheduledFor', 'timezone', 'accountIds']);

function knownZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

/** The accounts and posts of the fake's one organization. */
export class SocialStore {
	accounts: FakeSocialAccount[];
	readonly posts = new Map<string, FakePost>();
	nowPublishes: 'atOnce' | 'later';
	publishDelayMs: number;
	rangeBy: 'scheduledFor' | 'createdAt';
	readOnlyKey: boolean;
	platformsShow: 'names' | 'accounts';
	/** A caption holding this ends `failed`. */
	failContentIncludes = '[fail]';

	constructor(options: SocialOptions = {}, accounts: readonly FakeSocialAccount[] = DEFAULT_SOCIAL_ACCOUNTS) {
		this.accounts = accounts.map((account) => ({ ...account }));
		this.nowPublishes = options.nowPublishes ?? 'atOnce';
		this.publishDelayMs = options.publishDelayMs ?? 2_000;
		this.rangeBy = options.rangeBy ?? 'scheduledFor';
		this.readOnlyKey = options.readOnlyKey ?? false;
		this.platformsShow = options.platformsShow ?? 'names';
	}

	clear(): void {
		this.posts.clear();
	}

	status(post: FakePost, now = Date.now()): PostStatus {
		if (post.publishAt === undefined) return 'draft';
		if (now < post.publishAt) return 'scheduled';
		return post.willFail ? 'failed' : 'published';
	}

	/** The post as the API shows it. */
	view(post: FakePost): Record<string, unknown> {
		const status = this.status(post);
		const platforms = post.accountIds.map((accountId) => {
			const platform = this.accounts.find((account) => account.accountId === accountId)?.platform ?? 'unknown';
			return this.platformsShow === 'accounts' ? { platform, accountId } : platform;
		});
		return {
			postId: post.postId,
			platforms,
			status,
			...(post.scheduledFor !== undefined ? { scheduledFor: post.scheduledFor } : {}),
			timezone: post.timezone,
			...(post.content !== undefined ? { content: post.content } : {}),
			videoUrl: post.videoUrl,
			...(post.videoId !== undefined ? { videoId: post.videoId } : {}),
			createdAt: post.createdAt,
			...(status === 'published' ? { publishedAt: post.publishAt } : {}),
			...(status === 'failed' ? { error: 'The platform refused the video (fake)' } : {}),
		};
	}

	/** The time GET /social/posts filters on. */
	rangeTime(post: FakePost): number {
		return this.rangeBy === 'scheduledFor' ? (post.scheduledFor ?? post.createdAt) : post.createdAt;
	}
}

function field(errors: Record<string, string[]>, name: string, message: string): void {
	(errors[name] ??= []).push(message);
}

function checkAccountIds(store: SocialStore, value: unknown, errors: Record<string, string[]>): string[] | undefined {
	if (!Array.isArray(value) || value.length === 0 || !value.every((id) => typeof id === 'string' && id !== '')) {
		field(errors, 'accountIds', 'Must be a non-empty array of account ids');
		return undefined;
	}
	for (const id of value as string[]) {
		const account = store.accounts.find((known) => known.accountId === id);
		if (!account) field(errors, 'accountIds', `Unknown account ${id}`);
		else if (!account.isActive) field(errors, 'accountIds', `Account ${id} is not active`);
	}
	return value as string[];
}

function checkTimes(body: Record<string, unknown>, errors: Record<string, string[]>, required: boolean): void {
	const at = body.scheduledFor;
	if (at === undefined) {
		if (required) field(errors, 'scheduledFor', 'Required for mode schedule');
	} else if (!Number.isInteger(at) || (at as number) <= Date.now()) {
		field(errors, 'scheduledFor', 'Must be a future time in ms since the epoch (an integer)');
	}
	if (body.timezone !== undefined && (typeof body.timezone !== 'string' || !knownZone(body.timezone))) {
		field(errors, 'timezone', 'Must be an IANA time zone name');
	}
}

function checkContent(body: Record<string, unknown>, errors: Record<string, string[]>): void {
	if (body.content !== undefined && (typeof body.content !== 'string' || body.content.length > 2200)) {
		field(errors, 'content', 'Must be text of at most 2200 characters');
	}
}

function unknownFields(body: Record<string, unknown>, allowed: Set<string>, errors: Record<string, string[]>): void {
	for (const [name, value] of Object.entries(body)) {
		if (!allowed.has(name)) field(errors, name, 'Unknown field');
		else if (value === null) field(errors, name, 'Must not be null');
	}
}

function objectBody(context: RouteContext): Record<string, unknown> | Answer {
	const parsed = context.jsonBody();
	if (!parsed.ok || !parsed.value || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return context.invalidJson();
	return parsed.value as Record<string, unknown>;
}

const isAnswer = (value: unknown): value is Answer => !!value && typeof value === 'object' && 'status' in value && 'headers' in value;

function createPost(store: SocialStore, context: RouteContext): Answer {
	const body = objectBody(context);
	if (isAnswer(body)) return body;
	const errors: Record<string, string[]> = {};
	unknownFields(body, CREATE_FIELDS, errors);
	if (typeof body.videoUrl !== 'string' || !/^https?:\/\/\S+$/.test(body.videoUrl)) field(errors, 'videoUrl', 'Must be a public http(s) URL');
	const accountIds = checkAccountIds(store, body.accountIds, errors);
	const mode = body.mode as FakePost['mode'];
	if (!MODES.includes(mode)) field(errors, 'mode', `Must be one of ${MODES.join(', ')}`);
	checkTimes(body, errors, mode === 'schedule');
	if (mode !== 'schedule' && body.scheduledFor !== undefined) field(errors, 'scheduledFor', 'Only for mode schedule');
	checkContent(body, errors);
	for (const name of TIKTOK_BOOLEANS) if (body[name] !== undefined && typeof body[name] !== 'boolean') field(errors, name, 'Must be a boolean');
	if (body.tiktokPrivacyLevel !== undefined && !PRIVACY.includes(body.tiktokPrivacyLevel as string)) field(errors, 'tiktokPrivacyLevel', 'Invalid');
	if (body.tiktokCommercialContentType !== undefined && !COMMERCIAL.includes(body.tiktokCommercialContentType as string)) {
		field(errors, 'tiktokCommercialContentType', 'Invalid');
	}
	if (body.videoId !== undefined && typeof body.videoId !== 'string') field(errors, 'videoId', 'Must be text');
	if (Object.keys(errors).length > 0) return context.invalid(errors);
	const createdAt = Date.now();
	const content = body.content as string | undefined;
	const post: FakePost = {
		postId: `post_${randomBytes(8).toString('hex')}`,
		accountIds: accountIds as string[],
		mode,
		videoUrl: body.videoUrl as string,
		content,
		timezone: (body.timezone as string | undefined) ?? 'UTC',
		videoId: body.videoId as string | undefined,
		tiktok: Object.fromEntries(Object.entries(body).filter(([name]) => name.startsWith('tiktok') || name === 'publishToInbox')),
		scheduledFor: body.scheduledFor as number | undefined,
		createdAt,
		publishAt: mode === 'draft' ? undefined : mode === 'schedule' ? (body.scheduledFor as number) : createdAt + (store.nowPublishes === 'later' ? store.publishDelayMs : 0),
		willFail: content?.includes(store.failContentIncludes) ?? false,
	};
	if (mode === 'now') post.scheduledFor = createdAt;
	store.posts.set(post.postId, post);
	return jsonAnswer(201, store.view(post), context.headers);
}

function listPosts(store: SocialStore, context: RouteContext): Answer {
	const { query } = context.record;
	const errors: Record<string, string[]> = {};
	const bound = (name: string): number | undefined => {
		if (query[name] === undefined) return undefined;
		const value = Number(query[name]);
		if (!Number.isFinite(value)) field(errors, name, 'Must be ms since the epoch');
		return value;
	};
	const from = bound('fromDate');
	const to = bound('toDate');
	if (query.includeDrafts !== undefined && !['true', 'false'].includes(query.includeDrafts)) field(errors, 'includeDrafts', 'Must be true or false');
	if (Object.keys(errors).length > 0) return context.invalid(errors);
	const drafts = query.includeDrafts === 'true';
	const posts = [...store.posts.values()]
		.filter((post) => drafts || post.publishAt !== undefined)
		.filter((post) => (from === undefined || store.rangeTime(post) >= from) && (to === undefined || store.rangeTime(post) <= to))
		.sort((a, b) => b.createdAt - a.createdAt)
		.map((post) => store.view(post));
	return jsonAnswer(200, { posts, count: posts.length }, context.headers);
}

function changePost(store: SocialStore, post: FakePost, action: string | undefined, context: RouteContext, method: string): Answer {
	if (method === 'DELETE' && !action) {
		store.posts.delete(post.postId);
		return jsonAnswer(200, { success: true }, context.headers);
	}
	if (method === 'POST' && action === 'publish') {
		const status = store.status(post);
		if (status !== 'draft' && status !== 'scheduled') return context.fail(400, 'validation_error', `The post is ${status}: only a draft or scheduled post can be published.`);
		post.publishAt = Date.now() + (store.nowPublishes === 'later' ? store.publishDelayMs : 0);
		post.scheduledFor = Date.now();
		return jsonAnswer(200, store.view(post), context.headers);
	}
	const body = objectBody(context);
	if (isAnswer(body)) return body;
	const errors: Record<string, string[]> = {};
	if (method === 'POST' && action === 'reschedule') {
		unknownFields(body, new Set(['scheduledFor', 'timezone']), errors);
		checkTimes(body, errors, true);
	} else {
		unknownFields(body, UPDATE_FIELDS, errors);
		if (Object.keys(body).length === 0) field(errors, 'body', 'At least one of content, scheduledFor, timezone, accountIds');
		if (body.accountIds !== undefined) checkAccountIds(store, body.accountIds, errors);
		checkTimes(body, errors, false);
		checkContent(body, errors);
	}
	if (Object.keys(errors).length > 0) return context.invalid(errors);
	if (store.status(post) === 'published') return context.fail(400, 'validation_error', 'The post is already published.');
	if (body.content !== undefined) post.content = body.content as string;
	if (body.accountIds !== undefined) post.accountIds = body.accountIds as string[];
	if (body.timezone !== undefined) post.timezone = body.timezone as string;
	if (body.scheduledFor !== undefined) {
		post.scheduledFor = body.scheduledFor as number;
		post.publishAt = post.scheduledFor;
		post.mode = 'schedule';
	}
	return jsonAnswer(200, store.view(post), context.headers);
}

/** Routes below /social; undefined when the path is not one of them. */
export function socialRoute(store: SocialStore, context: RouteContext, parts: string[]): Answer | undefined {
	if (parts[0] !== 'social') return undefined;
	const method = context.record.method;
	const notAllowed = () => context.fail(405, 'method_not_allowed', `${method} is not allowed here.`);
	if (method !== 'GET' && store.readOnlyKey) {
		return context.fail(403, 'insufficient_scope', 'This API key does not have the social:write scope.');
	}
	if (parts[1] === 'accounts' && parts.length === 2) {
		if (method === 'GET') {
			return jsonAnswer(200, { accounts: store.accounts, count: store.accounts.length }, context.headers);
		}
		if (method === 'POST') return jsonAnswer(200, { success: true }, context.headers);
		return notAllowed();
	}
	if (parts[1] === 'accounts' && parts.length === 3) {
		if (method !== 'DELETE') return notAllowed();
		const id = decodeURIComponent(parts[2]);
		const before = store.accounts.length;
		store.accounts = store.accounts.filter((account) => account.accountId !== id);
		if (store.accounts.length === before) return context.fail(404, 'not_found', `Account ${id} was not found.`);
		return jsonAnswer(200, { success: true }, context.headers);
	}
	if (parts[1] !== 'posts' || parts.length > 4) return undefined;
	if (parts.length === 2) {
		if (method === 'POST') return createPost(store, context);
		if (method === 'GET') return listPosts(store, context);
		return notAllowed();
	}
	const id = decodeURIComponent(parts[2]);
	const post = store.posts.get(id);
	const action = parts[3];
	if (action !== undefined && action !== 'reschedule' && action !== 'publish') return undefined;
	const allowed = action ? method === 'POST' : ['GET', 'PATCH', 'DELETE'].includes(method);
	if (!allowed) return notAllowed();
	if (!post) return context.fail(404, 'not_found', `Post ${id} was not found.`);
	if (method === 'GET') return jsonAnswer(200, store.view(post), context.headers);
	return changePost(store, post, action, context, method);
}
