/**
 * Max Wait Time is one deadline per item, counted from the start of the run: a slow submit
 * leaves less time to wait, a look held back by the rate limit does not get time past it, and
 * the search for a lost submit ends by it (or when the execution is cancelled), whatever other
 * submits of this process are still waiting for their answers.
 */
import { withFake } from './support/fake';
import { expr, generateParameters } from './support/parameters';
import { runNode, teachPacer } from './support/run';
import { pauseMs, until } from './support/wait';

const prompts = (...texts: string[]) => texts.map((prompt) => ({ json: { prompt } }));
const parameters = (options = {}) => generateParameters({ prompt: expr('$json.prompt'), options });
const SUBMIT = { method: 'POST', path: '/images/generate' };

describe('one deadline per item, from the start of the run', () => {
	const handle = withFake({ jobDurationMs: 4_500 }, { perTest: true });

	it('a submit answered late leaves only the rest of Max Wait Time to wait', async () => {
		// The job exists at once but its answer comes 2.5 s later; it completes 4.5 s after the start.
		handle.fake.failNext(SUBMIT, { kind: 'delay', ms: 2_500 });

		const result = await runNode(handle, {
			parameters: parameters({ maxWaitTime: 3 }),
			items: prompts('answered late'),
			continueOnFail: true,
		});

		const [imageId] = handle.fake.jobs.keys();
		expect(result.items[0].json).toMatchObject({ imageId });
		expect(result.items[0].json.error).toMatch(/still running after 3 s/);
		expect(result.items[0].binary).toBeUndefined();
	});
});

describe('a look held back by the rate limit', () => {
	// One request per 6 s: the submit spends it; the next slot comes after Max Wait Time.
	const handle = withFake({ rateLimit: { limit: 1, windowMs: 6_000 } }, { perTest: true });

	it('gets no time past Max Wait Time: the item ends, saying the rate limit left no room', async () => {
		const result = await runNode(handle, {
			parameters: parameters({ maxWaitTime: 2 }),
			items: prompts('held back'),
			continueOnFail: true,
		});

		const [imageId] = handle.fake.jobs.keys();
		expect(result.items[0].json.imageId).toBe(imageId);
		expect(result.items[0].json.error).toMatch(/rate limit left no room/);
		expect(handle.fake.apiRequests()).toHaveLength(1);
	});
});

describe('the search for a lost submit', () => {
	const handle = withFake({ rateLimit: { limit: 10_000, windowMs: 3_000 } }, { perTest: true });

	it('ends by Max Wait Time when the job list keeps answering 429', async () => {
		handle.fake.failNext(SUBMIT, { kind: 'acceptThenReset' });
		handle.fake.failNext({ method: 'GET', path: '/images' }, { status: 429 }, 1_000);

		const result = await runNode(handle, { parameters: parameters({ maxWaitTime: 3 }), items: prompts('lost') });

		expect(result.error?.message).toMatch(/may have been created and charged/);
		expect(handle.fake.apiRequests().filter((request) => request.method === 'POST')).toHaveLength(1);
	}, 30_000);

	/**
	 * Another execution sends the same request; its job exists but its answer is held back 20 s.
	 * The next submit's answer is then lost. `unanswered` tells whether that answer is still due.
	 */
	async function alikeSubmitOnItsWay() {
		await teachPacer(handle);
		handle.fake.failNext(SUBMIT, { kind: 'delay', ms: 20_000 });
		const controller = new AbortController();
		const running = runNode(handle, { parameters: parameters(), items: prompts('same'), signal: controller.signal });
		await until(() => handle.fake.jobs.size === 1);
		const [post] = handle.fake.apiRequests().filter((request) => request.method === 'POST');
		handle.fake.failNext(SUBMIT, { kind: 'acceptThenReset' });
		return {
			unanswered: () => post.status === 0,
			stop: async () => {
				controller.abort();
				await running;
			},
		};
	}

	it('ends by Max Wait Time while another execution\'s same submit still waits for its answer', async () => {
		const other = await alikeSubmitOnItsWay();

		const result = await runNode(handle, { parameters: parameters({ maxWaitTime: 3 }), items: prompts('same') });

		expect(other.unanswered()).toBe(true); // when this run ended
		expect(result.error?.message).toMatch(/may have been created and charged/);
		await other.stop();
	}, 30_000);

	it('ends at once when the execution is cancelled, while another execution\'s same submit waits for its answer', async () => {
		const other = await alikeSubmitOnItsWay();
		const controller = new AbortController();
		const running = runNode(handle, { parameters: parameters(), items: prompts('same'), signal: controller.signal });
		await until(() => handle.fake.jobs.size === 2);
		await pauseMs(300);

		controller.abort();
		const result = await running;

		expect(other.unanswered()).toBe(true); // when this run ended
		expect(result.error?.message).toMatch(/cancelled/);
		await other.stop();
	}, 30_000);
});
