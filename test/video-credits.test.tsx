/**
 * Max Credits for videos, whose prices are not published: the cap is never knowingly passed.
 * A price is learned from `creditsUsed` in this process (per model and its length/resolution
 * settings); while it is unknown, one item is submitted alone and the others wait for its answer.
 * (The fake's prices are made up: Sora 6, Veo 3 8, Veo 3 Fast 4, Kling 5.)
 */
import { withFake } from './support/fake';
import { expr, VEO, videoParameters } from './support/parameters';
import { apiRoutes, videoBodies } from './support/requests';
import { numberedItems, runNode } from './support/run';
import { forgetPrices } from '../nodes/RawUgc/jobs/prices';

const handle = withFake();

beforeEach(() => forgetPrices());

const capped = (maxCredits: number, extra = {}) =>
	videoParameters({ prompt: expr('"A boat " + $json.n'), options: { maxCredits }, ...extra });

describe('a price not known yet', () => {
	it('the first item goes alone; the rest wait for its answer and are checked with the price it reports', async () => {
		const { fake } = handle;
		// The first submit's answer is lost, so the node must find the job in the list before the next
		// submit: were the others not waiting, their submits would come before that list call.
		fake.failNext({ method: 'POST', path: '/videos/generate' }, { kind: 'acceptThenReset' });
		const result = await runNode(handle, { parameters: capped(20), items: numberedItems(4), continueOnFail: true });

		const routes = apiRoutes(fake);
		expect(routes.slice(0, 2)).toEqual(['POST /videos/generate', 'GET /videos']);
		expect(routes.filter((route) => route === 'POST /videos/generate')).toHaveLength(3);
		expect(videoBodies(fake).map((body) => body.prompt)).toEqual(['A boat 0', 'A boat 1', 'A boat 2']);
		expect(result.items.slice(0, 3).map((item) => item.json.creditsUsed)).toEqual([6, 6, 6]);
		expect(result.items[3].json.error).toBe(
			'Not submitted: this video (6 credits) would take the run past Max Credits (20; 18 already planned) [item 3]',
		);
		expect(result.items[3].pairedItem).toEqual({ item: 3 });
	});

	it('a cap of 0 leaves no room: refused before any request', async () => {
		const result = await runNode(handle, { parameters: capped(0), items: numberedItems(2) });

		expect(handle.fake.apiRequests()).toEqual([]);
		expect(result.error?.message).toBe(
			'Not submitted: the price of this video is not known yet and Max Credits (0) has no credits left (0 already planned) [item 0]',
		);
	});

	it('the first video of an unknown price may cost more than the room left (it cannot be known before): the next is refused', async () => {
		const result = await runNode(handle, { parameters: capped(3), items: numberedItems(2), continueOnFail: true });

		expect(videoBodies(handle.fake)).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ creditsUsed: 6, status: 'completed' });
		expect(result.items[1].json.error).toMatch(/^Not submitted: this video \(6 credits\) would take the run past Max Credits \(3; 6 already planned\)/);
	});

	it('without Continue: once an item is refused no later one is submitted, and the error lists the videos made', async () => {
		const result = await runNode(handle, { parameters: capped(10), items: numberedItems(3) });

		expect(videoBodies(handle.fake)).toHaveLength(1);
		const [videoId] = [...handle.fake.videos.keys()];
		expect(result.error?.message).toMatch(/^Not submitted: this video \(6 credits\) would take the run past Max Credits \(10; 6 already planned\) \[item 1\]/);
		expect(String(result.error?.description)).toContain(`item 0: ${videoId}`);
	});
});

describe('a price learned earlier in this process', () => {
	it('is used to refuse items before anything is sent', async () => {
		const learn = await runNode(handle, { parameters: videoParameters({ waitForCompletion: false }) });
		expect(learn.items[0].json.creditsUsed).toBe(6);
		handle.fake.reset();

		const result = await runNode(handle, { parameters: capped(20), items: numberedItems(4) });

		expect(handle.fake.apiRequests()).toEqual([]);
		expect(result.error?.message).toBe('Not submitted: this video (6 credits) would take the run past Max Credits (20; 18 already planned) [item 3]');
	});

	it('belongs to its model and settings: another model, or another length, is unknown again', async () => {
		await runNode(handle, { parameters: videoParameters({ waitForCompletion: false }) });
		handle.fake.reset();

		const veo = await runNode(handle, { parameters: capped(8, { model: VEO }), items: numberedItems(2), continueOnFail: true });
		expect(veo.items[0].json.creditsUsed).toBe(8);
		expect(veo.items[1].json.error).toMatch(/this video \(8 credits\) would take the run past Max Credits \(8; 8 already planned\)/);

		handle.fake.reset();
		const longer = await runNode(handle, { parameters: capped(6, { nFrames: '15' }), items: numberedItems(2), continueOnFail: true });
		expect(videoBodies(handle.fake)).toHaveLength(1);
		expect(longer.items[1].json.error).toMatch(/Max Credits \(6; 6 already planned\)/);
	});

	it('a cap the known prices fit lets every item through', async () => {
		await runNode(handle, { parameters: videoParameters({ waitForCompletion: false }) });
		handle.fake.reset();

		const result = await runNode(handle, { parameters: capped(18), items: numberedItems(3) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.creditsUsed)).toEqual([6, 6, 6]);
	});
});
