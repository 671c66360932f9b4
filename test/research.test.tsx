/**
 * Research > Scrape TikTok, Create Content Plan, Get Many Content Plans and Analyze Video
 * through n8n-core's engine against the fake: each request and output, every bad input refused
 * before anything is sent, and Max Credits.
 */
import { withFake } from './support/fake';
import { expr } from './support/parameters';
import { analysisParameters, planParameters, postedBodies, requestsTo, scrapeOnFake, scrapeParameters } from './support/research';
import { runNode } from './support/run';

const handle = withFake();

describe('Research > Scrape TikTok', () => {
	it('sends the query, mode and limit once and outputs one item: scrapeId, count, videos', async () => {
		const result = await runNode(handle, { parameters: scrapeParameters({ mode: 'hashtag', limit: 2 }) });

		expect(result.error).toBeUndefined();
		expect(postedBodies(handle.fake, '/scrape-tiktok')).toEqual([{ query: 'vitamin c serum', mode: 'hashtag', limit: 2 }]);
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json.scrapeId).toBe([...handle.fake.research.scrapes.keys()][0]);
		expect(item.json.count).toBe(2);
		expect((item.json.videos as unknown[]).length).toBe(2);
		expect(handle.fake.balance).toBe(1000 - 3);
	});

	it('one scrape per item, in input order, each paired', async () => {
		const items = [{ json: { q: 'serum' } }, { json: { q: 'earbuds' } }];
		const result = await runNode(handle, { parameters: scrapeParameters({ query: expr('$json.q') }), items });

		expect(result.error).toBeUndefined();
		expect(postedBodies(handle.fake, '/scrape-tiktok').map((body) => body.query).sort()).toEqual(['earbuds', 'serum']);
		expect(result.items.map((item) => [((item.json.videos as Array<{ description: string }>)[0].description), item.pairedItem])).toEqual([
			['serum idea #1', { item: 0 }],
			['earbuds idea #1', { item: 1 }],
		]);
	});

	it.each([
		['an empty query by expression', { query: expr('"  "') }, /^query is required \[item 0\]/],
		['a query over 500 characters', { query: 'x'.repeat(501) }, /^query must be at most 500 characters \[item 0\]/],
		['a limit of 11', { limit: 11 }, /^limit must be at most 10 \[item 0\]/],
		['a limit of 0', { limit: 0 }, /^limit must be at least 1 \[item 0\]/],
		['an unknown mode by expression', { mode: expr('"trending"') }, /^mode must be one of: hashtag, keyword, search/],
		['a negative Max Credits', { options: { maxCredits: -1 } }, /^options\.maxCredits must be a number of credits, 0 or more \[item 0\]/],
	])('%s: an error naming the field and the item, nothing sent', async (_case, overrides, message) => {
		const result = await runNode(handle, { parameters: scrapeParameters(overrides) });

		expect(result.error?.message).toMatch(message);
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});

	it('a bad second item stops the run before the first is sent', async () => {
		const items = [{ json: { q: 'serum' } }, { json: { q: '' } }];
		const result = await runNode(handle, { parameters: scrapeParameters({ query: expr('$json.q') }), items });

		expect(result.error?.message).toMatch(/^query is required \[item 1\]/);
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});
});

describe('Research > Create Content Plan', () => {
	it('takes the scrapeId of the incoming item by default and outputs the plan', async () => {
		const result = await runNode(handle, {
			parameters: scrapeParameters(),
			then: [{ name: 'Plan', parameters: planParameters() }],
		});

		expect(result.error).toBeUndefined();
		const [scrape] = result.items;
		const [plan] = result.itemsOf('Plan');
		expect(postedBodies(handle.fake, '/content-plans')).toEqual([{ scrapeId: scrape.json.scrapeId, brief: 'A serum for busy mornings: three TikTok ideas' }]);
		expect(plan.json).toMatchObject({ planId: handle.fake.research.plans[0].planId, scrapeId: scrape.json.scrapeId });
		expect(plan.json.blueprints).toEqual([expect.objectContaining({ contentIdeas: expect.arrayContaining([expect.objectContaining({ hook: expect.any(String) })]) })]);
		expect(plan.pairedItem).toEqual({ item: 0 });
		expect(handle.fake.balance).toBe(1000 - 6);
	});

	it.each([
		['no scrapeId (the incoming item has none)', {}, /^scrapeId is required \[item 0\]/],
		['a scrapeId with spaces', { scrapeId: 'scr 1' }, /^scrapeId must be a single ID without spaces \[item 0\]/],
		['an empty brief', { scrapeId: 'scr_1', brief: '  ' }, /^brief is required \[item 0\]/],
		['a brief over 5000 characters', { scrapeId: 'scr_1', brief: 'b'.repeat(5001) }, /^brief must be at most 5000 characters \[item 0\]/],
	])('%s: refused before anything is sent', async (_case, overrides, message) => {
		const result = await runNode(handle, { parameters: planParameters(overrides) });

		expect(result.error?.message).toMatch(message);
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});

	it('an unknown scrape: RawUGC’s 404 in plain words, nothing charged', async () => {
		const result = await runNode(handle, { parameters: planParameters({ scrapeId: 'scr_unknown' }) });

		expect(result.error?.message).toMatch(/not found/);
		expect(handle.fake.balance).toBe(1000);
	});
});

