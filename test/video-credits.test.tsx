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
import { post } from './fake-rawugc/client';
import { FakeRawUgc } from './fake-rawugc';
import { FAST_FAKE } from './support/fake';
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
		// The list is looked at for the price first (nothing on it yet), then the lost submit is found in it.
		expect(routes.slice(0, 3)).toEqual(['GET /videos', 'POST /videos/generate', 'GET /videos']);
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

/** A video another worker made: submitted straight at the fake, so this process learns nothing from it. */
async function madeElsewhere(body: Record<string, unknown>): Promise<string> {
	const response = await post(handle.fake, '/videos/generate', { prompt: 'Made by another worker', ...body });
	expect(response.status).toBe(201);
	return ((await response.json()) as { videoId: string }).videoId;
}

describe('prices a worker new to a queue learns from one look at the video list', () => {
	it('knows what the others paid before it submits: one list look, then refused at once, nothing charged', async () => {
		await madeElsewhere({ model: VEO });
		handle.fake.reset();

		const result = await runNode(handle, { parameters: capped(5, { model: VEO }), items: numberedItems(2), continueOnFail: true });

		expect(apiRoutes(handle.fake)).toEqual(['GET /videos']);
		expect(result.items[0].json.error).toBe('Not submitted: this video (8 credits) would take the run past Max Credits (5; 0 already planned) [item 0]');
		expect(result.items[1].json.error).toMatch(/this video \(8 credits\)/);
	});

	it('with room, no item waits for another: the learned price admits what fits and refuses the rest at once', async () => {
		await madeElsewhere({ model: 'sora-2-text-to-video', nFrames: '15' });
		handle.fake.reset();

		const result = await runNode(handle, { parameters: capped(13, { nFrames: '15' }), items: numberedItems(3), continueOnFail: true });

		expect(apiRoutes(handle.fake)[0]).toBe('GET /videos');
		expect(videoBodies(handle.fake)).toHaveLength(2);
		expect(result.items[2].json.error).toBe('Not submitted: this video (6 credits) would take the run past Max Credits (13; 12 already planned) [item 2]');
	});

	it('the list looks of a wait teach too: after waiting on a Sora video, the Veo 3 price another worker paid is known', async () => {
		await madeElsewhere({ model: VEO });
		handle.fake.reset();
		const waited = await runNode(handle, { parameters: videoParameters({ prompt: expr('"A boat " + $json.n') }), items: numberedItems(2) });
		expect(waited.items.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		expect(apiRoutes(handle.fake)).toContain('GET /videos');
		handle.fake.reset();

		const result = await runNode(handle, { parameters: capped(5, { model: VEO }), continueOnFail: true });

		expect(handle.fake.apiRequests()).toEqual([]);
		expect(result.items[0].json.error).toMatch(/this video \(8 credits\)/);
	});

	it('a price learned under one API key is not used for another', async () => {
		await madeElsewhere({ model: VEO });
		await runNode(handle, { parameters: capped(5, { model: VEO }), continueOnFail: true });
		const other = await FakeRawUgc.start({ ...FAST_FAKE, apiKey: 'rug_other_key_0000000000000000' });
		try {
			const elsewhere = await runNode(
				{ fake: other, credentials: () => ({ apiKey: other.apiKey, baseUrl: other.baseUrl }) },
				{ parameters: capped(5, { model: VEO }), continueOnFail: true },
			);
			// Unknown under this key (its list is empty): the first video goes alone, as the cap allows.
			expect(elsewhere.items[0].json.creditsUsed).toBe(8);
		} finally {
			await other.stop();
		}
	});

	describe('what the list leaves in doubt is not taken for a price (the fake charged less then than now)', () => {
		const chargedTwoThen = async (make: () => Promise<unknown>) => {
			handle.fake.videoCredits[VEO] = 2;
			handle.fake.videoCredits['sora-2-text-to-video'] = 2;
			await make();
			handle.fake.videoCredits[VEO] = 8;
			handle.fake.videoCredits['sora-2-text-to-video'] = 8;
			handle.fake.reset();
		};
		const twoUnderCapNine = async (model: string) =>
			await runNode(handle, { parameters: capped(9, { model }), items: numberedItems(2), continueOnFail: true });

		it('one price at several charges: the highest (prices change; the list shows old charges too)', async () => {
			await chargedTwoThen(async () => {
				await madeElsewhere({ model: VEO });
				handle.fake.videoCredits[VEO] = 8;
				await madeElsewhere({ model: VEO });
				handle.fake.videoCredits[VEO] = 2;
				await madeElsewhere({ model: VEO });
			});
			const result = await runNode(handle, { parameters: capped(7, { model: VEO }), items: numberedItems(2), continueOnFail: true });
			expect(videoBodies(handle.fake)).toHaveLength(0);
			expect(result.items[0].json.error).toMatch(/this video \(8 credits\)/);
		});

		it('a rise another worker paid raises the price this process learned from its own submit', async () => {
			await chargedTwoThen(async () => {
				const learned = await runNode(handle, { parameters: videoParameters({ model: VEO, waitForCompletion: false }) });
				expect(learned.items[0].json.creditsUsed).toBe(2);
			});
			await madeElsewhere({ model: VEO });
			// Waiting on Sora videos, the list look shows the Veo 3 video charged 8.
			await runNode(handle, { parameters: videoParameters({ prompt: expr('"A boat " + $json.n') }), items: numberedItems(2) });
			handle.fake.reset();
			await twoUnderCapNine(VEO);
			expect(videoBodies(handle.fake)).toHaveLength(1);
		});

		it('older, lower charges on the list do not lower a price this process paid', async () => {
			await chargedTwoThen(async () => await madeElsewhere({ model: VEO }));
			const learned = await runNode(handle, { parameters: videoParameters({ model: VEO, waitForCompletion: false }) });
			expect(learned.items[0].json.creditsUsed).toBe(8);
			// Its own video no longer on the list's first page: the list shows only the older charge of 2.
			handle.fake.videos.delete(String(learned.items[0].json.videoId));
			await runNode(handle, { parameters: videoParameters({ prompt: expr('"A boat " + $json.n') }), items: numberedItems(2) });
			handle.fake.reset();
			await twoUnderCapNine(VEO);
			expect(videoBodies(handle.fake)).toHaveLength(1);
		});

		it('a video that shows no charge (a refund, a free one): its model’s price is still unknown', async () => {
			await chargedTwoThen(async () => {
				handle.fake.videoCredits[VEO] = 0;
				await madeElsewhere({ model: VEO });
			});
			const result = await twoUnderCapNine(VEO);
			expect(videoBodies(handle.fake)).toHaveLength(1);
			expect(result.items[1].json.error).toMatch(/this video \(8 credits\) would take the run past Max Credits \(9; 8 already planned\)/);
		});

		it('an edited video and its edit (their charges may be the edit’s)', async () => {
			await chargedTwoThen(async () => {
				const videoId = await madeElsewhere({ model: VEO });
				await new Promise((resolve) => setTimeout(resolve, 60));
				expect((await post(handle.fake, '/videos/captions', { videoId })).status).toBe(200);
			});
			await twoUnderCapNine(VEO);
			expect(videoBodies(handle.fake)).toHaveLength(1);
		});

		it('a Sora video that does not show its length (a hidden setting is no default)', async () => {
			await chargedTwoThen(async () => await madeElsewhere({ model: 'sora-2-text-to-video', nFrames: '15' }));
			// The same video, were its length hidden: taken for the default Sora's price, it would let both through.
			handle.fake.videos.forEach((video) => delete (video as { nFrames?: string }).nFrames);
			handle.fake.reset();
			await twoUnderCapNine('sora-2-text-to-video');
			expect(videoBodies(handle.fake)).toHaveLength(1);
		});
	});
});
