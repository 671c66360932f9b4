/**
 * Looks at jobs being waited on: a failed look at the job list ends no job that would have
 * completed (each is then looked up on its own), only a job whose own look fails for good
 * fails, and that failure keeps the API's error (type, HTTP code) with the job's id. The list
 * answers for the jobs it shows, and a 500 on it is retried.
 */
import { NodeApiError } from 'n8n-workflow';

import type { FakeJob, FakeRawUgc } from './fake-rawugc';
import { withFake } from './support/fake';
import { expr, generateParameters } from './support/parameters';
import { apiRoutes } from './support/requests';
import { runNode } from './support/run';
import { until } from './support/wait';

const handle = withFake();

const prompts = (...texts: string[]) => texts.map((prompt) => ({ json: { prompt } }));
const numbered = (count: number) => prompts(...Array.from({ length: count }, (_, n) => `image ${n}`));
const parameters = (options = {}) => generateParameters({ prompt: expr('$json.prompt'), options });
const LIST = { method: 'GET', path: '/images' };
const ID_PATH = /^\/api\/v1\/images\/img_/;
const singleLooks = () => handle.fake.apiRequests().filter((request) => request.method === 'GET' && ID_PATH.test(request.path));
const listLooks = () => handle.fake.apiRequests().filter((request) => request.method === 'GET' && request.path === '/api/v1/images');

describe('a look at the job list that fails for good', () => {
	it.each([
		['a 403', (fake: FakeRawUgc) => fake.failNext(LIST, { status: 403, type: 'insufficient_scope' })],
		['a 503 after every retry', (fake: FakeRawUgc) => fake.failNext(LIST, { status: 503 }, 5)],
	])('(%s) ends no job: each is looked up on its own, completes and is downloaded', async (_, fault) => {
		fault(handle.fake);

		const result = await runNode(handle, { parameters: parameters(), items: numbered(3) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['completed', 'completed', 'completed']);
		expect(result.items.every((item) => item.binary?.data)).toBe(true);
		expect(new Set(singleLooks().map((request) => request.path)).size).toBe(3);
	});

	it('fails only the job whose own look then fails for good; the others complete', async () => {
		handle.fake.failNext(LIST, { status: 403, type: 'insufficient_scope' }, 100);
		const running = runNode(handle, { parameters: parameters(), items: numbered(2), continueOnFail: true });
		await until(() => handle.fake.jobs.size === 2);
		const [doomed, fine] = [...handle.fake.jobs.keys()];
		handle.fake.failNext({ method: 'GET', path: new RegExp(`/images/${doomed}$`) }, { status: 403, type: 'insufficient_scope' }, 100);

		const result = await running;

		expect(result.error).toBeUndefined();
		const byId = new Map(result.items.map((item) => [item.json.imageId, item.json]));
		expect(byId.get(fine)).toMatchObject({ status: 'completed' });
		expect(byId.get(doomed)?.error).toMatch(/not allowed/);
	});

	it('the error keeps the API\'s type and HTTP code, and names the job', async () => {
		handle.fake.failNext(LIST, { status: 403, type: 'insufficient_scope' }, 100);
		handle.fake.failNext({ method: 'GET', path: ID_PATH }, { status: 403, type: 'insufficient_scope' }, 100);

		const result = await runNode(handle, { parameters: parameters(), items: numbered(2) });

		const error = result.error as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('403');
		const imageIds = [...handle.fake.jobs.keys()];
		expect(imageIds).toContain(error.context.imageId);
		expect(error.message).toContain(String(error.context.imageId));
		expect(error.message).toMatch(/not allowed/);
	});
});

describe('the job list answers for the jobs it shows', () => {
	it('only a job the list does not show is looked up on its own', async () => {
		handle.fake.jobDurationMs = 300;
		const running = runNode(handle, { parameters: parameters(), items: numbered(2) });
		await until(() => handle.fake.jobs.size === 2);
		// 100 older jobs come between the two on the list: the first page shows one of them only.
		const [hidden, shown] = [...handle.fake.jobs.values()];
		handle.fake.jobs.delete(shown.imageId);
		for (let n = 0; n < 100; n++) {
			const old: FakeJob = { ...hidden, imageId: `img_old${n}`, legacyId: `task_old${n}`, createdAt: Date.now() - 3_600_000 };
			handle.fake.jobs.set(old.imageId, old);
		}
		handle.fake.jobs.set(shown.imageId, shown);

		const result = await running;
		handle.fake.jobDurationMs = 30;

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		expect(listLooks().length).toBeGreaterThanOrEqual(1);
		expect(new Set(singleLooks().map((request) => request.path))).toEqual(new Set([`/api/v1/images/${hidden.imageId}`]));
	});

	it('a 500 on the list look is retried: the second try answers for every job', async () => {
		handle.fake.failNext(LIST, { status: 500 });

		const result = await runNode(handle, { parameters: parameters(), items: numbered(3) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['completed', 'completed', 'completed']);
		expect(listLooks().map((request) => request.status)).toEqual([500, 200]);
		expect(apiRoutes(handle.fake).filter((route) => route !== 'POST /images/generate')).toEqual(['GET /images', 'GET /images']);
	});
});
