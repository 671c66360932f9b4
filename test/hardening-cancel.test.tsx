/**
 * Cancelling an execution while a submit is in flight: the API may already have created and
 * charged the job, so the error must say which items may have been, and name the jobs the job
 * list shows, without a slow list holding up the cancel. And a cancel during the wait still
 * names the item's own job.
 */
import { withFake } from './support/fake';
import { expr, generateParameters } from './support/parameters';
import { runNode, told } from './support/run';
import { until } from './support/wait';

const handle = withFake();

const prompts = (...texts: string[]) => texts.map((prompt) => ({ json: { prompt } }));
const parameters = (options = {}) => generateParameters({ prompt: expr('$json.prompt'), options });
const SLOW_ANSWER = { kind: 'delay', ms: 30_000 } as const;
const submitPosts = () => handle.fake.apiRequests().filter((request) => request.method === 'POST');
const listLooks = () => handle.fake.apiRequests().filter((request) => request.method === 'GET' && request.path === '/api/v1/images');

describe('a cancel while a submit waits for its answer', () => {
	it('says the item may have been created and charged, and names the job found in the list', async () => {
		handle.fake.failNext({ method: 'POST', path: '/images/generate' }, SLOW_ANSWER);
		const controller = new AbortController();
		const running = runNode(handle, { parameters: parameters(), items: prompts('in flight'), signal: controller.signal });
		await until(() => handle.fake.jobs.size === 1);

		controller.abort();
		const result = await running;

		const [imageId] = handle.fake.jobs.keys();
		expect(result.error?.message).toMatch(/cancelled/);
		expect(told(result)).toMatch(/may have been created and charged/);
		expect(told(result)).toMatch(/item 0/);
		expect(told(result)).toContain(imageId);
	});

	it('when the list cannot be read, still says which item may have been charged', async () => {
		handle.fake.failNext({ method: 'POST', path: '/images/generate' }, SLOW_ANSWER);
		handle.fake.failNext({ method: 'GET', path: '/images' }, { status: 403 }, 10);
		const controller = new AbortController();
		const running = runNode(handle, { parameters: parameters(), items: prompts('in flight'), signal: controller.signal });
		await until(() => handle.fake.jobs.size === 1);

		controller.abort();
		const result = await running;

		expect(result.error?.message).toMatch(/cancelled/);
		expect(told(result)).toMatch(/item 0[^\n]*may have been created and charged|may have been created and charged[^\n]*item 0/);
	});

	it('a slow job list does not hold up the cancel: the look is given up after 5 s, before the list answers', async () => {
		handle.fake.failNext({ method: 'POST', path: '/images/generate' }, SLOW_ANSWER);
		handle.fake.failNext({ method: 'GET', path: '/images' }, SLOW_ANSWER);
		const controller = new AbortController();
		const running = runNode(handle, { parameters: parameters(), items: prompts('in flight'), signal: controller.signal });
		await until(() => handle.fake.jobs.size === 1);

		const cancelledAt = Date.now();
		controller.abort();
		const result = await running;

		// The cancel look's own bound (5 s), with room for a slow machine; the list answers after 30 s.
		expect(Date.now() - cancelledAt).toBeLessThan(8_000);
		expect(told(result)).toMatch(/may have been created and charged/);
		// The list was asked, and its answer had not come when the run ended.
		expect(listLooks().length).toBeGreaterThanOrEqual(1);
		expect(listLooks().every((request) => request.status === 0)).toBe(true);
	});

	it('with one answered submit and one in flight, names the answered job and the item that may have been charged', async () => {
		// The first submit is answered at once (a pacer that knows nothing sends one request alone), the second is slow.
		handle.fake.failNext({ method: 'POST', path: '/images/generate' }, { kind: 'delay', ms: 0 });
		handle.fake.failNext({ method: 'POST', path: '/images/generate' }, SLOW_ANSWER);
		handle.fake.jobDurationMs = 120_000;
		const controller = new AbortController();
		const running = runNode(handle, { parameters: parameters(), items: prompts('first', 'second'), signal: controller.signal });
		await until(() => handle.fake.jobs.size === 2 && submitPosts().some((request) => request.status === 201));

		controller.abort();
		const result = await running;
		handle.fake.jobDurationMs = 30;

		expect(result.error?.message).toMatch(/cancelled/);
		expect(told(result)).toMatch(/may have been created and charged/);
		for (const imageId of handle.fake.jobs.keys()) expect(told(result)).toContain(imageId);
	});
});

describe('a cancel during the wait', () => {
	it('names the item\'s own job in the error', async () => {
		handle.fake.jobDurationMs = 120_000;
		const controller = new AbortController();
		const running = runNode(handle, { parameters: parameters(), items: prompts('waiting'), signal: controller.signal });
		await until(() => handle.fake.apiRequests().some((request) => request.method === 'GET'));

		controller.abort();
		const result = await running;
		handle.fake.jobDurationMs = 30;

		const [imageId] = handle.fake.jobs.keys();
		expect(result.error?.message).toMatch(/cancelled/);
		expect(result.error?.message).toContain(imageId);
		expect(told(result)).not.toMatch(/may have been created/);
	});
});

describe('a cancel while a submit that met a 429 waits out the rate limit', () => {
	const limited = withFake({ rateLimit: { limit: 10, windowMs: 60_000 } }, { perTest: true });

	it('says nothing may have been charged: a 429 is a refusal, nothing was made', async () => {
		limited.fake.failNext({ method: 'POST', path: '/images/generate' }, { status: 429 });
		const controller = new AbortController();
		const running = runNode(limited, { parameters: parameters(), items: prompts('refused'), signal: controller.signal });
		await until(() => limited.fake.apiRequests().some((request) => request.status === 429));
		await new Promise((resolve) => setTimeout(resolve, 200)); // the answer reaches the node: it waits for the reset

		controller.abort();
		const result = await running;

		expect(limited.fake.jobs.size).toBe(0);
		expect(limited.fake.apiRequests().filter((request) => request.method === 'POST')).toHaveLength(1);
		expect(result.error?.message).toMatch(/cancelled/);
		expect(told(result)).not.toMatch(/may have been created and charged/);
	});
});