describe('Research > Get Many Content Plans', () => {
	it('one item per plan; Limit keeps the first ones, Return All every one, from one request', async () => {
		const scrapeId = await scrapeOnFake(handle.fake);
		await runNode(handle, { parameters: planParameters({ scrapeId, brief: expr('"brief " + $json.n') }), items: [0, 1, 2].map((n) => ({ json: { n } })) });
		handle.fake.requests.length = 0;

		const limited = await runNode(handle, { parameters: { resource: 'research', operation: 'getManyContentPlans', returnAll: false, limit: 2 } });
		const all = await runNode(handle, { parameters: { resource: 'research', operation: 'getManyContentPlans', returnAll: true } });

		expect(limited.items).toHaveLength(2);
		expect(all.items.map((item) => item.json.brief).sort()).toEqual(['brief 0', 'brief 1', 'brief 2']);
		expect(all.items[0].json).toEqual(expect.objectContaining({ planId: expect.any(String), scrapeId, createdAt: expect.any(Number) }));
		expect(requestsTo(handle.fake, '/content-plans', 'GET')).toHaveLength(2);
	});

	it('a Limit of 0 is refused before the request', async () => {
		const result = await runNode(handle, { parameters: { resource: 'research', operation: 'getManyContentPlans', returnAll: false, limit: 0 } });

		expect(result.error?.message).toMatch(/^limit must be a whole number from 1 to 100 \[item 0\]/);
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});
});

