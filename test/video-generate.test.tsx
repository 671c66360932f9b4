/**
 * Video > Generate through n8n's engine against the fake: each model's body exactly (only
 * its own fields, whatever else a saved workflow holds), the output in today's names, the
 * video itself (bytes, type from the bytes), legacy answers, failure, time-out and Continue.
 */
import { NodeOperationError } from 'n8n-workflow';

import { withFake } from './support/fake';
import { expr, KLING, klingParameters, SORA_IMAGE, SORA_TEXT, VEO, VEO_FAST, videoParameters } from './support/parameters';
import { apiRoutes, videoBodies } from './support/requests';
import { numberedItems, runNode } from './support/run';

/** What a saved workflow may still hold from other models: none of it may be sent. */
const EVERY_FIELD = {
	imageUrls: 'https://example.com/a.png',
	inputBinaryFields: '',
	videoUrls: 'https://example.com/ref.mp4',
	inputVideoBinaryField: '',
	orientation: 'landscape',
	nFrames: '15',
	aspectRatio: '9:16',
	characterOrientation: 'video',
	mode: '1080p',
};

describe('each model sends exactly its own fields', () => {
	const handle = withFake();

	it.each([
		[SORA_TEXT, { prompt: 'A cat skateboarding', aspectRatio: 'landscape', nFrames: '15' }],
		[SORA_IMAGE, { prompt: 'A cat skateboarding', imageUrls: ['https://example.com/a.png'], aspectRatio: 'landscape', nFrames: '15' }],
		[VEO, { prompt: 'A cat skateboarding', imageUrls: ['https://example.com/a.png'], aspectRatio: '9:16' }],
		[VEO_FAST, { prompt: 'A cat skateboarding', imageUrls: ['https://example.com/a.png'], aspectRatio: '9:16' }],
		[
			KLING,
			{
				prompt: 'A cat skateboarding',
				imageUrls: ['https://example.com/a.png'],
				videoUrls: ['https://example.com/ref.mp4'],
				characterOrientation: 'video',
				mode: '1080p',
			},
		],
	])('%s', async (model, expected) => {
		const result = await runNode(handle, { parameters: videoParameters({ model, ...EVERY_FIELD }) });

		expect(result.error).toBeUndefined();
		expect(videoBodies(handle.fake)).toEqual([{ model, ...expected }]);
		expect(result.items[0].json).toMatchObject({ model, status: 'completed' });
	});

	it.each([SORA_TEXT, SORA_IMAGE, VEO, VEO_FAST, KLING])('%s: fields left at the model default are not sent', async (model) => {
		const inputs = model === SORA_TEXT ? {} : { imageUrls: 'https://example.com/a.png' };
		const reference = model === KLING ? { videoUrls: 'https://example.com/ref.mp4' } : {};
		const result = await runNode(handle, { parameters: videoParameters({ model, ...inputs, ...reference }) });

		expect(result.error).toBeUndefined();
		expect(Object.keys(videoBodies(handle.fake)[0]).sort()).toEqual(
			['model', 'prompt', ...(model === SORA_TEXT ? [] : ['imageUrls']), ...(model === KLING ? ['videoUrls'] : [])].sort(),
		);
	});

	it('an empty prompt is not sent for the models where it is optional', async () => {
		const result = await runNode(handle, {
			parameters: videoParameters({ model: SORA_IMAGE, prompt: '  ', imageUrls: 'https://example.com/a.png' }),
		});

		expect(result.error).toBeUndefined();
		expect(videoBodies(handle.fake)).toEqual([{ model: SORA_IMAGE, imageUrls: ['https://example.com/a.png'] }]);
	});

	it('Kling with its two URLs and no prompt', async () => {
		const result = await runNode(handle, { parameters: klingParameters() });

		expect(result.error).toBeUndefined();
		expect(videoBodies(handle.fake)).toEqual([
			{ model: KLING, imageUrls: ['https://example.com/person.png'], videoUrls: ['https://example.com/dance.mp4'] },
		]);
	});

	it('nFrames from an expression as a number goes out as the string; URLs from an expression array', async () => {
		const result = await runNode(handle, {
			parameters: videoParameters({
				model: SORA_IMAGE,
				nFrames: expr('10'),
				imageUrls: expr('["https://example.com/1.png", "https://example.com/2.png"]'),
			}),
		});

		expect(result.error).toBeUndefined();
		expect(videoBodies(handle.fake)[0]).toMatchObject({
			nFrames: '10',
			imageUrls: ['https://example.com/1.png', 'https://example.com/2.png'],
		});
	});

	it('selectedCharacter: the username is sent; empty is not sent', async () => {
		const result = await runNode(handle, {
			parameters: videoParameters({ selectedCharacter: expr('$json.n === 0 ? "rawugc.mia" : ""') }),
			items: numberedItems(2),
		});

		expect(result.error).toBeUndefined();
		const bodies = videoBodies(handle.fake).sort((a, b) => Number('selectedCharacter' in b) - Number('selectedCharacter' in a));
		expect(bodies[0].selectedCharacter).toBe('rawugc.mia');
		expect(bodies[1]).not.toHaveProperty('selectedCharacter');
	});
});

