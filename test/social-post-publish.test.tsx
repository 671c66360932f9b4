/**
 * Publish is sent once: a lost answer is looked at (a post going out counts as out), a retry
 * (Retry On Fail) never publishes again and says so when the post is still a draft, and a
 * plain refusal is an error, not a lost answer.
 */
import { rememberedCount } from '../nodes/RawUgc/helpers/retryMemory';
import { withFake } from './support/fake';
import { expectSecretNowhere } from './support/secrets';
import { runNode } from './support/run';
import { lookAtPostsAfterOneSecond, postOperation, postParameters, RETRY, socialRoutes } from './support/social';

jest.setTimeout(30_000);

const handle = withFake();
lookAtPostsAfterOneSecond();
beforeEach(() => {
	handle.fake.social.nowPublishes = 'atOnce';
	handle.fake.social.readOnlyKey = false;
});
afterEach(() => expect(rememberedCount()).toBe(0));

async function draft(): Promise<string> {
	const made = await runNode(handle, { parameters: postParameters() });
	handle.fake.reset();
	return made.items[0].json.postId as string;
}

const publishes = () => socialRoutes(handle.fake).filter((route) => route.endsWith('/publish'));

describe('Publish is sent once', () => {
	it('its answer lost after RawUGC acted, the post going out a moment later: looked at, waited for, published', async () => {
		handle.fake.social.nowPublishes = 'later';
		const postId = await draft();
		handle.fake.failNext({ method: 'POST', path: `/social/posts/${postId}/publish` }, { kind: 'acceptThenReset' });

		const result = await runNode(handle, { parameters: postOperation('publish', { postId }) });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ postId, status: 'published' });
		expect(publishes()).toHaveLength(1);
	});

	it('Retry On Fail after its answer was lost before RawUGC acted: the retry publishes nothing and says the post is still a draft', async () => {
		const postId = await draft();
		handle.fake.failNext({ method: 'POST', path: `/social/posts/${postId}/publish` }, { kind: 'reset' });

		const result = await runNode(handle, { parameters: postOperation('publish', { postId }), settings: RETRY });

		expect(result.error?.message).toMatch(/the post is still a draft; not sent again \[item 0\]$/);
		expect(publishes()).toHaveLength(1);
		expect(handle.fake.social.status(handle.fake.social.posts.get(postId)!)).toBe('draft');
	});

	it('a key that may not publish: the 403 in plain words, and nothing looked at', async () => {
		const postId = await draft();
		handle.fake.social.readOnlyKey = true;

		const result = await runNode(handle, { parameters: postOperation('publish', { postId }) });

		expect(result.error?.message).toMatch(/^This RawUGC API key may not post: .* \(insufficient_scope\)/);
		expect(socialRoutes(handle.fake)).toEqual(['POST /social/posts/{id}/publish']);
		expectSecretNowhere(result, handle.fake.apiKey);
	});
});
