/**
 * A post is public: it is never created twice. No create is sent again on a reset, a time-out
 * or a 5xx: the lost answer is looked for in GET /social/posts (drafts included, a date range
 * around the send and the scheduled time) by what the request fixed; Retry On Fail carries on
 * with the earlier try's post, and never makes again a post that failed. Publishing now is
 * waited for (published at once or later, failed) with one list look for every post of the run.
 */
import { retryMemoryLimits, rememberedCount } from '../nodes/RawUgc/helpers/retryMemory';
import { withFake } from './support/fake';
import { expectSecretNowhere } from './support/secrets';
import { expr } from './support/parameters';
import { numberedItems, runNode, teachPacer } from './support/run';
import {
	CREATE,
	INSTAGRAM,
	lookAtPostsAfterOneSecond,
	otherPost,
	postBodies,
	postOperation,
	postParameters,
	RETRY,
	socialRoutes,
	TIKTOK,
} from './support/social';

jest.setTimeout(30_000);

const handle = withFake();
lookAtPostsAfterOneSecond();
beforeEach(() => {
	handle.fake.social.nowPublishes = 'atOnce';
	handle.fake.social.publishDelayMs = 1_500;
	handle.fake.social.readOnlyKey = false;
	retryMemoryLimits.graceMs = 5 * 60_000;
});
afterEach(() => expect(rememberedCount()).toBe(0));

const postIds = () => [...handle.fake.social.posts.keys()];

describe('a lost answer is looked for, never resent', () => {
	it.each([
		['the connection drops after RawUGC made the post', { kind: 'acceptThenReset' as const }],
		['a 500 after RawUGC made the post', { kind: 'acceptThen500' as const }],
	])('%s: one POST, and the post found is the item’s', async (_what, fault) => {
		handle.fake.failNext(CREATE, fault);
		const result = await runNode(handle, { parameters: postParameters({ content: 'Hello' }) });

		expect(result.error).toBeUndefined();
		expect(postBodies(handle.fake)).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ postId: postIds()[0], status: 'draft', content: 'Hello' });
		const search = handle.fake.apiRequests().find((request) => request.method === 'GET');
		expect(search?.query).toMatchObject({ includeDrafts: 'true' });
	});

	it('a scheduled post is found though the list’s dates go by its scheduled time, weeks after the send', async () => {
		handle.fake.failNext(CREATE, { kind: 'acceptThenReset' });
		const result = await runNode(handle, {
			parameters: postParameters({ mode: 'schedule', scheduledFor: '2027-07-15T09:00', timezone: 'Europe/Berlin' }),
		});

		expect(result.error).toBeUndefined();
		expect(postBodies(handle.fake)).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ postId: postIds()[0], status: 'scheduled' });
	});

	it('not made (the connection dropped before RawUGC acted): one POST, and the error says it may exist and how to check', async () => {
		handle.fake.failNext(CREATE, { kind: 'reset' });
		const result = await runNode(handle, { parameters: postParameters(), continueOnFail: true });

		expect(postBodies(handle.fake)).toHaveLength(1);
		expect(postIds()).toEqual([]);
		expect(result.items[0].json.error).toMatch(/^The post may have been created \(and may be public already\), but RawUGC's answer was lost/);
		expect(result.items[0].json.description).toMatch(/Social Post > Get Many \(Include Drafts on/);
		expectSecretNowhere(result, handle.fake.apiKey);
	});

	it.each([
		['another video', { videoUrl: 'https://storage.rawugc.com/videos/other.mp4' }],
		['other accounts', { accountIds: [TIKTOK, INSTAGRAM] }],
		['another caption', { content: 'Another caption' }],
		['a draft, for a post published now', { mode: 'draft' as const, publishAt: undefined }],
	])('a post of this time window with %s is not taken for the lost one', async (_what, other) => {
		// Someone else's post (the dashboard's, another workflow's), made just now: only the
		// lost post's own fields tell it apart.
		otherPost(handle.fake, other);
		handle.fake.failNext(CREATE, { kind: 'reset' });
		const result = await runNode(handle, { parameters: postParameters({ mode: 'now', content: 'Mine' }), continueOnFail: true });

		expect(result.items[0].json.error).toMatch(/may have been created/);
		expect(postBodies(handle.fake)).toHaveLength(1);
	});

	it('the same post made by someone else just before is taken when it is alike in every field (the control of the tests above)', async () => {
		const mine = otherPost(handle.fake, {});
		handle.fake.failNext(CREATE, { kind: 'reset' });
		const result = await runNode(handle, { parameters: postParameters({ mode: 'now', content: 'Mine' }), continueOnFail: true });

		expect(result.items[0].json).toMatchObject({ postId: mine.postId });
	});
});

