/**
 * Video > Add Captions and Add Overlay through the engine against the fake: the bodies sent,
 * inputs refused before any request, the disputed edit path learned per API (both forms), one
 * POST per edit even when its answer is lost, an edit answered before its file is ready, the
 * new version's bytes, videos that are not completed, and "Continue".
 */
import type { INodeParameters } from 'n8n-workflow';

import { RawUgc } from '../nodes/RawUgc/RawUgc.node';
import { visibleParameters } from './engine/visibleParameters';
import { post } from './fake-rawugc/client';
import type { RecordedRequest } from './fake-rawugc';
import { type FakeHandle, withFake } from './support/fake';
import { expr } from './support/parameters';
import { runNode } from './support/run';

const EDIT_PATH = /^\/api\/v1\/videos\/(?:([^/]+)\/)?(captions|overlay)$/;

function captionsParameters(overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'video', operation: 'addCaptions', videoId: expr('$json.videoId'), ...overrides };
}

function overlayParameters(overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'video', operation: 'addOverlay', videoId: expr('$json.videoId'), text: 'Summer sale', ...overrides };
}

/** A completed video made straight at the fake (Video > Generate is another operation's test). */
async function newVideo(handle: FakeHandle, prompt = 'A cat on a skateboard'): Promise<string> {
	const response = await post(handle.fake, '/videos/generate', { model: 'sora-2-text-to-video', prompt });
	expect(response.status).toBe(201);
	const { videoId } = (await response.json()) as { videoId: string };
	return videoId;
}

/** "POST /videos/{id}/captions" (nested) or "POST /videos/captions" (flat), or "GET /videos/{id}"... */
function route(request: RecordedRequest, ids: Record<string, string> = {}): string {
	const path = request.path.replace(/^\/api\/v1/, '').replace(/vid_[0-9a-f]+/g, (id) => ids[id] ?? '{id}');
	return `${request.method} ${path} ${request.status}`;
}

function since(handle: FakeHandle, count: number): RecordedRequest[] {
	return handle.fake.apiRequests().slice(count);
}

function editPosts(requests: RecordedRequest[]): RecordedRequest[] {
	return requests.filter((request) => request.method === 'POST' && EDIT_PATH.test(request.path));
}

const bodyOf = (request: RecordedRequest) => JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;

