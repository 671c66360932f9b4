/** Social Post and Social Account parameters, and reading what the fake received for them. */
import { randomBytes } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';

import { POST } from '../../nodes/RawUgc/kinds/post';
import type { FakePost, FakeRawUgc } from '../fake-rawugc';

export const TIKTOK = 'acc_tiktok_1';
export const INSTAGRAM = 'acc_insta_1';
export const YOUTUBE_INACTIVE = 'acc_yt_1';
export const VIDEO_URL = 'https://storage.rawugc.com/videos/abc123.mp4';

/** Retry On Fail as the editor saves it, with a short wait so the tests stay quick. */
export const RETRY = { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 };

/** The create request, for failNext. */
export const CREATE = { method: 'POST', path: '/social/posts' };

/** Publishing takes seconds in the fake: a test file's posts are looked at after one, not after RawUGC's usual ten. */
export function lookAtPostsAfterOneSecond(): void {
	const usualEstimate = POST.usualEstimate;
	beforeAll(() => {
		POST.usualEstimate = '1 second';
	});
	afterAll(() => {
		POST.usualEstimate = usualEstimate;
	});
}

/** Social Post > Create, a draft to TikTok of VIDEO_URL; anything else as given. */
export function postParameters(overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'socialPost', operation: 'create', accountIds: [TIKTOK], mode: 'draft', videoUrl: VIDEO_URL, ...overrides };
}

/** Another Social Post operation. */
export function postOperation(operation: string, overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'socialPost', operation, ...overrides };
}

/** The JSON bodies of every POST /social/posts, in arrival order. */
export function postBodies(fake: FakeRawUgc): Array<Record<string, unknown>> {
	return fake
		.apiRequests()
		.filter((request) => request.method === 'POST' && /\/social\/posts$/.test(request.path))
		.map((request) => JSON.parse(request.body.toString('utf8')) as Record<string, unknown>);
}

/** "METHOD /social/..." of each API request, post ids as {id}. */
export function socialRoutes(fake: FakeRawUgc): string[] {
	return fake.apiRequests().map((request) => `${request.method} ${request.path.replace(/^\/api\/v1/, '').replace(/post_[0-9a-f]+/, '{id}')}`);
}

/** Ms epoch of an ISO instant. */
export const at = (iso: string) => Date.parse(iso);

/**
 * A post made outside this process (the dashboard, another workflow) a moment ago: `now` to
 * TikTok, caption "Mine", VIDEO_URL, published; anything else as given.
 */
export function otherPost(fake: FakeRawUgc, overrides: Partial<FakePost>): FakePost {
	const createdAt = Date.now();
	const post: FakePost = {
		postId: `post_${randomBytes(8).toString('hex')}`,
		accountIds: [TIKTOK],
		mode: 'now',
		videoUrl: VIDEO_URL,
		content: 'Mine',
		timezone: 'UTC',
		tiktok: {},
		scheduledFor: createdAt,
		createdAt,
		publishAt: createdAt,
		willFail: false,
		...overrides,
	};
	fake.social.posts.set(post.postId, post);
	return post;
}
