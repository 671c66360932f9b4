/**
 * The guards that keep paid research's money right, each shown by a case that fails without it:
 * what a lost content plan may be taken for (its own scrape and brief, made while it was on its
 * way, by no other request), Retry On Fail's memory per item, Max Credits read from the items
 * that passed their check, a Max Credits that is no number, and a cancel before anything left.
 */
import { withFake } from './support/fake';
import { expr } from './support/parameters';
import { planOnFake, planParameters, postedBodies, requestsTo, scrapeOnFake, scrapeParameters } from './support/research';
import { runNode, teachPacer, told } from './support/run';
import { pauseMs, until } from './support/wait';

jest.setTimeout(60_000);

const RETRY = { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 };
const BRIEF = 'A serum for busy mornings: three TikTok ideas';

describe('a lost content plan is taken only for its own', () => {
	const handle = withFake();
	// RawUGC made nothing (a 502 before it acted): whatever the list shows is someone else's.
	const lostBeforeMade = () => handle.fake.failNext({ method: 'POST', path: '/content-plans' }, { status: 502 });

	it('not a plan of the same scrape with another brief, made at the same moment', async () => {
		const scrapeId = await scrapeOnFake(handle.fake);
		const other = await planOnFake(handle.fake, scrapeId, 'Another product entirely');
		lostBeforeMade();

		const result = await runNode(handle, { parameters: planParameters({ scrapeId, brief: BRIEF }) });

		expect(result.error?.message).toMatch(/^The content plan may have been charged \(3 credits\)/);
		expect(told(result)).not.toContain(other);
	});

	it('not a plan of another scrape with the same brief, made at the same moment', async () => {
		const scrapeId = await scrapeOnFake(handle.fake, 'serum');
		const otherScrape = await scrapeOnFake(handle.fake, 'earbuds');
		const other = await planOnFake(handle.fake, otherScrape, BRIEF);
		lostBeforeMade();

		const result = await runNode(handle, { parameters: planParameters({ scrapeId, brief: BRIEF }) });

		expect(result.error?.message).toMatch(/^The content plan may have been charged \(3 credits\)/);
		expect(told(result)).not.toContain(other);
	});

	it.each([
		['made well before the request left (another process’s, an hour ago: the lower time bound)', -3_600_000],
		['created well after the answer was lost (the upper time bound)', 5 * 60_000],
	])('not a plan of the same scrape and brief %s', async (_case, shiftMs) => {
		const scrapeId = await scrapeOnFake(handle.fake);
		const elsewhen = await planOnFake(handle.fake, scrapeId, BRIEF);
		handle.fake.research.plans[0].createdAt += shiftMs;
		lostBeforeMade();

		const result = await runNode(handle, { parameters: planParameters({ scrapeId, brief: BRIEF }) });

		expect(result.error?.message).toMatch(/^The content plan may have been charged/);
		expect(told(result)).not.toContain(elsewhen);
	});

	it('not the plan an earlier lost request of this process was found to be', async () => {
		const scrapeId = await scrapeOnFake(handle.fake);
		handle.fake.failNext({ method: 'POST', path: '/content-plans' }, { kind: 'acceptThenReset' });
		const first = await runNode(handle, { parameters: planParameters({ scrapeId, brief: BRIEF }) });
		const [found] = handle.fake.research.plans;
		expect(first.error?.message).toContain(`planId ${found.planId}`);
		lostBeforeMade();

		const second = await runNode(handle, { parameters: planParameters({ scrapeId, brief: BRIEF }) });

		expect(second.error?.message).toMatch(/^The content plan may have been charged/);
		expect(told(second)).not.toContain(found.planId);
	});

	it('not the plan of an alike item whose answer is still on its way (its answer claims it first)', async () => {
		const scrapeId = await scrapeOnFake(handle.fake);
		// A taught pacer lets both requests go at once: one is refused before RawUGC acts, the
		// other is made at once and answered 2 s later.
		await teachPacer(handle);
		lostBeforeMade();
		handle.fake.failNext({ method: 'POST', path: '/content-plans' }, { kind: 'delay', ms: 2_000 });

		const result = await runNode(handle, { parameters: planParameters({ scrapeId, brief: BRIEF }), items: [{ json: {} }, { json: {} }], continueOnFail: true });

		const [made] = handle.fake.research.plans;
		expect(handle.fake.research.plans).toHaveLength(1);
		const answered = result.items.filter((item) => item.json.error === undefined);
		const lost = result.items.filter((item) => item.json.error !== undefined);
		expect(answered.map((item) => item.json.planId)).toEqual([made.planId]);
		expect(lost).toHaveLength(1);
		expect(String(lost[0].json.error)).toMatch(/^The content plan may have been charged/);
		expect(JSON.stringify(lost[0].json)).not.toContain(made.planId);
	});
});