describe('Research > Analyze Video', () => {
	it('analyses the incoming item’s url by default and outputs the analysis', async () => {
		const url = 'https://www.tiktok.com/@creator/video/123';
		const result = await runNode(handle, { parameters: analysisParameters({ prompt: 'Why does the hook work?' }), items: [{ json: { url } }] });

		expect(result.error).toBeUndefined();
		expect(postedBodies(handle.fake, '/analyze-video')).toEqual([{ videoUrl: url, prompt: 'Why does the hook work?' }]);
		expect(result.items[0].json).toEqual(
			expect.objectContaining({ summary: expect.stringContaining(url), hook: expect.any(String), keyframes: expect.any(Array), hooksToTest: expect.any(Array) }),
		);
		expect(handle.fake.balance).toBe(999);
	});

	it('an empty prompt is not sent', async () => {
		await runNode(handle, { parameters: analysisParameters({ videoUrl: 'https://example.com/clip.mp4', prompt: '' }) });

		expect(postedBodies(handle.fake, '/analyze-video')).toEqual([{ videoUrl: 'https://example.com/clip.mp4' }]);
	});

	it('a binary field is uploaded first and its URL analysed instead of Video URL', async () => {
		const clip = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(64)]);
		const result = await runNode(handle, {
			parameters: analysisParameters({ inputVideoBinaryField: 'clip' }),
			items: [{ json: { url: 'https://example.com/not-this.mp4' }, binary: { clip: { data: clip, mimeType: 'video/mp4', fileName: 'clip.mp4' } } }],
		});

		expect(result.error).toBeUndefined();
		expect(handle.fake.uploads).toHaveLength(1);
		expect(postedBodies(handle.fake, '/analyze-video')).toEqual([{ videoUrl: handle.fake.uploads[0].url }]);
		expect(handle.fake.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual(['POST /api/v1/upload', 'POST /api/v1/analyze-video']);
	});

	it('each item its own binary: every item\'s video is uploaded and analysed', async () => {
		const clips = [1, 2].map((n) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(64, n)]));
		const result = await runNode(handle, {
			parameters: analysisParameters({ inputVideoBinaryField: 'clip' }),
			items: clips.map((clip) => ({ json: {}, binary: { clip: { data: clip, mimeType: 'video/mp4' } } })),
		});

		expect(result.error).toBeUndefined();
		const { uploads } = handle.fake;
		expect(clips.map((clip) => uploads.filter((upload) => upload.bytes.equals(clip)).length)).toEqual([1, 1]);
		expect(postedBodies(handle.fake, '/analyze-video').map((body) => body.videoUrl).sort()).toEqual(uploads.map((upload) => upload.url).sort());
	});

	it.each([
		['no URL (the incoming item has none)', {}, [{ json: {} }], /^videoUrl /],
		['an ftp URL', { videoUrl: 'ftp://example.com/a.mp4' }, [{ json: {} }], /^videoUrl must start with http:\/\/ or https:\/\/ \[item 0\]/],
		['a binary field the item lacks', { inputVideoBinaryField: 'clip' }, [{ json: {} }], /^inputVideoBinaryField \(clip\) names no binary field/],
		['a prompt over 5000 characters', { videoUrl: 'https://example.com/a.mp4', prompt: 'p'.repeat(5001) }, [{ json: {} }], /^prompt must be at most 5000 characters/],
		['a Max Wait Time of 0', { videoUrl: 'https://example.com/a.mp4', options: { maxWaitTime: 0 } }, [{ json: {} }], /^options\.maxWaitTime must be a number of seconds above 0/],
	])('%s: refused before anything is sent or uploaded', async (_case, overrides, items, message) => {
		const result = await runNode(handle, { parameters: analysisParameters(overrides), items });

		expect(result.error?.message).toMatch(message);
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});

	it('an image where a video is wanted is refused before the upload', async () => {
		const result = await runNode(handle, {
			parameters: analysisParameters({ inputVideoBinaryField: 'data' }),
			items: [{ json: {}, binary: { data: { data: Buffer.from('not a video'), mimeType: 'image/png' } } }],
		});

		expect(result.error?.message).toMatch(/^inputVideoBinaryField \(data\) is image\/png; RawUGC takes video\/mp4, video\/quicktime, video\/webm/);
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});
});

describe('Max Credits for paid research', () => {
	const queries = (...q: string[]) => q.map((query) => ({ json: { query } }));

	it('items past the cap are refused before anything is sent (scrapes cost 3)', async () => {
		const result = await runNode(handle, { parameters: scrapeParameters({ query: expr('$json.query'), options: { maxCredits: 5 } }), items: queries('a', 'b') });

		expect(result.error?.message).toMatch(/^Not submitted: this TikTok scrape \(3 credits\) would take the run past Max Credits \(5; 3 already planned\) \[item 1\]/);
		expect(handle.fake.apiRequests()).toHaveLength(0);
		expect(handle.fake.balance).toBe(1000);
	});

	it('under Continue, the items within the cap are sent and the rest are error items', async () => {
		const result = await runNode(handle, {
			parameters: analysisParameters({ videoUrl: expr('"https://example.com/" + $json.query'), options: { maxCredits: 2 } }),
			items: queries('a', 'b', 'c'),
			continueOnFail: true,
		});

		expect(result.items.map((item) => (item.json.error ? 'refused' : 'analysed'))).toEqual(['analysed', 'analysed', 'refused']);
		expect(String(result.items[2].json.error)).toMatch(/past Max Credits \(2; 2 already planned\) \[item 2\]/);
		expect(postedBodies(handle.fake, '/analyze-video')).toHaveLength(2);
		expect(handle.fake.balance).toBe(998);
	});

	it('a plan within the cap goes: the cap is the execution’s, read from the first item', async () => {
		const scrapeId = await scrapeOnFake(handle.fake);
		const result = await runNode(handle, { parameters: planParameters({ scrapeId, options: { maxCredits: 3 } }) });

		expect(result.error).toBeUndefined();
		expect(postedBodies(handle.fake, '/content-plans')).toHaveLength(1);
	});
});
