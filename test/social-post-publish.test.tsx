/**
 * Publish is sent once: a lost answer is looked at (a post going out counts as out), a retry
 * (Retry On Fail) never publishes again and says so when the post is still a draft, and a
 * plain refusal is an error, not a lost answer.
 */
import { rememberedCount } from '../nodes/RawUgc/helpers/retryMemory';
import { POST } from '../nodes/RawUgc/kinds/post';
import { withFake } from './support/fake';
import { runNode } from './support/run';
import { postOperation, postParameters, socialRoutes } from './support/social';

jest.setTimeout(30_000);

const handle = withFake();
const RETRY = { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 };
const usualEstimate = POST.usualEstimate;

beforeAll(() => {
	// Publishing takes seconds in the fake: look after one, not after RawUGC's usual ten.
	POST.usualEstimate = '1 second';
});
afterAll(() => {
	POST.usualEstimate = usualEstimate;
});
beforeEach(() => {
	handle.fake.social.nowPublishes = 'atOnce';
});
afterEach(() => expect(rememberedCount()).toBe(0));

async function draft(): Promise<string> {
	const made = await runNode(handle, { parameters: postParameters() });
	handle.fake.reset();
	return made.items[0].json.postId as string;
}

const publishes = () => socialRoutes(handle.fake).filter((route) => route.endsWith('/publish'));

describe('Publish is sent once', () => {
	it('Retry On Fail after its answer was lost before RawUGC acted: the retry publishes nothing and says the post is still a draft', async () => {
		const postId = await draft();
		handle.fake.failNext({ method: 'POST', path: `/social/posts/${postId}/publish` }, { kind: 'reset' });

		const result = await runNode(handle, { parameters: postOperation('publish', { postId }), settings: RETRY });

		expect(result.error?.message).toMatch(/the post is still a draft; not sent again \[item 0\]$/);
		expect(publishes()).toHaveLength(1);
		expect(handle.fake.social.status(handle.fake.social.posts.get(postId)!)).toBe('draft');
	});

});