describe('Retry On Fail', () => {
	const handle = withFake();

	it('a plan lost and found in the first try is named again by the retry (its planId is not lost with the first try’s error)', async () => {
		const scrapeId = await scrapeOnFake(handle.fake);
		handle.fake.failNext({ method: 'POST', path: '/content-plans' }, { kind: 'acceptThenReset' });

		const result = await runNode(handle, { parameters: planParameters({ scrapeId, brief: BRIEF }), settings: RETRY });

		const [plan] = handle.fake.research.plans;
		expect(requestsTo(handle.fake, '/content-plans', 'POST')).toHaveLength(1);
		expect(result.error?.message).toMatch(new RegExp(`^The content plan was made and charged \\(planId ${plan.planId}\\)`));
		expect(result.error?.context.planId).toBe(plan.planId);
	});

	it('two identical items each get their own scrape (the item index is part of what is remembered)', async () => {
		// Both go in the first try; the second is refused (402), which fails the try.
		handle.fake.failNext({ method: 'POST', path: '/scrape-tiktok' }, { kind: 'delay', ms: 0 });
		handle.fake.failNext({ method: 'POST', path: '/scrape-tiktok' }, { status: 402 });

		const result = await runNode(handle, { parameters: scrapeParameters({ query: 'serum' }), items: [{ json: {} }, { json: {} }], settings: RETRY });

		expect(result.error).toBeUndefined();
		expect(postedBodies(handle.fake, '/scrape-tiktok')).toHaveLength(3);
		const scrapeIds = result.items.map((item) => item.json.scrapeId);
		expect(new Set(scrapeIds).size).toBe(2);
		expect(scrapeIds.every((id) => handle.fake.research.scrapes.has(String(id)))).toBe(true);
	});
});

describe('Max Credits', () => {
	const handle = withFake();

	it('under Continue, an item that fails its check does not take the cap with it: the next item’s cap holds', async () => {
		const items = [{ json: { q: '' } }, { json: { q: 'serum' } }, { json: { q: 'earbuds' } }];

		const result = await runNode(handle, { parameters: scrapeParameters({ query: expr('$json.q'), options: { maxCredits: 3 } }), items, continueOnFail: true });

		expect(String(result.items[0].json.error)).toMatch(/^query is required \[item 0\]/);
		expect(result.items[1].json.scrapeId).toEqual(expect.any(String));
		expect(String(result.items[2].json.error)).toMatch(/^Not submitted: this TikTok scrape \(3 credits\) would take the run past Max Credits \(3; 3 already planned\) \[item 2\]/);
		expect(postedBodies(handle.fake, '/scrape-tiktok')).toHaveLength(1);
	});

	it('that is not a number is refused naming the field and the item, nothing sent', async () => {
		const result = await runNode(handle, { parameters: scrapeParameters({ options: { maxCredits: expr('"plenty"') } }) });

		expect(result.error?.message).toMatch(/^options\.maxCredits must be a number of credits, 0 or more \[item 0\]/);
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});
});

describe('a cancel while the call waits for the rate limit', () => {
	const handle = withFake({ rateLimit: { limit: 1, windowMs: 60_000 } }, { perTest: true });

	it('nothing left, so nothing may have been charged: the error does not say so', async () => {
		await teachPacer(handle); // the window's one request is spent: the scrape waits a minute
		const controller = new AbortController();
		const running = runNode(handle, { parameters: scrapeParameters(), signal: controller.signal });
		await pauseMs(500); // sets the scene; the assertions hold whenever the cancel comes

		controller.abort();
		const result = await running;

		expect(requestsTo(handle.fake, '/scrape-tiktok')).toHaveLength(0);
		expect(result.error?.message).toMatch(/cancelled/);
		expect(told(result)).not.toMatch(/may have been charged/);
	});

	it('after a 429 (refused: nothing done), nothing may have been charged either', async () => {
		handle.fake.failNext({ method: 'POST', path: '/scrape-tiktok' }, { status: 429 });
		const controller = new AbortController();
		const running = runNode(handle, { parameters: scrapeParameters(), signal: controller.signal });
		await until(() => requestsTo(handle.fake, '/scrape-tiktok').some((request) => request.status === 429));
		await pauseMs(200); // the 429's answer reaches the node: it waits for the reset, a minute away

		controller.abort();
		const result = await running;

		expect(requestsTo(handle.fake, '/scrape-tiktok')).toHaveLength(1);
		expect(result.error?.message).toMatch(/cancelled/);
		expect(told(result)).not.toMatch(/may have been charged/);
	});
});
