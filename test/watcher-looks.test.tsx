/**
 * The watcher's looks: a look after the first is never set past the item's deadline, one list
 * look answers for every job of the run (one page when that page shows them all), and a job
 * whose deadline comes while another item's submit is still on its way is looked at then.
 * (A status look failing for good before the deadline is the API's error: errors.test.tsx.)
 */
import { withFake } from './support/fake';
import { putImageJob } from './support/jobs';
import { expr, generateParameters } from './support/parameters';
import { runNode } from './support/run';
import { pauseMs } from './support/wait';

const prompts = (count: number) => Array.from({ length: count }, (_, n) => ({ json: { prompt: `image ${n}` } }));
const parameters = (options = {}) => generateParameters({ prompt: expr('$json.prompt'), options });
const ONE_LOOK = { method: 'GET', path: /\/images\/img_/ };

describe('a look after the first', () => {
	// The estimate's wide spread puts the second look 30 s after the first (at 1 s): past Max Wait Time (3 s).
	const handle = withFake({ jobDurationMs: 60_000, estimatedCompletionTime: '1-120 seconds' }, { perTest: true });

	it('comes at the deadline when the growing gap puts it later', async () => {
		const result = await runNode(handle, { parameters: parameters({ maxWaitTime: 3 }), items: prompts(1), continueOnFail: true });

		expect(result.items[0].json.error).toMatch(/still running after 3 s: collect it with Get/);
		const looks = handle.fake.apiRequests().filter((request) => request.method === 'GET' && ONE_LOOK.path.test(request.path));
		expect(looks).toHaveLength(2); // the first, and the last at the deadline
	}, 15_000); // a second look 30 s out would run far past this
});

describe('one look at the job list', () => {
	const handle = withFake();

	it('answers for two jobs: no look at either on its own', async () => {
		const result = await runNode(handle, { parameters: parameters(), items: prompts(2) });

		expect(result.error).toBeUndefined();
		const looks = handle.fake.apiRequests().filter((request) => request.method === 'GET');
		expect(looks.map((request) => request.path)).toEqual(['/api/v1/images']);
	});

	it('is one page when the first page shows every job waited for, though more jobs of the last minute follow', async () => {
		// 150 jobs made 10 s ago by someone else: recent enough that only the jobs found end the paging.
		for (let n = 0; n < 150; n++) putImageJob(handle, { createdAt: Date.now() - 10_000 });

		const result = await runNode(handle, { parameters: parameters(), items: prompts(2) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		const lists = handle.fake.apiRequests().filter((request) => request.method === 'GET' && request.path === '/api/v1/images');
		expect(lists).toHaveLength(1);
	});
});

describe('a job whose deadline comes while another item\'s submit is still on its way', () => {
	const handle = withFake({ jobDurationMs: 60_000 }, { perTest: true });
	const SUBMIT = { method: 'POST', path: '/images/generate' } as const;

	it('has its last look at its deadline: a job done only later is still running for it', async () => {
		handle.fake.failNext(SUBMIT, { kind: 'delay', ms: 1 }); // item 0's submit, answered at once
		handle.fake.failNext(SUBMIT, { kind: 'delay', ms: 7_000 }); // item 1's, answered well after item 0's deadline (2 s)
		const startedAt = Date.now();
		const running = runNode(handle, { parameters: parameters({ maxWaitTime: 2 }), items: prompts(2), continueOnFail: true });
		// Setting the scene: item 0's job completes 2 s after its deadline, long before item 1's submit is answered.
		await pauseMs(4_000 - (Date.now() - startedAt));
		const first = [...handle.fake.jobs.values()][0];
		first.durationMs = Date.now() - first.createdAt;

		const result = await running;

		expect(result.items[0].json).toMatchObject({ imageId: first.imageId, error: expect.stringMatching(/still running after 2 s/) });
	}, 20_000);
});
