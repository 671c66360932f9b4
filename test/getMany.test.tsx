/**
 * Image > Get Many through the engine against the fake: pages across `hasMore`, respects
 * `limit` and `returnAll`, filters by status, one item per job paired to its input item.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { FakeRawUgc } from './fake-rawugc';
import { newJob } from './fake-rawugc/jobs';
import { withFake } from './support/fake';
import { expr } from './support/parameters';
import { numberedItems, runNode } from './support/run';

const handle = withFake();

function getManyParameters(overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'image', operation: 'getMany', ...overrides };
}

type Kind = 'completed' | 'failed' | 'running';

/** Puts `count` jobs straight into the fake (oldest first), the way its generate route would. */
function seed(fake: FakeRawUgc, count: number, kind: (n: number) => Kind = () => 'completed'): string[] {
	const now = Date.now();
	const ids: string[] = [];
	for (let n = 0; n < count; n++) {
		const state = kind(n);
		const job = newJob(
			{ model: 'nano-banana-2', prompt: `Image ${n}` },
			{ creditsUsed: 4, durationMs: state === 'running' ? 3_600_000 : 0, willFail: state === 'failed', resultBytes: 200, now: now - 1000 + n },
		);
		fake.jobs.set(job.imageId, job);
		ids.push(job.imageId);
	}
	return ids;
}

function listQueries(fake: FakeRawUgc): Array<Record<string, string>> {
	return fake
		.apiRequests()
		.filter((request) => request.method === 'GET' && request.path === '/api/v1/images')
		.map((request) => request.query);
}

