/**
 * n8n's Retry On Fail through n8n-core's own retry loop: a retry carries on with the jobs and
 * uploads the earlier try made (one submit per item in the fake's log), resubmits only a job
 * that failed on RawUGC's side, and a new execution is a new request.
 */
import { NodeOperationError } from 'n8n-workflow';

import type { FakeRawUgc } from './fake-rawugc';
import { withFake, type FakeHandle } from './support/fake';
import { editParameters, expr, generateParameters, musicParameters } from './support/parameters';
import { apiRoutes, generateBodies } from './support/requests';
import { numberedItems, runNode } from './support/run';
import { rememberedCount, retryMemoryLimits } from '../nodes/RawUgc/helpers/retryMemory';
import { RawUgcApi } from '../credentials/RawUgcApi.credentials';
import { KIND_PROBE_TYPE, KindProbe } from './engine/fixtures/KindProbe.node';
import { runWorkflow } from './engine/runWorkflow';

jest.setTimeout(60_000);

/** Retry On Fail as the editor saves it, with a short wait so the tests stay quick. */
const RETRY = { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 };

const jobIds = (fake: FakeRawUgc) => [...fake.jobs.keys()];
/** The answers to POST /upload, in order (statuses only: the recorded headers hold the key). */
const uploads = (fake: FakeRawUgc) =>
	fake
		.apiRequests()
		.filter((request) => request.method === 'POST' && request.path.endsWith('/upload'))
		.map((request) => request.status);
const downloads = (fake: FakeRawUgc) => fake.storageRequests().filter((request) => request.path.includes('/results/'));

/** Every item of the output is its job's completed image, in input order. */
async function expectImagesDelivered(handle: FakeHandle, result: Awaited<ReturnType<typeof runNode>>, count: number) {
	const { fake } = handle;
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(count);
	for (const [index, item] of result.items.entries()) {
		expect(item.json.error).toBeUndefined();
		expect(item.json.status).toBe('completed');
		expect(item.pairedItem).toEqual({ item: index });
		expect(await result.readBinary(item)).toEqual(fake.resultBytes(item.json.imageId as string));
	}
}

/** One item, one submit in the fake's log, and the output is that job's image. */
async function expectOneJobDelivered(handle: FakeHandle, result: Awaited<ReturnType<typeof runNode>>) {
	await expectImagesDelivered(handle, result, 1);
	expect(generateBodies(handle.fake)).toHaveLength(1);
	expect(result.items[0].json.imageId).toBe(jobIds(handle.fake)[0]);
}

