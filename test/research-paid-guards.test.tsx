/**
 * The guards that keep paid research's money right, each shown by a case that fails without it:
 * what a lost content plan may be taken for (its own scrape and brief, made while it was on its
 * way, by no other request), Retry On Fail's memory per item, Max Credits read from the items
 * that passed their check, a Max Credits that is no number, and a cancel before anything left.
 */
import { withFake } from './support/fake';
import { planParameters, requestsTo, scrapeOnFake } from './support/research';
import { runNode } from './support/run';

jest.setTimeout(60_000);

const RETRY = { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 };
const BRIEF = 'A serum for busy mornings: three TikTok ideas';

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
});
