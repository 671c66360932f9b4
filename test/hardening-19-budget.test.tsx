/**
 * Issue 19, Max Credits for videos: an item that may have been charged at a price not known
 * closes the cap for every other item of unknown price, a price is learned per length (the
 * fake charges a 15-second Sora video more here), and what the API really charged for an item
 * of known price counts for the items decided after its answer.
 */
import { DEFAULT_VIDEO_CREDITS } from './fake-rawugc';
import { withFake } from './support/fake';
import { expr, SORA_TEXT, videoParameters } from './support/parameters';
import { videoBodies } from './support/requests';
import { numberedItems, runNode } from './support/run';
import { forgetPrices } from '../nodes/RawUgc/jobs/prices';

const handle = withFake();

beforeEach(() => {
	forgetPrices();
	handle.fake.videoCredits = { ...DEFAULT_VIDEO_CREDITS };
	handle.fake.longVideoCredits = {};
});

const capped = (maxCredits: number, extra = {}) =>
	videoParameters({ prompt: expr('"A boat " + $json.n'), options: { maxCredits }, ...extra });
const SUBMIT = { method: 'POST', path: '/videos/generate' };

/** Learns the price of a 10-second Sora video (6) in this process, then forgets the run. */
async function learnTenSecondPrice() {
	const learn = await runNode(handle, { parameters: videoParameters({ nFrames: '10', waitForCompletion: false }) });
	expect(learn.items[0].json.creditsUsed).toBe(6);
	handle.fake.reset();
}

describe('Max Credits with videos of unknown price', () => {
	it('a first video whose answer was lost (it may have been charged, price unknown) closes the cap for the next one', async () => {
		handle.fake.failNext(SUBMIT, { kind: 'reset' });

		const result = await runNode(handle, { parameters: capped(6), items: numberedItems(2), continueOnFail: true });

		expect(videoBodies(handle.fake)).toHaveLength(1);
		expect(result.items[0].json.error).toMatch(/^The video may have been created and charged/);
		expect(result.items[1].json.error).toBe(
			'Not submitted: item 0 may have been charged at a price not known, so Max Credits (6) has no room known for a video whose price is not known yet [item 1]',
		);
	});

	it('a price is learned per length: a 15-second video is not priced as a 10-second one (nFrames in the price key)', async () => {
		await learnTenSecondPrice();
		handle.fake.longVideoCredits = { [SORA_TEXT]: 9 };

		const result = await runNode(handle, { parameters: capped(12, { nFrames: '15' }), items: numberedItems(2), continueOnFail: true });

		// Unknown, so the first goes alone and its 9 credits refuse the second (priced at 6, both would go: 18 spent).
		expect(videoBodies(handle.fake)).toHaveLength(1);
		expect(result.items[0].json.creditsUsed).toBe(9);
		expect(result.items[1].json.error).toMatch(/this video \(9 credits\) would take the run past Max Credits \(12; 9 already planned\)/);
	});

	it('what a video of known price really cost counts for the items decided after its answer (the price correction)', async () => {
		await learnTenSecondPrice();
		handle.fake.videoCredits[SORA_TEXT] = 10; // the 10-second price went up since it was learned
		handle.fake.longVideoCredits = { [SORA_TEXT]: 9 };
		// The known-price item's answer comes first; the first 15-second item's a moment later.
		handle.fake.failNext(SUBMIT, { kind: 'delay', ms: 0 });
		handle.fake.failNext(SUBMIT, { kind: 'delay', ms: 300 });
		const items = ['10', '15', '15'].map((frames, n) => ({ json: { n, frames } }));

		const result = await runNode(handle, { parameters: capped(24, { nFrames: expr('$json.frames') }), items, continueOnFail: true });

		// 10 + 9 charged, so the third (9) would pass 24; counted at the learned 6 it would fit (6 + 9 + 9).
		expect(videoBodies(handle.fake).map((body) => body.nFrames)).toEqual(['10', '15']);
		expect(result.items.slice(0, 2).map((item) => item.json.creditsUsed)).toEqual([10, 9]);
		expect(result.items[2].json.error).toMatch(/this video \(9 credits\) would take the run past Max Credits \(24; 19 already planned\)/);
	});
});
