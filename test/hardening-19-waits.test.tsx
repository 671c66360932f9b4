/**
 * Issue 19, Max Wait Time: no wait of an item goes past its deadline. Not a GET's retries, not
 * a GET the API leaves hanging (the 60 s request time-out), not jobs looked up one after
 * another, not a first look that the API's estimate puts later, not a look at the job list
 * held back by the rate limit.
 */
import { withFake } from './support/fake';
import { expr, generateParameters } from './support/parameters';
import { runNode } from './support/run';

jest.setTimeout(20_000);

const prompts = (count: number) => Array.from({ length: count }, (_, n) => ({ json: { prompt: `image ${n}` } }));
const parameters = (maxWaitTime: number) => generateParameters({ prompt: expr('$json.prompt'), options: { maxWaitTime } });
const ONE_LOOK = { method: 'GET', path: /\/images\/img_/ };
const LIST = { method: 'GET', path: '/images' };
const STILL_RUNNING = /still running after 1 s: collect it with Get/;

describe('a job still running at Max Wait Time (1 s)', () => {
	// Jobs take a minute: every item ends by its deadline.
	const handle = withFake({ jobDurationMs: 60_000 }, { perTest: true });
	const singleLooks = () => handle.fake.apiRequests().filter((request) => request.method === 'GET' && /\/images\/img_/.test(request.path));

	it('a look failing (503) at the deadline is not retried past it', async () => {
		handle.fake.failNext(ONE_LOOK, { status: 503 }, 5);

		const result = await runNode(handle, { parameters: parameters(1), items: prompts(1), continueOnFail: true });

		expect(result.items[0].json.error).toMatch(STILL_RUNNING);
		expect(singleLooks().map((request) => request.status)).toEqual([503]);
	});

	it('a look the API leaves hanging is given up soon after the deadline (not after the 60 s request time-out)', async () => {
		handle.fake.failNext(ONE_LOOK, { kind: 'delay', ms: 15_000 });

		const result = await runNode(handle, { parameters: parameters(1), items: prompts(1), continueOnFail: true });

		expect(result.items[0].json.error).toMatch(STILL_RUNNING);
		expect(singleLooks().map((request) => request.status)).toEqual([0]); // no answer had come when the run ended
	});

	it('jobs the list does not answer for are looked up side by side, not one hanging look after another', async () => {
		handle.fake.failNext(LIST, { status: 403, type: 'insufficient_scope' }, 10);
		handle.fake.failNext(ONE_LOOK, { kind: 'delay', ms: 15_000 }, 3);

		// Max Wait Time 5 s: one look after another, each given up at the deadline, would go 5 s apart.
		const result = await runNode(handle, { parameters: parameters(5), items: prompts(3), continueOnFail: true });

		expect(result.items.map((item) => item.json.error)).toEqual(Array(3).fill(expect.stringMatching(/still running after 5 s: collect it with Get/)));
		const looks = singleLooks();
		expect(looks.map((request) => request.status)).toEqual([0, 0, 0]);
		// All three went out before the first was given up (however slow the machine: not a speed figure).
		expect(Math.max(...looks.map((request) => request.at)) - Math.min(...looks.map((request) => request.at))).toBeLessThan(5_000);
	});
});

describe('a submit answered after Max Wait Time', () => {
	const handle = withFake({ jobDurationMs: 60_000 }, { perTest: true });

	it("is awaited for the usual request time-out, not cut to the deadline: its answer carries the paid job's id", async () => {
		handle.fake.failNext({ method: 'POST', path: '/images/generate' }, { kind: 'delay', ms: 4_500 });
		handle.fake.failNext(LIST, { status: 403, type: 'insufficient_scope' }, 10); // no list to find a lost submit in

		const result = await runNode(handle, { parameters: parameters(1), items: prompts(1), continueOnFail: true });

		const [job] = [...handle.fake.jobs.values()];
		expect(result.items[0].json).toMatchObject({ imageId: job.imageId, error: expect.stringMatching(STILL_RUNNING) });
		expect(handle.fake.apiRequests().filter((request) => request.method === 'POST')).toHaveLength(1);
	});
});

describe('the first look', () => {
	// The API says a minute: the first look would come then, past Max Wait Time.
	const handle = withFake({ jobDurationMs: 60_000, estimatedCompletionTime: '1 minute' }, { perTest: true });

	it('comes at the deadline when the estimate puts it later', async () => {
		const result = await runNode(handle, { parameters: parameters(1), items: prompts(1), continueOnFail: true });

		expect(result.items[0].json.error).toMatch(STILL_RUNNING);
	}, 10_000);
});

describe('a look at the job list held back by the rate limit', () => {
	// Two requests per 6 s: the two submits spend them; the next slot comes after Max Wait Time.
	const handle = withFake({ rateLimit: { limit: 2, windowMs: 6_000 } }, { perTest: true });

	it('gets no time past Max Wait Time: both items end, saying the rate limit left no room', async () => {
		const result = await runNode(handle, { parameters: parameters(2), items: prompts(2), continueOnFail: true });

		expect(result.items.map((item) => item.json.error)).toEqual([
			expect.stringMatching(/rate limit left no room/),
			expect.stringMatching(/rate limit left no room/),
		]);
		expect(handle.fake.apiRequests().map((request) => request.method)).toEqual(['POST', 'POST']);
	});
});