describe('Retry On Fail carries on with the jobs of the earlier try', () => {
	const handle = withFake();

	afterEach(() => expect(rememberedCount()).toBe(0));

	it('a download that fails on the first try: one submit per item, the same jobs delivered', async () => {
		const { fake } = handle;
		// Each item's download tries three times: six faults fail both items once, then go.
		fake.failNext({ origin: 'storage', method: 'GET' }, { status: 500 }, 6);
		const result = await runNode(handle, {
			parameters: generateParameters({ prompt: expr('"A kite " + $json.n') }),
			items: numberedItems(2),
			settings: RETRY,
		});

		await expectImagesDelivered(handle, result, 2);
		expect(generateBodies(fake).map((body) => body.prompt)).toEqual(['A kite 0', 'A kite 1']);
		expect(result.items.map((item) => item.json.imageId).sort()).toEqual(jobIds(fake).sort());
		// The retry looked at both jobs with one list look, not one look each.
		expect(apiRoutes(fake).filter((route) => route === 'GET /images/{id}')).toEqual([]);
		// Six failed on the first try, two on the retry.
		expect(downloads(fake).map((request) => request.status).sort()).toEqual([200, 200, 500, 500, 500, 500, 500, 500]);
	});

	it('the same under Continue: the retry delivers, nothing is submitted twice', async () => {
		const { fake } = handle;
		fake.failNext({ origin: 'storage', method: 'GET' }, { status: 500 }, 3);
		const result = await runNode(handle, { parameters: generateParameters(), settings: RETRY, continueOnFail: true });

		await expectOneJobDelivered(handle, result);
		expect(downloads(fake).map((request) => request.status)).toEqual([500, 500, 500, 200]);
	});

	it('a status look that fails past its own retries: the retry looks again, never submits', async () => {
		const { fake } = handle;
		// The API client tries a look five times; all five fail on the first try.
		fake.failNext({ method: 'GET', path: /\/images\/img_/ }, { status: 503 }, 5);
		const result = await runNode(handle, { parameters: generateParameters(), settings: RETRY });

		await expectOneJobDelivered(handle, result);
	});

	it('a lost submit answer not found on the first try is looked for again on the retry, not sent again', async () => {
		const { fake } = handle;
		fake.failNext({ method: 'POST', path: '/images/generate' }, { kind: 'acceptThenReset' });
		// The list search of the first try fails (five tries), so its item fails "may have been charged".
		fake.failNext({ method: 'GET', path: '/images' }, { status: 503 }, 5);
		const result = await runNode(handle, { parameters: generateParameters(), settings: RETRY });

		await expectOneJobDelivered(handle, result);
	});

	it('a lost submit that never made a job: every try after says so, and nothing is sent again', async () => {
		const { fake } = handle;
		fake.failNext({ method: 'POST', path: '/images/generate' }, { kind: 'reset' });
		const result = await runNode(handle, { parameters: generateParameters(), settings: { ...RETRY, maxTries: 3 } });

		const error = result.error as NodeOperationError;
		expect(error.message).toContain('may have been created and charged on an earlier try');
		expect(error.message).toContain('not sent again [item 0]');
		expect(generateBodies(fake)).toHaveLength(1);
		expect(jobIds(fake)).toEqual([]);
	});

	it.each(['filesystem', 'default'] as const)('an uploaded input binary (%s mode) is not uploaded again by the retry', async (binaryMode) => {
		const { fake } = handle;
		fake.failNext({ origin: 'storage', method: 'GET', path: /\/results\// }, { status: 500 }, 3);
		const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)]);
		const result = await runNode(handle, {
			parameters: editParameters({ imageUrls: '', inputBinaryFields: 'data' }),
			items: [{ json: {}, binary: { data: { data: photo, mimeType: 'image/png', fileName: 'photo.png' } } }],
			settings: RETRY,
			binaryMode,
		});

		await expectImagesDelivered(handle, result, 1);
		expect(uploads(fake)).toEqual([200]);
		expect(generateBodies(fake)).toHaveLength(1);
	});

	it('File > Upload: items uploaded by the first try are not sent again', async () => {
		const { fake } = handle;
		fake.failNext({ method: 'POST', path: '/upload' }, { status: 400, detail: 'Injected once' });
		const photo = (n: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1000, n)]);
		const result = await runNode(handle, {
			parameters: { resource: 'file', operation: 'upload', binaryPropertyName: 'data' },
			items: [0, 1].map((n) => ({ json: {}, binary: { data: { data: photo(n), mimeType: 'image/jpeg' } } })),
			settings: RETRY,
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => typeof item.json.url)).toEqual(['string', 'string']);
		// One refused (that item failed the first try), two that went through: none sent twice.
		expect(uploads(fake).sort()).toEqual([200, 200, 400]);
	});

	it('a cancelled execution keeps nothing', async () => {
		const { fake } = handle;
		fake.jobDurationMs = 120_000;
		const controller = new AbortController();
		const running = runNode(handle, { parameters: generateParameters(), items: numberedItems(2), settings: RETRY, signal: controller.signal });
		while (fake.jobs.size < 2) await new Promise((resolve) => setTimeout(resolve, 20));

		controller.abort();
		const result = await running;
		fake.jobDurationMs = 30;

		expect(result.error?.message).toMatch(/cancelled/);
		expect(generateBodies(fake)).toHaveLength(2);
	});

	it('a new execution (run again by hand) submits again', async () => {
		const { fake } = handle;
		const first = await runNode(handle, { parameters: generateParameters(), settings: RETRY });
		const second = await runNode(handle, { parameters: generateParameters(), settings: RETRY });

		expect(generateBodies(fake)).toHaveLength(2);
		expect(first.items[0].json.imageId).not.toBe(second.items[0].json.imageId);
	});
});