describe('the output', () => {
	const handle = withFake();

	it('the job in today’s names, and the MP4 with its exact bytes, type and <videoId>.mp4', async () => {
		const { fake } = handle;
		const result = await runNode(handle, { parameters: videoParameters() });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		const videoId = item.json.videoId as string;
		expect(videoId).toMatch(/^vid_/);
		expect(Object.keys(item.json).slice(0, 5)).toEqual(['videoId', 'status', 'model', 'prompt', 'url']);
		expect(item.json).toMatchObject({
			status: 'completed',
			model: SORA_TEXT,
			prompt: 'A cat skateboarding',
			url: expect.stringContaining(fake.storageOrigin),
			creditsUsed: 6,
			newBalance: 994,
			createdAt: expect.any(Number),
			completedAt: expect.any(Number),
		});
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileExtension: 'mp4', fileName: `${videoId}.mp4` });
		expect(await result.readBinary(item)).toEqual(fake.resultBytes(videoId));
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('WebM: type and extension from the bytes, whatever the header claims', async () => {
		const { fake } = handle;
		fake.videoFormat = 'webm';
		fake.setStorageMode('*', { contentType: 'video/mp4' });
		try {
			const result = await runNode(handle, { parameters: videoParameters({ options: { binaryPropertyName: 'video' } }) });

			expect(result.error).toBeUndefined();
			const [item] = result.items;
			const videoId = item.json.videoId as string;
			expect(item.binary?.video).toMatchObject({ mimeType: 'video/webm', fileExtension: 'webm', fileName: `${videoId}.webm` });
			expect(await result.readBinary(item, 'video')).toEqual(fake.resultBytes(videoId));
		} finally {
			fake.videoFormat = 'mp4';
		}
	});

	it('QuickTime is video/quicktime, .mov', async () => {
		const { fake } = handle;
		fake.videoFormat = 'mov';
		try {
			const result = await runNode(handle, { parameters: videoParameters() });

			const [item] = result.items;
			expect(item.binary?.data).toMatchObject({ mimeType: 'video/quicktime', fileName: `${item.json.videoId as string}.mov` });
		} finally {
			fake.videoFormat = 'mp4';
		}
	});

	it('with Wait off: the submitted job at once (videoId, pending, cost), nothing downloaded', async () => {
		const result = await runNode(handle, { parameters: videoParameters({ waitForCompletion: false }) });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ videoId: expect.stringMatching(/^vid_/), status: 'pending', creditsUsed: 6 });
		expect(result.items[0].binary).toBeUndefined();
		expect(apiRoutes(handle.fake)).toEqual(['POST /videos/generate']);
	});

	it('a file that is not a video is an error with the videoId, never binary data', async () => {
		const { fake } = handle;
		fake.setStorageMode('*', 'html');
		const result = await runNode(handle, { parameters: videoParameters(), continueOnFail: true });

		const [item] = result.items;
		const videoId = [...fake.videos.keys()][0];
		expect(item.json.error).toBe(`The result is not a video: the file host sent an HTML page (videoId ${videoId})`);
		expect(item.json.videoId).toBe(videoId);
		expect(item.binary).toBeUndefined();
	});

	it('a batch: one video per item, in input order, waited for together with list looks', async () => {
		const result = await runNode(handle, {
			parameters: videoParameters({ prompt: expr('"A boat " + $json.n') }),
			items: numberedItems(3),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.prompt, item.pairedItem])).toEqual([
			['A boat 0', { item: 0 }],
			['A boat 1', { item: 1 }],
			['A boat 2', { item: 2 }],
		]);
		const routes = apiRoutes(handle.fake);
		expect(routes.filter((route) => route === 'POST /videos/generate')).toHaveLength(3);
		expect(routes.filter((route) => route === 'GET /videos/{id}')).toHaveLength(0);
	});
});

