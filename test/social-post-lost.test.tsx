/**
 * A create whose answer was lost takes only a post that can be its own: every field the request
 * fixed (the scheduled time, its zone, the RawUGC video, the accounts when the post shows their
 * ids) and a creation while the request was on its way. Under Retry On Fail the post such a
 * search found is carried on with, and a search that failed on the first try is made again.
 */
import { rememberedCount } from '../nodes/RawUgc/helpers/retryMemory';
import { withFake } from './support/fake';
import { runNode } from './support/run';
import { at, CREATE, INSTAGRAM, lookAtPostsAfterOneSecond, otherPost, postBodies, postParameters, RETRY, TIKTOK } from './support/social';

jest.setTimeout(30_000);

const handle = withFake();
lookAtPostsAfterOneSecond();
beforeEach(() => {
	handle.fake.social.nowPublishes = 'atOnce';
	handle.fake.social.platformsShow = 'names';
});
afterEach(() => expect(rememberedCount()).toBe(0));

const postIds = () => [...handle.fake.social.posts.keys()];

describe('a lost scheduled create takes no post that differs in what it fixed', () => {
	// 9:00 in Berlin on 15 July 2027 is 07:00 UTC; the lost request links RawUGC video vid_mine.
	const SEVEN_UTC = at('2027-07-15T07:00:00Z');
	const mine = { mode: 'schedule' as const, scheduledFor: SEVEN_UTC, publishAt: SEVEN_UTC, timezone: 'Europe/Berlin', videoId: 'vid_mine' };
	const parameters = postParameters({ mode: 'schedule', scheduledFor: '2027-07-15T09:00', timezone: 'Europe/Berlin', content: 'Mine', videoId: 'vid_mine' });

	it.each([
		['another scheduled time', { scheduledFor: at('2027-07-15T06:00:00Z'), publishAt: at('2027-07-15T06:00:00Z') }],
		['the same instant in another zone', { timezone: 'Europe/Paris' }],
		['another RawUGC video', { videoId: 'vid_other' }],
	])('a post of this time window with %s is not taken', async (_what, other) => {
		otherPost(handle.fake, { ...mine, ...other });
		handle.fake.failNext(CREATE, { kind: 'reset' });

		const result = await runNode(handle, { parameters, continueOnFail: true });

		expect(result.items[0].json.error).toMatch(/^The post may have been created \(and may be public already\), but RawUGC's answer was lost/);
		expect(postBodies(handle.fake)).toHaveLength(1);
	});

	it('the control: alike in every field, it is taken', async () => {
		const alike = otherPost(handle.fake, mine);
		handle.fake.failNext(CREATE, { kind: 'reset' });

		const result = await runNode(handle, { parameters, continueOnFail: true });

		expect(result.items[0].json).toMatchObject({ postId: alike.postId, status: 'scheduled' });
	});

	it('an alike post created an hour before the send is not taken, though the list (by scheduled time) shows it', async () => {
		otherPost(handle.fake, { ...mine, createdAt: Date.now() - 3_600_000 });
		handle.fake.failNext(CREATE, { kind: 'reset' });

		const result = await runNode(handle, { parameters, continueOnFail: true });

		expect(result.items[0].json.error).toMatch(/may have been created/);
		const search = handle.fake.apiRequests().find((request) => request.method === 'GET');
		expect(Number(search?.query.toDate)).toBeGreaterThanOrEqual(SEVEN_UTC);
	});
});

describe('a lost create, when the post shows its accounts’ ids', () => {
	beforeEach(() => {
		handle.fake.social.platformsShow = 'accounts';
	});

	it.each([
		['another account of the same count is not taken', [INSTAGRAM], false],
		['the same account is taken (the control)', [TIKTOK], true],
	])('%s', async (_what, accountIds, taken) => {
		const other = otherPost(handle.fake, { mode: 'draft', publishAt: undefined, accountIds });
		handle.fake.failNext(CREATE, { kind: 'reset' });

		const result = await runNode(handle, { parameters: postParameters({ content: 'Mine' }), continueOnFail: true });

		if (taken) expect(result.items[0].json).toMatchObject({ postId: other.postId, platforms: [{ platform: 'tiktok', accountId: TIKTOK }] });
		else expect(result.items[0].json.error).toMatch(/may have been created/);
	});
});

describe('Retry On Fail after a lost create', () => {
	it('the post found after the lost answer, then its wait failed: the retry carries on with it, one POST in all', async () => {
		handle.fake.social.nowPublishes = 'later';
		handle.fake.failNext(CREATE, { kind: 'acceptThenReset' });
		handle.fake.failNext({ method: 'GET', path: /\/social\/posts\/post_/ }, { status: 404 });

		const result = await runNode(handle, { parameters: postParameters({ mode: 'now' }), settings: RETRY });

		expect(result.error).toBeUndefined();
		expect(postBodies(handle.fake)).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ postId: postIds()[0], status: 'published' });
	});

	it('the first try’s search failed: the retry searches again, finds the post, and sends nothing', async () => {
		handle.fake.failNext(CREATE, { kind: 'acceptThenReset' });
		// The client tries the list five times: all five fail on the first try.
		handle.fake.failNext({ method: 'GET', path: '/social/posts' }, { status: 503 }, 5);

		const result = await runNode(handle, { parameters: postParameters({ content: 'Hello' }), settings: RETRY });

		expect(result.error).toBeUndefined();
		expect(postBodies(handle.fake)).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ postId: postIds()[0], status: 'draft', content: 'Hello' });
	});

	it('the retry’s look at the earlier try’s post gets an answer that is no post: the error still names the postId', async () => {
		handle.fake.social.nowPublishes = 'later';
		const look = { method: 'GET', path: /\/social\/posts\/post_/ };
		handle.fake.failNext(look, { status: 404 });
		// A 200 whose body is not a post (no postId).
		handle.fake.failNext(look, { status: 200 });

		const result = await runNode(handle, { parameters: postParameters({ mode: 'now' }), settings: RETRY });

		expect(postBodies(handle.fake)).toHaveLength(1);
		expect(result.error?.message).toMatch(new RegExp(`^RawUGC answered without a postId.*postId ${postIds()[0]}`));
	});
});