describe('the memory\'s bounds', () => {
	const handle = withFake();
	const usual = { ...retryMemoryLimits };
	afterEach(() => Object.assign(retryMemoryLimits, usual));

	it('in time: a failed try\'s memory is dropped when the retry comes after the grace', async () => {
		const { fake } = handle;
		retryMemoryLimits.graceMs = 0; // the retry comes 10 ms later
		fake.failNext({ origin: 'storage', method: 'GET' }, { status: 500 }, 3);
		const result = await runNode(handle, { parameters: generateParameters(), settings: RETRY });

		await expectImagesDelivered(handle, result, 1);
		expect(generateBodies(fake)).toHaveLength(2);
		expect(rememberedCount()).toBe(0);
	});

	it('in entries: past the bound the least recently used item is forgotten (and that one alone is submitted again)', async () => {
		const { fake } = handle;
		retryMemoryLimits.maxEntries = 2;
		fake.failNext({ origin: 'storage', method: 'GET' }, { status: 500 }, 9);
		const result = await runNode(handle, {
			parameters: generateParameters({ prompt: expr('"A boat " + $json.n') }),
			items: numberedItems(3),
			settings: RETRY,
		});

		await expectImagesDelivered(handle, result, 3);
		expect(generateBodies(fake)).toHaveLength(4);
		expect(rememberedCount()).toBe(0);
	});
});

describe('a job that failed on RawUGC\'s side', () => {
	let failures = 0;
	const handle = withFake({ shouldFail: (prompt) => prompt.includes('[once]') && failures++ === 0 });

	it('is submitted again by the retry, which delivers the new job', async () => {
		const { fake } = handle;
		const result = await runNode(handle, { parameters: generateParameters({ prompt: 'A comet [once]' }), settings: RETRY });

		await expectImagesDelivered(handle, result, 1);
		expect(generateBodies(fake)).toHaveLength(2);
		const [failed, second] = jobIds(fake);
		expect(fake.findJob(failed)?.willFail).toBe(true);
		expect(result.items[0].json.imageId).toBe(second);
		expect(rememberedCount()).toBe(0);
	});
});

describe('Music > Generate', () => {
	const handle = withFake();

	it('a track whose audio and album art downloads fail on the first try: one submit, the same track delivered', async () => {
		const { fake } = handle;
		// Both files are fetched side by side, three tries each: six faults fail them both once.
		fake.failNext({ origin: 'storage', method: 'GET' }, { status: 500 }, 6);
		const result = await runNode(handle, {
			parameters: musicParameters({ model: 'V5', options: { downloadAlbumArt: true } }),
			settings: RETRY,
		});

		expect(result.error).toBeUndefined();
		expect(generateBodies(fake, '/music')).toHaveLength(1);
		const musicId = result.items[0].json.musicId as string;
		expect([...fake.tracks.keys()]).toEqual([musicId]);
		expect(await result.readBinary(result.items[0])).toEqual(fake.resultBytes(musicId));
		expect(await result.readBinary(result.items[0], 'albumArt')).toEqual(fake.resultBytes(musicId, 'art'));
		expect(fake.storageRequests().filter((sent) => sent.status === 500)).toHaveLength(6);
		expect(rememberedCount()).toBe(0);
	});
});

describe.each([
	{ kind: 'video', path: '/videos/generate', idField: 'videoId', request: { model: 'sora-2-text-to-video', prompt: 'A tram at dusk' } },
])('every kind: $kind (through the engine, as its operations will run)', ({ kind, path, idField, request }) => {
	const handle = withFake();

	it('a download that fails on the first try: one submit, the same job delivered', async () => {
		const { fake } = handle;
		fake.failNext({ origin: 'storage', method: 'GET' }, { status: 500 }, 3);
		const result = await runWorkflow({
			nodeTypes: { [KIND_PROBE_TYPE]: new KindProbe() },
			credentialTypes: { rawUgcApi: new RawUgcApi() },
			nodeType: KIND_PROBE_TYPE,
			node: { parameters: { kind, request: JSON.stringify(request) }, credentials: { rawUgcApi: handle.credentials() }, settings: RETRY },
		});

		expect(result.error).toBeUndefined();
		const submits = fake.apiRequests().filter((sent) => sent.method === 'POST' && sent.path.endsWith(path));
		expect(submits).toHaveLength(1);
		const id = result.items[0].json[idField] as string;
		expect([...fake.store.byKind[kind as 'video' | 'music'].keys()]).toEqual([id]);
		expect(await result.readBinary(result.items[0])).toEqual(fake.resultBytes(id));
		expect(fake.storageRequests().map((sent) => sent.status)).toEqual([500, 500, 500, 200]);
		expect(rememberedCount()).toBe(0);
	});
});