describe('Retry On Fail carries on with the earlier try’s post', () => {
	it('the wait failed on the first try: the retry waits for the same post, one POST in all', async () => {
		handle.fake.social.nowPublishes = 'later';
		handle.fake.failNext({ method: 'GET', path: /\/social\/posts\/post_/ }, { status: 404 });
		const result = await runNode(handle, { parameters: postParameters({ mode: 'now' }), settings: RETRY });

		expect(result.error).toBeUndefined();
		expect(postBodies(handle.fake)).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ postId: postIds()[0], status: 'published' });
	});

	it('a lost answer not found on the first try: the retry looks again and sends nothing', async () => {
		handle.fake.failNext(CREATE, { kind: 'reset' });
		const result = await runNode(handle, { parameters: postParameters(), settings: RETRY });

		expect(result.error?.message).toMatch(/^The post may have been created \(and may be public already\) on an earlier try, whose answer was lost; not sent again/);
		expect(postBodies(handle.fake)).toHaveLength(1);
		expect(socialRoutes(handle.fake).filter((route) => route.startsWith('GET /social/posts'))).toHaveLength(2);
	});

	it('a post that failed is not made again by the retry: the error carries its postId', async () => {
		const result = await runNode(handle, { parameters: postParameters({ mode: 'now', content: 'Breaks [fail]' }), settings: RETRY });

		expect(postBodies(handle.fake)).toHaveLength(1);
		expect(result.error?.message).toMatch(new RegExp(`^The post failed to publish: .*\\(postId ${postIds()[0]}\\)`));
	});

	it('Publish: the retry does not publish again, it looks at the post', async () => {
		handle.fake.social.nowPublishes = 'later';
		const draft = await runNode(handle, { parameters: postParameters() });
		const postId = draft.items[0].json.postId as string;
		handle.fake.reset();
		handle.fake.failNext({ method: 'GET', path: `/social/posts/${postId}` }, { status: 404 });

		const result = await runNode(handle, { parameters: postOperation('publish', { postId }), settings: RETRY });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ postId, status: 'published' });
		expect(socialRoutes(handle.fake).filter((route) => route.endsWith('/publish'))).toEqual(['POST /social/posts/{id}/publish']);
	});
});

describe('Publish is sent once', () => {
	async function draft(): Promise<string> {
		const made = await runNode(handle, { parameters: postParameters() });
		handle.fake.reset();
		return made.items[0].json.postId as string;
	}

	it('its answer lost after RawUGC published: the post is looked at, and it is out', async () => {
		const postId = await draft();
		handle.fake.failNext({ method: 'POST', path: `/social/posts/${postId}/publish` }, { kind: 'acceptThenReset' });

		const result = await runNode(handle, { parameters: postOperation('publish', { postId }) });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ postId, status: 'published' });
		expect(socialRoutes(handle.fake)).toEqual(['POST /social/posts/{id}/publish', 'GET /social/posts/{id}']);
	});

	it('its answer lost before RawUGC acted: still a draft, an error, and the publish is not sent again', async () => {
		const postId = await draft();
		handle.fake.failNext({ method: 'POST', path: `/social/posts/${postId}/publish` }, { kind: 'reset' });

		const result = await runNode(handle, { parameters: postOperation('publish', { postId }) });

		expect(result.error?.message).toMatch(/answer to the publish was lost and the post is still a draft; not sent again/);
		expect(socialRoutes(handle.fake)).toEqual(['POST /social/posts/{id}/publish', 'GET /social/posts/{id}']);
	});
});

describe('waiting for a post published now', () => {
	it('published in the create answer: no look at all', async () => {
		const result = await runNode(handle, { parameters: postParameters({ mode: 'now' }) });

		expect(result.items[0].json).toMatchObject({ status: 'published' });
		expect(socialRoutes(handle.fake)).toEqual(['POST /social/posts']);
	});

	it('published later: three posts, then one list look answers for all of them', async () => {
		handle.fake.social.nowPublishes = 'later';
		await teachPacer(handle);
		const result = await runNode(handle, {
			parameters: postParameters({ mode: 'now', content: expr(`'Post ' + $json.n`) }),
			items: numberedItems(3),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.content, item.json.status])).toEqual([
			['Post 0', 'published'],
			['Post 1', 'published'],
			['Post 2', 'published'],
		]);
		const looks = socialRoutes(handle.fake).filter((route) => route.startsWith('GET'));
		expect(looks.length).toBeGreaterThanOrEqual(1);
		expect(looks.every((route) => route === 'GET /social/posts')).toBe(true);
		expect(handle.fake.apiRequests().filter((request) => request.method === 'GET').every((request) => request.query.includeDrafts === 'true')).toBe(true);
	});

	it('failed: an error that carries the postId; under Continue the item carries the post', async () => {
		handle.fake.social.nowPublishes = 'later';
		const result = await runNode(handle, { parameters: postParameters({ mode: 'now', content: 'Breaks [fail]' }), continueOnFail: true });

		const [postId] = postIds();
		expect(result.items[0].json).toMatchObject({ postId, status: 'failed' });
		expect(result.items[0].json.error).toMatch(new RegExp(`^The post failed to publish: The platform refused the video \\(fake\\) \\(postId ${postId}\\)`));
	});

	it('not out within Max Wait Time: the error carries the postId and says how to check', async () => {
		handle.fake.social.nowPublishes = 'later';
		handle.fake.social.publishDelayMs = 60_000;
		const result = await runNode(handle, { parameters: postParameters({ mode: 'now', options: { maxWaitTime: 2 } }) });

		const [postId] = postIds();
		expect(result.error?.message).toBe(`The post is not published yet after 2 s: check it with Social Post > Get (postId ${postId})`);
	});

	it('Wait for Post off: the post as the create answered', async () => {
		handle.fake.social.nowPublishes = 'later';
		const result = await runNode(handle, { parameters: postParameters({ mode: 'now', waitForCompletion: false }) });

		expect(result.items[0].json).toMatchObject({ status: 'scheduled' });
		expect(socialRoutes(handle.fake)).toEqual(['POST /social/posts']);
	});
});

describe('a key that may not post', () => {
	it('a 403 insufficient_scope says so in plain words, and nothing is looked for', async () => {
		handle.fake.social.readOnlyKey = true;
		const result = await runNode(handle, { parameters: postParameters() });

		expect(result.error?.message).toMatch(/^This RawUGC API key may not post: .* \(insufficient_scope\)/);
		expect(socialRoutes(handle.fake)).toEqual(['POST /social/posts']);
		expectSecretNowhere(result, handle.fake.apiKey);
	});
});