describe('failure and time-out', () => {
	const handle = withFake();

	it('a failed video is an error with the videoId, failCode and failMessage', async () => {
		const result = await runNode(handle, { parameters: videoParameters({ prompt: 'A cat [fail]' }) });

		const error = result.error as NodeOperationError;
		const [videoId] = [...handle.fake.videos.keys()];
		expect(error.message).toContain('The video failed to generate');
		expect(error.message).toContain(videoId);
		expect(error.context.videoId).toBe(videoId);
	});

	it('with Continue: the failed item is an error item with its videoId, the others carry on', async () => {
		const result = await runNode(handle, {
			parameters: videoParameters({ prompt: expr('$json.n === 1 ? "A cat [fail]" : "A dog"') }),
			items: numberedItems(3),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => (item.json.error ? 'error' : item.json.status))).toEqual(['completed', 'error', 'completed']);
		expect(result.items[1].json).toMatchObject({
			videoId: expect.stringMatching(/^vid_/),
			status: 'failed',
			error: expect.stringContaining('failed to generate'),
		});
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('a video still running when the wait runs out', () => {
	const handle = withFake({ jobDurationMs: 60_000 });

	it('is an error "still running: collect it with Get" carrying the videoId', async () => {
		const result = await runNode(handle, { parameters: videoParameters({ options: { maxWaitTime: 1 } }) });

		const error = result.error as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		const [videoId] = [...handle.fake.videos.keys()];
		expect(error.message).toContain('The video is still running after 1 s: collect it with Get');
		expect(error.message).toContain(videoId);
		expect(error.context.videoId).toBe(videoId);
	});

	it('with Continue is an error item with the videoId', async () => {
		const result = await runNode(handle, { parameters: videoParameters({ options: { maxWaitTime: 1 } }), continueOnFail: true });

		const [videoId] = [...handle.fake.videos.keys()];
		expect(result.items).toEqual([
			expect.objectContaining({ json: expect.objectContaining({ videoId, error: expect.stringContaining('still running') }) }),
		]);
	});
});

describe('a key whose answers come in the 2025-11-10 shape (taskId, resultUrl, id)', () => {
	const handle = withFake({ pinnedVersion: '2025-11-10', ignoreVersionHeader: true });

	it('is read right: videoId and url, the video downloaded', async () => {
		const { fake } = handle;
		const result = await runNode(handle, { parameters: videoParameters() });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		const videoId = item.json.videoId as string;
		expect(videoId).toMatch(/^task_/);
		for (const legacy of ['taskId', 'resultUrl', 'id']) expect(item.json).not.toHaveProperty(legacy);
		expect(item.json.url).toEqual(expect.stringContaining(fake.storageOrigin));
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${videoId}.mp4` });
		expect(await result.readBinary(item)).toEqual(fake.resultBytes(videoId));
	});
});
