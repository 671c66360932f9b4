/**
 * The one pager (nodes/RawUgc/transport/pager.ts): its stop rules and bounds, run through
 * n8n-core's engine (a test node walking a list with a real execute context) against the fake.
 * Each user's own rule is tested with its operation (Get Many, the watcher, the lost-submit
 * search, the retry's look, the trigger).
 */
import type { INodeParameters } from 'n8n-workflow';

import { RawUgcApi } from '../credentials/RawUgcApi.credentials';
import { PAGER_PROBE_TYPE, PagerProbe } from './engine/fixtures/PagerProbe.node';
import { runWorkflow } from './engine/runWorkflow';
import { withFake, type FakeHandle } from './support/fake';
import { submitImages } from './support/jobs';
import { routeOf } from './support/requests';

async function walk(handle: FakeHandle, parameters: INodeParameters, signal?: AbortSignal) {
	return await runWorkflow({
		nodeTypes: { [PAGER_PROBE_TYPE]: new PagerProbe() },
		credentialTypes: { rawUgcApi: new RawUgcApi() },
		nodeType: PAGER_PROBE_TYPE,
		node: { parameters, credentials: { rawUgcApi: handle.credentials() } },
		signal,
	});
}

function pagesAsked(handle: FakeHandle, path = 'GET /images'): Array<string | undefined> {
	return handle.fake
		.apiRequests()
		.filter((request) => routeOf(request) === path)
		.map((request) => request.query.page);
}

describe('the pager', () => {
	const handle = withFake({ jobDurationMs: 60 * 60_000 });

	it('without a rule reads every page, until the list says no more (5 jobs, 2 a page: 3 requests)', async () => {
		await submitImages(handle, 5);
		const result = await walk(handle, {});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.page, item.json.count, item.json.hasMore])).toEqual([
			[1, 2, true],
			[2, 2, true],
			[3, 1, false],
		]);
		expect(result.items[0].json).toMatchObject({ total: 5, ended: 'end' });
		expect(pagesAsked(handle)).toEqual(['1', '2', '3']);
	});

	it('a rule that stops after the first page reads one page', async () => {
		await submitImages(handle, 5);
		const result = await walk(handle, { rule: 'firstPage' });
		expect(result.items.map((item) => item.json.page)).toEqual([1]);
		expect(result.items[0].json.ended).toBe('stop');
		expect(pagesAsked(handle)).toEqual(['1']);
	});

	it('a rule on what a page holds stops at the first page that meets it', async () => {
		const ids = await submitImages(handle, 6);
		// Pages (newest first): 5,4 | 3,2 | 1,0. Stop once a page holds a job older than job 3.
		const createdAt = handle.fake.store.findAny(ids[3])!.job.createdAt;
		for (const [n, id] of ids.entries()) handle.fake.store.findAny(id)!.job.createdAt = createdAt + (n - 3) * 1000;
		const result = await walk(handle, { rule: 'untilOlderThan', value: createdAt });
		expect(result.items.map((item) => item.json.page)).toEqual([1, 2]);
		expect(result.items[1].json.ended).toBe('stop');
	});

	it('a rule may jump to another page; the walk goes on from there', async () => {
		await submitImages(handle, 7);
		const result = await walk(handle, { rule: 'jumpAfterFirst', value: 3 });
		expect(result.items.map((item) => item.json.page)).toEqual([1, 3, 4]);
		expect(pagesAsked(handle)).toEqual(['1', '3', '4']);
	});

	it('the page cap cuts the walk short, and says so', async () => {
		await submitImages(handle, 7);
		const result = await walk(handle, { maxPages: 2 });
		expect(result.items.map((item) => item.json.page)).toEqual([1, 2]);
		expect(result.items[0].json.ended).toBe('maxPages');
	});

	it('no page is asked for after the deadline, and says so', async () => {
		await submitImages(handle, 7);
		handle.fake.failNext({ method: 'GET', path: '/images' }, { kind: 'delay', ms: 300 });
		const result = await walk(handle, { deadlineInMs: 200 });
		expect(result.items.map((item) => item.json.page)).toEqual([1]);
		expect(result.items[0].json.ended).toBe('deadline');
	});

	it('a list without pagination ({ characters, count }) is one page, its count the total', async () => {
		const result = await walk(handle, { path: '/characters', listField: 'characters', pageSize: 0, pageParam: false });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			{ page: 1, count: handle.fake.characters.length, hasMore: false, total: handle.fake.characters.length, ended: 'end' },
		]);
		const [request] = handle.fake.apiRequests().filter((sent) => routeOf(sent) === 'GET /characters');
		expect(request.query).toEqual({});
	});

	it('a cancelled execution asks for no more pages', async () => {
		await submitImages(handle, 7);
		const cancel = new AbortController();
		handle.fake.failNext({ method: 'GET', path: '/images' }, { kind: 'delay', ms: 300 });
		setTimeout(() => cancel.abort(), 100);
		const result = await walk(handle, {}, cancel.signal);
		expect(result.error).toBeDefined();
		expect(pagesAsked(handle).length).toBeLessThanOrEqual(1);
	});
});
