/**
 * Many items at once: collective polling, faults survived (retried GETs, lost submit answers
 * recovered from the list, never a second submit), cancellation, order and pairing.
 */
import type { FakeJob } from './fake-rawugc';
import { withFake } from './support/fake';
import { expr, generateParameters } from './support/parameters';
import { apiRoutes } from './support/requests';
import { runNode } from './support/run';

const handle = withFake();

const prompts = (...texts: string[]) => texts.map((prompt) => ({ json: { prompt } }));
const numbered = (count: number) => prompts(...Array.from({ length: count }, (_, n) => `image ${n}`));
const parameters = (options = {}) => generateParameters({ prompt: expr('$json.prompt'), options });
const posts = () => handle.fake.apiRequests().filter((request) => request.method === 'POST');
const ID_PATH = /^\/api\/v1\/images\/img_/;

async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('collective polling', () => {
	it('a batch costs its submits and one list look, not a look per image', async () => {
		const result = await runNode(handle, { parameters: parameters(), items: numbered(6) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(Array(6).fill('completed'));
		expect(apiRoutes(handle.fake).sort()).toEqual([...Array(6).fill('POST /images/generate'), 'GET /images'].sort());
	});

	it('a job the list does not show is looked up on its own', async () => {
		handle.fake.jobDurationMs = 300;
		const running = runNode(handle, { parameters: parameters(), items: numbered(2) });
		// Once both are submitted, 100 older jobs appear at the top of the list (as if it were not
		// newest first), so the list looks end before reaching this run's jobs.
		await until(() => handle.fake.jobs.size === 2);
		const template = [...handle.fake.jobs.values()][0];
		for (let n = 0; n < 100; n++) {
			const old: FakeJob = { ...template, imageId: `img_old${n}`, legacyId: `task_old${n}`, createdAt: Date.now() - 3_600_000 };
			handle.fake.jobs.set(old.imageId, old);
		}
		const result = await running;
		handle.fake.jobDurationMs = 30;

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		const singleLooks = handle.fake.apiRequests().filter((request) => ID_PATH.test(request.path));
		expect(new Set(singleLooks.map((request) => request.path)).size).toBe(2);
	});
});

describe('transient faults on status looks', () => {
	it('a 500 and a reset on a single status look are retried', async () => {
		handle.fake.failNext({ method: 'GET', path: ID_PATH }, { status: 500 });
		handle.fake.failNext({ method: 'GET', path: ID_PATH }, { kind: 'reset' });

		const result = await runNode(handle, { parameters: parameters(), items: numbered(1) });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('completed');
		expect(handle.fake.apiRequests().filter((request) => ID_PATH.test(request.path)).length).toBeGreaterThanOrEqual(3);
	});

	it('a 500 on the list look is retried', async () => {
		handle.fake.failNext({ method: 'GET', path: '/images' }, { status: 503 });

		const result = await runNode(handle, { parameters: parameters(), items: numbered(3) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['completed', 'completed', 'completed']);
	});
});

describe('a submit whose answer is lost', () => {
	it.each(['acceptThenReset', 'acceptThen500'] as const)(
		'(%s) is found in the list: one job charged, the item completes with it',
		async (kind) => {
			handle.fake.failNext({ method: 'POST', path: '/images/generate' }, { kind });

			const result = await runNode(handle, { parameters: parameters(), items: prompts('the lost one') });

			expect(result.error).toBeUndefined();
			expect(posts()).toHaveLength(1);
			expect(handle.fake.jobs.size).toBe(1);
			const [job] = handle.fake.jobs.values();
			expect(result.items[0].json).toMatchObject({ imageId: job.imageId, status: 'completed' });
			expect(result.items[0].binary?.data).toBeDefined();
		},
	);

	it('among same-prompt images of the same batch, is matched to its own job, never to another item\'s', async () => {
		handle.fake.failNext({ method: 'POST', path: '/images/generate' }, { kind: 'acceptThenReset' });

		const result = await runNode(handle, { parameters: parameters(), items: prompts('same', 'same', 'same') });

		expect(result.error).toBeUndefined();
		expect(posts()).toHaveLength(3);
		const ids = result.items.map((item) => item.json.imageId);
		expect(new Set(ids).size).toBe(3);
		expect(new Set(ids)).toEqual(new Set(handle.fake.jobs.keys()));
	});

	it('when the list cannot show it, the error says it may have been created and charged', async () => {
		handle.fake.failNext({ method: 'POST', path: '/images/generate' }, { kind: 'acceptThenReset' });
		handle.fake.failNext({ method: 'GET', path: '/images' }, { status: 403 });

		const result = await runNode(handle, { parameters: parameters(), items: prompts('unseen') });

		expect(result.error?.message).toMatch(/may have been created and charged/);
		expect(posts()).toHaveLength(1);
		expect(handle.fake.jobs.size).toBe(1);
	});

	it('a reset before the API acted is not sent again: reported as maybe charged, nothing was', async () => {
		handle.fake.failNext({ method: 'POST', path: '/images/generate' }, { kind: 'reset' });

		const result = await runNode(handle, { parameters: parameters(), items: prompts('reset early') });

		expect(result.error?.message).toMatch(/may have been created and charged/);
		expect(posts()).toHaveLength(1);
		expect(handle.fake.jobs.size).toBe(0);
	});

	it('a submit refused with a 4xx is not sent again', async () => {
		handle.fake.failNext({ method: 'POST', path: '/images/generate' }, { status: 400, errors: { prompt: ['Bad'] } });

		const result = await runNode(handle, { parameters: parameters(), items: prompts('refused') });

		expect(result.error?.message).toMatch(/rejected/);
		expect(posts()).toHaveLength(1);
		expect(handle.fake.jobs.size).toBe(0);
	});
});

describe('refused connections', () => {
	it('a submit that surely never arrived (connection refused) is retried, then reported', async () => {
		const result = await runNode(
			{ fake: handle.fake, credentials: () => ({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9/api/v1' }) },
			{ parameters: parameters(), items: prompts('nowhere') },
		);

		expect(result.error?.message).toMatch(/refused the connection|ECONNREFUSED/);
		expect(result.error?.message).not.toMatch(/charged/);
	});
});

describe('cancellation', () => {
	it('stops the waiting at once, and the error names every submitted image', async () => {
		handle.fake.jobDurationMs = 120_000;
		const controller = new AbortController();
		const running = runNode(handle, { parameters: parameters(), items: numbered(3), signal: controller.signal });
		await until(() => handle.fake.apiRequests().some((request) => request.method === 'GET'));

		controller.abort();
		const result = await running;
		handle.fake.jobDurationMs = 30;
		const requestsAtEnd = handle.fake.apiRequests().length;
		await new Promise((resolve) => setTimeout(resolve, 1_500));

		expect(result.error?.message).toMatch(/cancelled/);
		const named = `${result.error?.message} ${result.error?.description}`;
		expect(handle.fake.jobs.size).toBe(3);
		for (const imageId of handle.fake.jobs.keys()) expect(named).toContain(imageId);
		expect(handle.fake.apiRequests()).toHaveLength(requestsAtEnd);
	});
});

describe('order and pairing with mixed failures under Continue', () => {
	it('each output is its input\'s, failed ones as error items, and one failure holds up no other', async () => {
		const result = await runNode(handle, {
			parameters: parameters(),
			items: prompts('first', 'second [fail]', 'third', '', 'fifth', 'x'.repeat(20_001), 'seventh'),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4, 5, 6].map((item) => ({ item })));
		const [first, second, third, fourth, fifth, sixth, seventh] = result.items;
		for (const [item, prompt] of [[first, 'first'], [third, 'third'], [fifth, 'fifth'], [seventh, 'seventh']] as const) {
			expect(item.json).toMatchObject({ status: 'completed', prompt });
			expect(item.binary?.data).toBeDefined();
		}
		expect(second.json).toMatchObject({ status: 'failed', prompt: 'second [fail]' });
		expect(second.json.error).toMatch(/failed to generate/);
		expect(second.json.imageId).toMatch(/^img_/);
		expect(fourth.json.error).toMatch(/prompt/);
		expect(sixth.json.error).toMatch(/prompt/);
		expect(fourth.json.imageId).toBeUndefined();
		expect(handle.fake.jobs.size).toBe(5);
	});
});
