/**
 * The guards that keep Max Credits for videos right, each shown by a case that fails without
 * it: a run that stops at a refusal submits nothing after it, an answer that shows no charge
 * (or a null one) is no price of 0 and leaves no room known, a retry that meets an earlier
 * try's lost submit still counts it as maybe charged, a listed edit teaches no price, and without
 * a cap nothing is looked up.
 */
import { DEFAULT_VIDEO_CREDITS } from './fake-rawugc';
import { post } from './fake-rawugc/client';
import { withFake } from './support/fake';
import { expr, VEO, videoParameters } from './support/parameters';
import { apiRoutes, videoBodies } from './support/requests';
import { numberedItems, runNode } from './support/run';
import { forgetPrices } from '../nodes/RawUgc/jobs/prices';

const handle = withFake();

beforeEach(() => {
	forgetPrices();
	handle.fake.videoCredits = { ...DEFAULT_VIDEO_CREDITS };
	handle.fake.longVideoCredits = {};
	handle.fake.submitAnswerFields = {};
});

const capped = (maxCredits: number, extra = {}) =>
	videoParameters({ prompt: expr('"A boat " + $json.n'), waitForCompletion: false, options: { maxCredits }, ...extra });
const NO_ROOM_KNOWN = /^Not submitted: item 0 may have been charged at a price not known, so Max Credits \(6\) has no room known for a video whose price is not known yet/;

it('without Continue, once an item is refused no later item is submitted, not even one of another price that would fit', async () => {
	// 10 s (6, learned from its answer), 10 s (6 more would pass 10: refused), 15 s (price unknown, 6 planned < 10).
	const items = ['10', '10', '15'].map((frames, n) => ({ json: { n, frames } }));

	const result = await runNode(handle, { parameters: capped(10, { nFrames: expr('$json.frames') }), items });

	expect(videoBodies(handle.fake).map((body) => body.nFrames)).toEqual(['10']);
	expect(result.error?.message).toBe('Not submitted: this video (6 credits) would take the run past Max Credits (10; 6 already planned) [item 1]');
});

it.each([
	['shows no creditsUsed', { creditsUsed: undefined }],
	['shows creditsUsed: null', { creditsUsed: null }],
])('a submit whose answer %s is no price (not 0): no room is known for the next video of unknown price', async (_case, fields) => {
	handle.fake.submitAnswerFields = fields;

	const result = await runNode(handle, { parameters: capped(6), items: numberedItems(3), continueOnFail: true });

	expect(videoBodies(handle.fake)).toHaveLength(1);
	expect(result.items[0].json.videoId).toEqual(expect.any(String));
	expect(result.items[1].json.error).toMatch(NO_ROOM_KNOWN);
	expect(result.items[2].json.error).toMatch(NO_ROOM_KNOWN);
});

it('Retry On Fail: a retry whose item’s submit was lost in an earlier try still leaves no room known for the next item', async () => {
	// The first try's submit is lost before RawUGC made anything; the list never shows it.
	handle.fake.failNext({ method: 'POST', path: '/videos/generate' }, { kind: 'reset' });

	const result = await runNode(handle, {
		parameters: capped(6),
		items: numberedItems(2),
		settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 },
	});

	expect(videoBodies(handle.fake)).toHaveLength(1);
	expect(result.error?.message).toMatch(/^The video may have been created and charged on an earlier try, whose answer was lost; not sent again \[item 0\]/);
});

it('without Max Credits, nothing waits and the video list is not looked at for prices', async () => {
	const result = await runNode(handle, { parameters: videoParameters({ prompt: expr('"A boat " + $json.n'), waitForCompletion: false }), items: numberedItems(2) });

	expect(result.error).toBeUndefined();
	expect(apiRoutes(handle.fake)).toEqual(['POST /videos/generate', 'POST /videos/generate']);
});

it.each([
	['an edit’s operation', { operation: 'captions' }],
	['a version past the original', { version: 2 }],
])('a listed video that shows %s teaches no price (its charge may be the edit’s)', async (_case, fields) => {
	// Another worker's Veo 3 video, charged 2 then; the list shows it with an edit's field.
	handle.fake.videoCredits[VEO] = 2;
	const made = await post(handle.fake, '/videos/generate', { model: VEO, prompt: 'Made by another worker' });
	const { videoId } = (await made.json()) as { videoId: string };
	handle.fake.videos.get(videoId)!.extraFields = fields;
	handle.fake.videoCredits[VEO] = 8;
	handle.fake.reset();

	const result = await runNode(handle, { parameters: capped(9, { model: VEO }), items: numberedItems(2), continueOnFail: true });

	// Unknown, so the first goes alone; priced at 2, both would go (16 credits against a cap of 9).
	expect(videoBodies(handle.fake)).toHaveLength(1);
	expect(result.items[1].json.error).toMatch(/this video \(8 credits\) would take the run past Max Credits \(9; 8 already planned\)/);
});