describe('Image > Get Many', () => {
	it('returns up to Limit jobs in one request, one item per job in today\'s names', async () => {
		const ids = seed(handle.fake, 7);

		const result = await runNode(handle, { parameters: getManyParameters({ returnAll: false, limit: 3 }) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.imageId)).toEqual(ids.slice(-3).reverse()); // the fake lists newest first
		expect(result.items[0].json).toMatchObject({ status: 'completed', model: 'nano-banana-2', creditsUsed: 4 });
		expect(String(result.items[0].json.url)).toContain(handle.fake.storageOrigin);
		expect(result.items.every((item) => item.binary === undefined)).toBe(true);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(listQueries(handle.fake)).toEqual([{ limit: '3', page: '1' }]);
		expect(handle.fake.storageRequests()).toHaveLength(0);
	});

	it('defaults to a limit of 50', async () => {
		seed(handle.fake, 60);
		const result = await runNode(handle, { parameters: getManyParameters() });
		expect(result.items).toHaveLength(50);
		expect(listQueries(handle.fake)).toEqual([{ limit: '50', page: '1' }]);
	});

	it('with Limit 100 stops after one page even when more exist', async () => {
		seed(handle.fake, 130);
		const result = await runNode(handle, { parameters: getManyParameters({ limit: 100 }) });
		expect(result.items).toHaveLength(100);
		expect(listQueries(handle.fake)).toHaveLength(1);
	});

	it('Return All pages through hasMore until the last page', async () => {
		const ids = seed(handle.fake, 230);

		const result = await runNode(handle, { parameters: getManyParameters({ returnAll: true, limit: 5 }) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.imageId)).toEqual([...ids].reverse());
		expect(listQueries(handle.fake)).toEqual([
			{ limit: '100', page: '1' },
			{ limit: '100', page: '2' },
			{ limit: '100', page: '3' },
		]);
	});

	it('Return All stops when the API says hasMore is false', async () => {
		seed(handle.fake, 100);
		const result = await runNode(handle, { parameters: getManyParameters({ returnAll: true }) });
		expect(result.items).toHaveLength(100);
		expect(listQueries(handle.fake)).toEqual([{ limit: '100', page: '1' }]);
	});

	it('filters by status, sending it to the API', async () => {
		seed(handle.fake, 9, (n) => (['completed', 'failed', 'running'] as const)[n % 3]);

		const failed = await runNode(handle, { parameters: getManyParameters({ filters: { status: 'failed' } }) });
		expect(failed.items).toHaveLength(3);
		expect(failed.items.every((item) => item.json.status === 'failed' && item.json.failCode)).toBe(true);

		const pending = await runNode(handle, {
			parameters: getManyParameters({ returnAll: true, filters: { status: 'pending' } }),
		});
		expect(pending.items).toHaveLength(3);
		expect(pending.items.every((item) => item.json.status === 'pending' && item.json.url === undefined)).toBe(true);

		expect(listQueries(handle.fake)).toEqual([
			{ limit: '50', page: '1', status: 'failed' },
			{ limit: '100', page: '1', status: 'pending' },
		]);
	});

	it('an empty result is no items, not an error', async () => {
		const result = await runNode(handle, { parameters: getManyParameters({ filters: { status: 'processing' } }) });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	it('runs once per input item, each job paired to the item that asked', async () => {
		seed(handle.fake, 4, (n) => (n < 2 ? 'completed' : 'failed'));

		const result = await runNode(handle, {
			parameters: getManyParameters({ filters: { status: expr('$json.status') } }),
			items: [{ json: { status: 'completed' } }, { json: { status: 'failed' } }],
		});

		expect(result.items.map((item) => [item.json.status, item.pairedItem])).toEqual([
			['completed', { item: 0 }],
			['completed', { item: 0 }],
			['failed', { item: 1 }],
			['failed', { item: 1 }],
		]);
	});

	it('answers in today\'s names for a key pinned to the original API version', async () => {
		handle.fake.pinnedVersion = '2025-11-10';
		try {
			const [id] = seed(handle.fake, 1);
			const result = await runNode(handle, { parameters: getManyParameters() });
			expect(result.items[0].json.imageId).toBe(id);
			expect(result.items[0].json.url).toEqual(expect.any(String));
			expect(result.items[0].json.taskId).toBeUndefined();
		} finally {
			handle.fake.pinnedVersion = '2026-03-06';
		}
	});

	it.each([
		['0', 0],
		['101', 101],
		['2.5', 2.5],
		['text', expr("'many'")],
	])('a limit of %s is an input error naming the field, before any request', async (_, limit) => {
		const result = await runNode(handle, { parameters: getManyParameters({ limit }) });
		expect(result.error?.message).toContain('limit');
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});

	it('an unknown status from an expression is an input error, before any request', async () => {
		const result = await runNode(handle, {
			parameters: getManyParameters({ filters: { status: expr("'done'") } }),
			items: numberedItems(2),
		});
		expect(result.error?.message).toContain('filters.status');
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});

	it('a refused key is a clear error; under Continue it is an error item per input item', async () => {
		const thrown = await runNode(handle, { parameters: getManyParameters(), apiKey: 'rug_wrong' });
		expect(thrown.error?.message).toMatch(/API key was refused/);

		const continued = await runNode(handle, {
			parameters: getManyParameters(),
			items: numberedItems(2),
			apiKey: 'rug_wrong',
			continueOnFail: true,
		});
		expect(continued.items.map((item) => [Boolean(item.json.error), item.pairedItem])).toEqual([
			[true, { item: 0 }],
			[true, { item: 1 }],
		]);
	});
});

describe('Image > Get Many under a tight rate limit', () => {
	const tight = withFake({ rateLimit: { limit: 2, windowMs: 1_000 } });

	it('pages are paced by the key\'s budget: every job arrives, none twice', async () => {
		const ids = seed(tight.fake, 450);

		const result = await runNode(tight, { parameters: getManyParameters({ returnAll: true }) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.imageId)).toEqual([...ids].reverse());
		expect(listQueries(tight.fake).filter((query) => query.page !== undefined).length).toBeGreaterThanOrEqual(5);
	});
});