describe('Video > Add Captions and Add Overlay', () => {
	const handle = withFake({ jobDurationMs: 0 });

	it('Add Captions: reads the video, sends one edit with its videoId, outputs the new version with its bytes', async () => {
		const videoId = await newVideo(handle);
		const balance = handle.fake.balance;
		const before = handle.fake.apiRequests().length;

		const result = await runNode(handle, { parameters: captionsParameters(), items: [{ json: { videoId } }] });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		const newId = String(item.json.videoId);
		expect(newId).not.toBe(videoId);
		expect(item.json).toMatchObject({ videoId: newId, version: 2, operation: 'captions', creditsUsed: 1, sourceVideoId: videoId });
		expect(String(item.json.url)).toContain(handle.fake.storageOrigin);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileExtension: 'mp4', fileName: `${newId}.mp4` });
		expect(await result.readBinary(item)).toEqual(handle.fake.resultBytes(newId));
		const requests = since(handle, before);
		expect(requests.map((request) => route(request, { [videoId]: '{source}' }))).toEqual([
			'GET /videos/{source} 200',
			'POST /videos/{source}/captions 200',
		]);
		expect(bodyOf(requests[1])).toEqual({ videoId });
		expect(handle.fake.balance).toBe(balance - 1);
		expect(handle.fake.videos.get(newId)?.edit).toMatchObject({ rootId: videoId, operation: 'captions', options: {} });
	});

	it.each([
		['a language code', 'es', { language: 'es' }],
		['spaces around it trimmed', '  en ', { language: 'en' }],
		['empty: auto-detect, not sent', '', {}],
		['only spaces: auto-detect, not sent', '   ', {}],
	])('Add Captions body, language %s', async (_, language, sent) => {
		const videoId = await newVideo(handle);
		const before = handle.fake.apiRequests().length;
		const result = await runNode(handle, { parameters: captionsParameters({ language }), items: [{ json: { videoId } }] });
		expect(result.error).toBeUndefined();
		expect(editPosts(since(handle, before)).map(bodyOf)).toEqual([{ videoId, ...sent }]);
	});

	it.each<[string, INodeParameters, Record<string, unknown>]>([
		['text only', {}, { text: 'Summer sale' }],
		['a position', { position: 'top' }, { text: 'Summer sale', position: 'top' }],
		['the default position: not sent', { position: '' }, { text: 'Summer sale' }],
		['one style setting added: only it is sent', { overlayStyle: { fontSize: 64 } }, { text: 'Summer sale', fontSize: 64 }],
		[
			'every setting',
			{ position: 'bottom', overlayStyle: { fontSize: 8, topBottomMargin: 0, strokeThickness: 2.5 } },
			{ text: 'Summer sale', position: 'bottom', fontSize: 8, topBottomMargin: 0, strokeThickness: 2.5 },
		],
		[
			'numbers from an expression (text from a sheet)',
			{ overlayStyle: { fontSize: expr('"120"'), topBottomMargin: expr('"500"'), strokeThickness: expr('"10"') } },
			{ text: 'Summer sale', fontSize: 120, topBottomMargin: 500, strokeThickness: 10 },
		],
	])('Add Overlay body: %s', async (_, overrides, sent) => {
		const videoId = await newVideo(handle);
		const before = handle.fake.apiRequests().length;
		const result = await runNode(handle, { parameters: overlayParameters(overrides), items: [{ json: { videoId } }] });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ operation: 'overlay', version: 2, sourceVideoId: videoId });
		expect(editPosts(since(handle, before)).map(bodyOf)).toEqual([{ videoId, ...sent }]);
	});

	const value = expr('$json.value');
	it.each<[string, INodeParameters, string | number, string | number, string]>([
		['videoId empty', captionsParameters({ videoId: value }), 'VIDEO', '', 'videoId is required'],
		['videoId with a space', captionsParameters({ videoId: value }), 'VIDEO', 'vid_1 vid_2', 'videoId must be a single ID'],
		['language with a space', captionsParameters({ language: value }), 'en', 'e n', 'language must be a language code'],
		['language too long', captionsParameters({ language: value }), 'en', 'x'.repeat(36), 'language must be a language code'],
		['text empty', overlayParameters({ text: value }), 'ok', '', 'text is required'],
		['text only spaces', overlayParameters({ text: value }), 'ok', '   ', 'text is required'],
		['text too long', overlayParameters({ text: value }), 'x'.repeat(500), 'x'.repeat(501), 'text must be at most 500 characters'],
		['position unknown', overlayParameters({ position: value }), 'top', 'left', 'position must be one of: top, center, bottom'],
		['fontSize too small', overlayParameters({ overlayStyle: { fontSize: value } }), 8, 7, 'overlayStyle.fontSize must be a whole number from 8 to 200'],
		['fontSize too big', overlayParameters({ overlayStyle: { fontSize: value } }), 200, 201, 'overlayStyle.fontSize must be a whole number from 8 to 200 ['],
		['fontSize not whole', overlayParameters({ overlayStyle: { fontSize: value } }), 200, 12.5, 'overlayStyle.fontSize must be a whole number'],
		['fontSize not a number', overlayParameters({ overlayStyle: { fontSize: value } }), '20', 'big', 'overlayStyle.fontSize must be a whole number'],
		['topBottomMargin too big', overlayParameters({ overlayStyle: { topBottomMargin: value } }), 500, 501, 'overlayStyle.topBottomMargin must be a whole number from 0 to 500'],
		['strokeThickness too big', overlayParameters({ overlayStyle: { strokeThickness: value } }), 10, 10.5, 'overlayStyle.strokeThickness must be a number from 0 to 10'],
		['strokeThickness negative', overlayParameters({ overlayStyle: { strokeThickness: value } }), 0, -1, 'overlayStyle.strokeThickness must be a number from 0 to 10'],
		['maxWaitTime zero', captionsParameters({ options: { maxWaitTime: value } }), 60, 0, 'options.maxWaitTime must be a number'],
	])('refuses %s before any request, naming the field and the item', async (_, parameters, good, bad, message) => {
		const videoId = await newVideo(handle);
		const before = handle.fake.apiRequests().length;

		const result = await runNode(handle, {
			parameters,
			items: [
				{ json: { videoId, value: good === 'VIDEO' ? videoId : good } },
				{ json: { videoId, value: bad } },
			],
		});

		expect(result.error?.message).toContain(message);
		expect(result.error?.message).toContain('[item 1]');
		expect(since(handle, before)).toEqual([]);
	});

	it('with Download Video off, outputs the new version\'s URL only', async () => {
		const videoId = await newVideo(handle);
		const result = await runNode(handle, {
			parameters: overlayParameters({ options: { download: false } }),
			items: [{ json: { videoId } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.url).toEqual(expect.stringContaining(handle.fake.storageOrigin));
		expect(result.items[0].binary).toBeUndefined();
		expect(handle.fake.storageRequests()).toHaveLength(0);
	});

	it('a WebM result: its type from the bytes, in the chosen binary property', async () => {
		handle.fake.videoFormat = 'webm'; // an edit keeps its video's container
		try {
			const videoId = await newVideo(handle);
			const result = await runNode(handle, {
				parameters: captionsParameters({ options: { binaryPropertyName: 'clip' } }),
				items: [{ json: { videoId } }],
			});
			expect(result.error).toBeUndefined();
			const newId = String(result.items[0].json.videoId);
			expect(result.items[0].binary?.clip).toMatchObject({ mimeType: 'video/webm', fileName: `${newId}.webm` });
			expect(await result.readBinary(result.items[0], 'clip')).toEqual(handle.fake.resultBytes(newId));
		} finally {
			handle.fake.videoFormat = 'mp4';
		}
	});

	it('an edit answered before its file is ready: the new version is polled, then downloaded', async () => {
		const videoId = await newVideo(handle);
		handle.fake.editsAnswerPending = true;
		handle.fake.jobDurationMs = 300;
		try {
			const before = handle.fake.apiRequests().length;
			const result = await runNode(handle, { parameters: captionsParameters(), items: [{ json: { videoId } }] });

			expect(result.error).toBeUndefined();
			const newId = String(result.items[0].json.videoId);
			expect(result.items[0].json).toMatchObject({ status: 'completed', version: 2, operation: 'captions', sourceVideoId: videoId });
			expect(await result.readBinary(result.items[0])).toEqual(handle.fake.resultBytes(newId));
			const requests = since(handle, before);
			const edit = requests.findIndex((request) => EDIT_PATH.test(request.path));
			expect(JSON.parse(requests[edit].body.toString()) as unknown).toEqual({ videoId });
			expect(editPosts(requests)).toHaveLength(1);
			// The answer had no url: the new version was looked at until it had one.
			expect(requests.slice(edit + 1).map((request) => route(request, { [newId]: '{new}' }))).toContain('GET /videos/{new} 200');
		} finally {
			handle.fake.editsAnswerPending = false;
			handle.fake.jobDurationMs = 0;
		}
	});

	it('the new version still not ready at Max Wait Time: an error with both videoIds, to collect with Get', async () => {
		const videoId = await newVideo(handle);
		handle.fake.editsAnswerPending = true;
		handle.fake.jobDurationMs = 3_600_000;
		try {
			const result = await runNode(handle, {
				parameters: captionsParameters({ options: { maxWaitTime: 1 } }),
				items: [{ json: { videoId } }],
				continueOnFail: true,
			});

			const [made] = [...handle.fake.videos.values()].filter((video) => video.edit?.rootId === videoId);
			expect(result.items[0].json.error).toContain(`still running after 1 s: collect it with Get (videoId ${made.videoId}) (an edit of videoId ${videoId})`);
			expect(result.items[0].json).toMatchObject({ videoId: made.videoId, sourceVideoId: videoId, operation: 'captions' });
		} finally {
			handle.fake.editsAnswerPending = false;
			handle.fake.jobDurationMs = 0;
		}
	});

	it('the new version\'s download failing: an error with both videoIds and its URL', async () => {
		const videoId = await newVideo(handle);
		handle.fake.setStorageMode('*', 'html');

		const result = await runNode(handle, { parameters: overlayParameters(), items: [{ json: { videoId } }] });

		const [made] = [...handle.fake.videos.values()].filter((video) => video.edit?.rootId === videoId);
		expect(result.error?.message).toContain(`(videoId ${made.videoId}) (an edit of videoId ${videoId})`);
		expect(result.error?.message).toContain('not a video');
		expect(`${result.error?.message} ${String(result.error?.description)}`).toContain(`${handle.fake.storageOrigin}/results/${made.videoId}`);
	});

	describe('a lost answer: one POST per edit', () => {
		it.each(['acceptThenReset', 'acceptThen500'] as const)(
			'%s: the new version is found in the video\'s versions and used',
			async (kind) => {
				const videoId = await newVideo(handle);
				const balance = handle.fake.balance;
				handle.fake.failNext({ method: 'POST', path: EDIT_PATH }, { kind });
				const before = handle.fake.apiRequests().length;

				const result = await runNode(handle, { parameters: overlayParameters(), items: [{ json: { videoId } }] });

				expect(result.error).toBeUndefined();
				const made = [...handle.fake.videos.values()].filter((video) => video.edit?.rootId === videoId);
				expect(made).toHaveLength(1);
				expect(result.items[0].json).toMatchObject({ videoId: made[0].videoId, operation: 'overlay', version: 2, sourceVideoId: videoId });
				expect(await result.readBinary(result.items[0])).toEqual(handle.fake.resultBytes(made[0].videoId));
				expect(editPosts(since(handle, before))).toHaveLength(1);
				expect(handle.fake.balance).toBe(balance - 1);
			},
		);

		it('not found in the versions: an error that says it may have been charged and names the videoId, no second POST', async () => {
			const videoId = await newVideo(handle);
			// A 500 that did nothing: the node cannot tell, so it must not send again.
			handle.fake.failNext({ method: 'POST', path: EDIT_PATH }, { status: 500 });
			const before = handle.fake.apiRequests().length;

			const result = await runNode(handle, { parameters: captionsParameters(), items: [{ json: { videoId } }] });

			expect(result.error?.message).toContain('may have been made and charged');
			expect(result.error?.message).toContain(videoId);
			expect(result.error?.description).toContain(`Video > Get for videoId ${videoId}`);
			expect(editPosts(since(handle, before))).toHaveLength(1);
			// It looked at the video's history for it.
			expect(since(handle, before).map((request) => route(request, { [videoId]: '{source}' }))).toEqual([
				'GET /videos/{source} 200',
				'POST /videos/{source}/captions 500',
				'GET /videos/{source} 200',
			]);
		});

		it('two items editing one video, one answer lost without an edit: the other item\'s version is not taken for it', async () => {
			const videoId = await newVideo(handle);
			handle.fake.failNext({ method: 'POST', path: EDIT_PATH }, { status: 500 });
			const before = handle.fake.apiRequests().length;

			const result = await runNode(handle, {
				parameters: overlayParameters(),
				items: [{ json: { videoId } }, { json: { videoId } }],
				continueOnFail: true,
			});

			const made = [...handle.fake.videos.values()].filter((video) => video.edit?.rootId === videoId);
			expect(made).toHaveLength(1);
			const outcomes = result.items.map((item) => (item.json.error ? 'error' : String(item.json.videoId)));
			expect(outcomes.sort()).toEqual([made[0].videoId, 'error'].sort());
			const failed = result.items.find((item) => item.json.error)!;
			expect(failed.json).toMatchObject({ videoId, error: expect.stringContaining('may have been made and charged') });
			expect(editPosts(since(handle, before))).toHaveLength(2);
		});
	});

	describe('a video that is not completed', () => {
		it('failed: refused before any edit is sent, naming the videoId', async () => {
			const videoId = await newVideo(handle, 'A cat [fail]');
			const before = handle.fake.apiRequests().length;

			const result = await runNode(handle, { parameters: captionsParameters(), items: [{ json: { videoId } }] });

			expect(result.error?.message).toContain(`The video failed (CONTENT_POLICY_VIOLATION`);
			expect(result.error?.message).toContain(`only a completed video can get captions (videoId ${videoId})`);
			expect(result.error?.description).toContain('Nothing was sent or charged');
			expect(editPosts(since(handle, before))).toHaveLength(0);
		});

		it('still running: waited for within Max Wait Time, then edited', async () => {
			const videoId = await newVideo(handle);
			const video = handle.fake.videos.get(videoId)!;
			// Made 59 s ago and running on: the first look comes when the usual 1 minute is up.
			video.createdAt = Date.now() - 59_000;
			video.durationMs = 3_600_000;
			const before = handle.fake.apiRequests().length;

			const running = runNode(handle, { parameters: captionsParameters(), items: [{ json: { videoId } }] });
			while (!since(handle, before).some((request) => request.method === 'GET')) await new Promise((resolve) => setTimeout(resolve, 20));
			video.durationMs = 0; // it completes after the node saw it running
			const result = await running;

			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ operation: 'captions', sourceVideoId: videoId });
			const routes = since(handle, before).map((request) => route(request, { [videoId]: '{source}' }));
			expect(routes.filter((entry) => entry === 'GET /videos/{source} 200').length).toBeGreaterThanOrEqual(2);
			expect(routes.indexOf('POST /videos/{source}/captions 200')).toBeGreaterThan(routes.lastIndexOf('GET /videos/{source} 200'));
		});

		it('still running at Max Wait Time: refused, naming the videoId, nothing sent', async () => {
			const videoId = await newVideo(handle);
			const video = handle.fake.videos.get(videoId)!;
			video.createdAt = Date.now() - 59_000;
			video.durationMs = 120_000; // processing (past a third of it)
			const before = handle.fake.apiRequests().length;

			const result = await runNode(handle, {
				parameters: captionsParameters({ options: { maxWaitTime: 1 } }),
				items: [{ json: { videoId } }],
			});

			expect(result.error?.message).toContain('still processing after 1 s: only a completed video can get captions');
			expect(result.error?.message).toContain(videoId);
			expect(editPosts(since(handle, before))).toHaveLength(0);
		});

		it('the API refusing the edit anyway: its reason and the videoId', async () => {
			const videoId = await newVideo(handle);
			handle.fake.failNext(
				{ method: 'POST', path: EDIT_PATH },
				{ status: 400, type: 'validation_error', errors: { videoId: ['Video is still processing'] } },
			);
			const before = handle.fake.apiRequests().length;
			const result = await runNode(handle, { parameters: overlayParameters(), items: [{ json: { videoId } }] });
			expect(result.error?.message).toBe(`RawUGC rejected the request: videoId: Video is still processing (videoId ${videoId})`);
			// A refusal shows the path exists: the other form is not tried.
			expect(editPosts(since(handle, before))).toHaveLength(1);
		});
	});

	it('an API pinned to the old version (taskId, resultUrl): read in today\'s names', async () => {
		const source = handle.fake.videos.get(await newVideo(handle))!;
		handle.fake.pinnedVersion = '2025-11-10';
		handle.fake.ignoreVersionHeader = true;
		try {
			const result = await runNode(handle, { parameters: captionsParameters(), items: [{ json: { videoId: source.legacyId } }] });

			expect(result.error).toBeUndefined();
			const [made] = [...handle.fake.videos.values()].filter((video) => video.edit?.rootId === source.videoId);
			expect(result.items[0].json).toMatchObject({ videoId: made.legacyId, operation: 'captions', version: 2, sourceVideoId: source.legacyId });
			expect(result.items[0].json.url).toEqual(expect.stringContaining(handle.fake.storageOrigin));
			expect(result.items[0].json.taskId).toBeUndefined();
			expect(result.items[0].json.resultUrl).toBeUndefined();
			expect(result.items[0].binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${made.legacyId}.mp4` });
			expect(await result.readBinary(result.items[0])).toEqual(handle.fake.resultBytes(made.videoId));
		} finally {
			handle.fake.pinnedVersion = '2026-03-06';
			handle.fake.ignoreVersionHeader = false;
		}
	});

	it('the panel shows each edit\'s own parameters', () => {
		const { description } = new RawUgc();
		expect(visibleParameters(description, { resource: 'video', operation: 'addCaptions' })).toEqual([
			'resource', 'operation', 'videoId', 'language', 'options',
		]);
		expect(visibleParameters(description, { resource: 'video', operation: 'addOverlay' })).toEqual([
			'resource', 'operation', 'videoId', 'text', 'position', 'overlayStyle', 'options',
		]);
	});

	it('not enough credits: the API\'s numbers and the videoId', async () => {
		const videoId = await newVideo(handle);
		handle.fake.balance = 0;
		const result = await runNode(handle, { parameters: captionsParameters(), items: [{ json: { videoId } }] });
		expect(result.error?.message).toContain('Not enough RawUGC credits');
		expect(result.error?.message).toContain('requires 1 credits');
		expect(result.error?.message).toContain(videoId);
	});

	it('a run stopped by one item\'s error names the new versions the other items paid for', async () => {
		const good = await newVideo(handle);
		const failed = await newVideo(handle, 'A dog [fail]');

		const result = await runNode(handle, {
			parameters: captionsParameters(),
			items: [{ json: { videoId: good } }, { json: { videoId: failed } }],
		});

		const [made] = [...handle.fake.videos.values()].filter((video) => video.edit?.rootId === good);
		expect(result.error?.message).toContain(`only a completed video can get captions (videoId ${failed})`);
		expect(result.error?.description).toContain(`item 0: ${made.videoId}`);
	});

	it('On Error: Continue: a missing video and a failed one become error items with their videoId; the others carry on', async () => {
		const good = await newVideo(handle);
		const failed = await newVideo(handle, 'A dog [fail]');
		const missing = 'vid_0000000000000000';

		const result = await runNode(handle, {
			parameters: captionsParameters(),
			items: [{ json: { videoId: good } }, { json: { videoId: missing } }, { json: { videoId: failed } }],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json).toMatchObject({ sourceVideoId: good, operation: 'captions' });
		expect(result.items[0].binary?.data).toBeDefined();
		expect(result.items[1].json).toMatchObject({ videoId: missing, error: expect.stringContaining(`no video ${missing}`) });
		expect(result.items[2].json).toMatchObject({ videoId: failed, status: 'failed', error: expect.stringContaining('only a completed video') });
	});
});

/** The path form is remembered per base URL: each of these tests has a fake (a base URL) of its own. */
describe('the disputed edit path', () => {
	function editRoutes(handle: FakeHandle, from: number): string[] {
		return editPosts(since(handle, from)).map((request) => route(request));
	}

	describe('an API that answers the flat form only', () => {
		const handle = withFake({ jobDurationMs: 0, editPaths: 'flat' }, { perTest: true });

		it('the first edit finds it after one 404 (nothing charged for it); the next goes straight there', async () => {
			const videoId = await newVideo(handle);
			const balance = handle.fake.balance;
			let before = handle.fake.apiRequests().length;

			const first = await runNode(handle, { parameters: captionsParameters({ language: 'en' }), items: [{ json: { videoId } }] });

			expect(first.error).toBeUndefined();
			expect(editRoutes(handle, before)).toEqual(['POST /videos/{id}/captions 404', 'POST /videos/captions 200']);
			// videoId is in the body on either form.
			expect(editPosts(since(handle, before)).map(bodyOf)).toEqual([
				{ videoId, language: 'en' },
				{ videoId, language: 'en' },
			]);
			expect(handle.fake.balance).toBe(balance - 1);

			before = handle.fake.apiRequests().length;
			const second = await runNode(handle, { parameters: overlayParameters(), items: [{ json: { videoId } }] });
			expect(second.error).toBeUndefined();
			expect(editRoutes(handle, before)).toEqual(['POST /videos/overlay 200']);
			expect(second.items[0].json).toMatchObject({ operation: 'overlay', version: 3 });
		});

		it('a batch learns it once: one 404 for all its items', async () => {
			const ids = [await newVideo(handle), await newVideo(handle), await newVideo(handle)];
			const before = handle.fake.apiRequests().length;

			const result = await runNode(handle, { parameters: captionsParameters(), items: ids.map((videoId) => ({ json: { videoId } })) });

			expect(result.error).toBeUndefined();
			const routes = editRoutes(handle, before);
			expect(routes.filter((entry) => entry.endsWith(' 404'))).toHaveLength(1);
			expect(routes.filter((entry) => entry === 'POST /videos/captions 200')).toHaveLength(3);
			expect(result.items.map((item) => item.json.sourceVideoId)).toEqual(ids);
		});

		it('when the API moves to the other form, it is learned again', async () => {
			const videoId = await newVideo(handle);
			await runNode(handle, { parameters: captionsParameters(), items: [{ json: { videoId } }] });
			handle.fake.editPaths = 'nested';
			const before = handle.fake.apiRequests().length;

			const result = await runNode(handle, { parameters: captionsParameters(), items: [{ json: { videoId } }] });

			expect(result.error).toBeUndefined();
			expect(editRoutes(handle, before)).toEqual(['POST /videos/captions 404', 'POST /videos/{id}/captions 200']);
		});

		it('neither form answering: an error naming both paths and the videoId', async () => {
			const videoId = await newVideo(handle);
			handle.fake.failNext({ method: 'POST', path: EDIT_PATH }, { status: 404, type: 'not_found' }, 2);
			const before = handle.fake.apiRequests().length;

			const result = await runNode(handle, { parameters: captionsParameters(), items: [{ json: { videoId } }] });

			expect(result.error?.message).toContain(`POST /videos/${videoId}/captions and POST /videos/captions answered not found`);
			expect(result.error?.message).toContain(`(videoId ${videoId})`);
			expect(editRoutes(handle, before)).toHaveLength(2);
		});
	});

	describe('an API that answers both forms', () => {
		const handle = withFake({ jobDurationMs: 0 }, { perTest: true });

		it('a 405 (method not allowed) on the first form also moves to the other one', async () => {
			const videoId = await newVideo(handle);
			handle.fake.failNext({ method: 'POST', path: /\/videos\/vid_[0-9a-f]+\/captions$/ }, { status: 405 });
			const before = handle.fake.apiRequests().length;

			const result = await runNode(handle, { parameters: captionsParameters(), items: [{ json: { videoId } }] });

			expect(result.error).toBeUndefined();
			expect(editRoutes(handle, before)).toEqual(['POST /videos/{id}/captions 405', 'POST /videos/captions 200']);
		});
	});

	describe('an API that answers the nested form only', () => {
		const handle = withFake({ jobDurationMs: 0, editPaths: 'nested' }, { perTest: true });

		it('goes there at once, with the videoId in the body too', async () => {
			const videoId = await newVideo(handle);
			const before = handle.fake.apiRequests().length;
			const result = await runNode(handle, { parameters: overlayParameters({ position: 'center' }), items: [{ json: { videoId } }] });
			expect(result.error).toBeUndefined();
			expect(editRoutes(handle, before)).toEqual(['POST /videos/{id}/overlay 200']);
			expect(bodyOf(editPosts(since(handle, before))[0])).toEqual({ videoId, text: 'Summer sale', position: 'center' });
		});
	});
});

describe('Video edits under Retry On Fail', () => {
	const handle = withFake({ jobDurationMs: 0 });

	it('a download that fails on the first try: the retry carries on with the new version, the edit is sent once', async () => {
		const videoId = await newVideo(handle);
		const before = handle.fake.apiRequests().length;
		// The download tries three times: three faults fail the first try, the retry's goes through.
		handle.fake.failNext({ origin: 'storage', method: 'GET' }, { status: 500 }, 3);
		const result = await runNode(handle, {
			parameters: captionsParameters(),
			items: [{ json: { videoId } }],
			settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 },
		});

		expect(result.error).toBeUndefined();
		expect(editPosts(since(handle, before))).toHaveLength(1);
		const newId = result.items[0].json.videoId as string;
		expect(newId).not.toBe(videoId);
		expect(result.items[0].json).toMatchObject({ operation: 'captions', sourceVideoId: videoId });
		expect(await result.readBinary(result.items[0])).toEqual(handle.fake.resultBytes(newId));
	});
});
