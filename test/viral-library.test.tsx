/** Viral Library > Search and Get through the engine against the fake, and the Viral Video locator's search list. */
import { RawUgcApi } from '../credentials/RawUgcApi.credentials';
import { RawUgc } from '../nodes/RawUgc/RawUgc.node';
import { listSearch } from './engine/loadOptions';
import { RAWUGC_CREDENTIAL_TYPE, RAWUGC_NODE_TYPE } from './engine/runRawUgc';
import { withFake } from './support/fake';
import { expr } from './support/parameters';
import { requestsTo } from './support/research';
import { runNode } from './support/run';

const handle = withFake();

describe('Viral Library > Search', () => {
	it('sends q and limit; one item per result: the video’s fields plus its score, best first', async () => {
		const result = await runNode(handle, { parameters: { resource: 'viralVideo', operation: 'search', query: 'morning routine serum', limit: 5 } });

		expect(result.error).toBeUndefined();
		expect(requestsTo(handle.fake, '/viral-library/search', 'GET').map((request) => request.query)).toEqual([{ q: 'morning routine serum', limit: '5' }]);
		expect(result.items.map((item) => item.json.id)).toEqual(['vv_0001', 'vv_0002']);
		expect(result.items[0].json).toMatchObject({ id: 'vv_0001', tiktokUrl: expect.stringContaining('tiktok.com'), stats: expect.any(Object), score: 1 });
		expect(result.items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it.each([
		['an empty query (expression)', { query: expr('" "') }, /^query is required: say what to look for \[item 0\]/],
		['a limit of 51', { query: 'serum', limit: 51 }, /^limit must be a whole number from 1 to 50 \[item 0\]/],
	])('%s: refused before anything is sent', async (_case, overrides, message) => {
		const result = await runNode(handle, { parameters: { resource: 'viralVideo', operation: 'search', ...overrides } });

		expect(result.error?.message).toMatch(message);
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});
});

describe('Viral Library > Get', () => {
	it('one video with its analysis, by an id from the list or typed', async () => {
		const result = await runNode(handle, { parameters: { resource: 'viralVideo', operation: 'get', viralVideoId: { __rl: true, mode: 'id', value: 'vv_0002' } } });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ id: 'vv_0002', analysis: expect.objectContaining({ hook: expect.any(String), analyzedAt: expect.any(String) }) });
		expect(requestsTo(handle.fake, '/viral-library/videos/vv_0002', 'GET')).toHaveLength(1);
	});

	it('an unknown id: RawUGC’s 404 names it', async () => {
		const result = await runNode(handle, { parameters: { resource: 'viralVideo', operation: 'get', viralVideoId: { __rl: true, mode: 'id', value: 'vv_9999' } } });

		expect(result.error?.message).toBe('RawUGC has no viral video vv_9999 for this API key (not found)');
	});

	it('the list searches the library for what is typed (nothing typed: nothing asked)', async () => {
		const run = (filter?: string) =>
			listSearch({
				nodeType: RAWUGC_NODE_TYPE,
				node: new RawUgc(),
				credentialTypes: { [RAWUGC_CREDENTIAL_TYPE]: new RawUgcApi() },
				credentials: { [RAWUGC_CREDENTIAL_TYPE]: handle.credentials() },
				parameters: { resource: 'viralVideo', operation: 'get' },
				method: 'searchViralVideos',
				path: 'parameters.viralVideoId',
				filter,
			});

		expect((await run('')).results).toEqual([]);
		expect(handle.fake.apiRequests()).toHaveLength(0);
		const { results } = await run('earbuds');
		expect(results).toEqual([
			{ name: 'Unboxing wireless earbuds on a morning run (@viral2)', value: 'vv_0002', url: expect.stringContaining('tiktok.com/@viral2') },
		]);
	});
});
