/**
 * Image > Get through the engine against the fake: collects a job by imageId (or a legacy
 * task_ id) with Generate's waiting, time-out, failure and download behaviour, spending nothing.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { FakeJob } from './fake-rawugc';
import { withFake } from './support/fake';
import { expr, generateParameters } from './support/parameters';
import { routeOf } from './support/requests';
import { numberedItems, runNode } from './support/run';

// Jobs finish the moment they are submitted unless a test says otherwise (stillRunning).
const handle = withFake({ jobDurationMs: 0 });

function getParameters(overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'image', operation: 'get', imageId: expr('$json.imageId'), ...overrides };
}

/** Submits `count` jobs through Generate with "Wait for Image" off; returns their ids. */
async function submit(count: number, prompt = 'A red bicycle'): Promise<string[]> {
	const result = await runNode(handle, {
		parameters: generateParameters({ prompt, waitForCompletion: false }),
		items: numberedItems(count),
	});
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json.imageId as string);
}

/**
 * Makes a job look as if it was submitted 9.5 s ago and still runs for another second, so Get
 * finds it running and must wait (Get assumes the usual 10 s before the first look).
 */
function stillRunning(imageId: string, moreMs = 1_000): FakeJob {
	const job = handle.fake.findJob(imageId)!;
	job.createdAt = Date.now() - 9_500;
	job.durationMs = 9_500 + moreMs;
	return job;
}

function requestsAfter(count: number) {
	return handle.fake.apiRequests().slice(count);
}

describe('Image > Get', () => {
	it('collects a completed image: the job in today\'s names and its bytes, spending no credit', async () => {
		const [imageId] = await submit(1);
		const balance = handle.fake.balance;
		const before = handle.fake.apiRequests().length;

		const result = await runNode(handle, { parameters: getParameters(), items: [{ json: { imageId } }] });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.json).toMatchObject({ imageId, status: 'completed', model: 'nano-banana-2', prompt: 'A red bicycle' });
		expect(String(item.json.url)).toContain(handle.fake.storageOrigin);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/jpeg', fileName: `${imageId}.jpg` });
		expect(await result.readBinary(item)).toEqual(handle.fake.resultBytes(imageId));
		expect(requestsAfter(before).map(routeOf)).toEqual(['GET /images/{id}']);
		expect(handle.fake.balance).toBe(balance);
	});

	it('waits for a running image, then downloads it', async () => {
		const [imageId] = await submit(1);
		stillRunning(imageId);
		const before = handle.fake.apiRequests().length;

		const result = await runNode(handle, { parameters: getParameters(), items: [{ json: { imageId } }] });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ imageId, status: 'completed' });
		expect(await result.readBinary(result.items[0])).toEqual(handle.fake.resultBytes(imageId));
		const lookups = requestsAfter(before).filter((request) => routeOf(request) === 'GET /images/{id}');
		expect(lookups.length).toBeGreaterThanOrEqual(2); // the first saw it running
		expect(requestsAfter(before).some((request) => request.method === 'POST')).toBe(false);
	});

	it('with "Wait for Image" off, outputs a running job as it is, without waiting', async () => {
		const [imageId] = await submit(1);
		stillRunning(imageId, 60_000);

		const result = await runNode(handle, {
			parameters: getParameters({ waitForCompletion: false }),
			items: [{ json: { imageId } }],
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ imageId, status: 'pending' });
		expect(result.items[0].json.url).toBeUndefined();
		expect(result.items[0].binary).toBeUndefined();
	});

	it('with Download Image off, outputs the URL only', async () => {
		const [imageId] = await submit(1);
		const result = await runNode(handle, {
			parameters: getParameters({ options: { download: false } }),
			items: [{ json: { imageId } }],
		});
		expect(result.items[0].json).toMatchObject({ imageId, status: 'completed' });
		expect(result.items[0].json.url).toEqual(expect.any(String));
		expect(result.items[0].binary).toBeUndefined();
		expect(handle.fake.storageRequests()).toHaveLength(0);
	});

	it('puts the image in the chosen binary property', async () => {
		const [imageId] = await submit(1);
		const result = await runNode(handle, {
			parameters: getParameters({ options: { binaryPropertyName: 'picture' } }),
			items: [{ json: { imageId } }],
		});
		expect(Object.keys(result.items[0].binary ?? {})).toEqual(['picture']);
	});

	it('accepts a legacy task_ id and answers in today\'s names', async () => {
		const [imageId] = await submit(1);
		const legacyId = handle.fake.findJob(imageId)!.legacyId;
		expect(legacyId).toMatch(/^task_/);

		const result = await runNode(handle, { parameters: getParameters({ imageId: legacyId }) });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ imageId, status: 'completed' });
		expect(result.items[0].json.taskId).toBeUndefined();
		expect(await result.readBinary(result.items[0])).toEqual(handle.fake.resultBytes(imageId));
		expect(handle.fake.apiRequests().slice(-1)[0]?.path).toBe(`/api/v1/images/${legacyId}`);
	});

	it('an unknown id is a clear not-found error naming the id', async () => {
		const result = await runNode(handle, { parameters: getParameters({ imageId: 'img_doesnotexist' }) });

		expect(result.error?.message).toMatch(/not found/i);
		expect(result.error?.message).toContain('img_doesnotexist');
		expect(handle.fake.storageRequests()).toHaveLength(0);
	});

	it('under Continue, an unknown id is an error item with that id and the others carry on', async () => {
		const [imageId] = await submit(1);
		const result = await runNode(handle, {
			parameters: getParameters(),
			items: [{ json: { imageId: 'img_doesnotexist' } }, { json: { imageId } }],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toMatch(/not found/i);
		expect(result.items[0].json.imageId).toBe('img_doesnotexist');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json).toMatchObject({ imageId, status: 'completed' });
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
	});

	it('a failed job is an error carrying its imageId and the API\'s reason', async () => {
		const [imageId] = await submit(1, 'A red bicycle [fail]');
		const result = await runNode(handle, { parameters: getParameters(), items: [{ json: { imageId } }] });

		expect(result.error?.message).toContain('failed to generate');
		expect(result.error?.message).toContain('CONTENT_POLICY_VIOLATION');
		expect(result.error?.message).toContain(imageId);
	});

	it('times out with an error that carries the imageId and says to collect it with Get', async () => {
		const [imageId] = await submit(1);
		stillRunning(imageId, 120_000);

		const result = await runNode(handle, {
			parameters: getParameters({ options: { maxWaitTime: 1 } }),
			items: [{ json: { imageId } }],
			continueOnFail: true,
		});

		expect(result.items[0].json.error).toMatch(/still running.*collect it with Get/);
		expect(result.items[0].json.imageId).toBe(imageId);
		expect(result.items[0].json.status).toBe('pending');
	});

	it('many items wait together: the job list answers for all of them', async () => {
		const ids = await submit(3);
		for (const id of ids) stillRunning(id);
		const before = handle.fake.apiRequests().length;

		const result = await runNode(handle, {
			parameters: getParameters(),
			items: ids.map((imageId) => ({ json: { imageId } })),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.imageId)).toEqual(ids);
		expect(result.items.every((item) => item.json.status === 'completed' && item.binary?.data)).toBe(true);
		const routes = requestsAfter(before).map(routeOf);
		expect(routes.filter((route) => route === 'GET /images/{id}')).toHaveLength(3); // the starts only
		expect(routes).toContain('GET /images');
	});

	it('two items asking for the same running image both get it', async () => {
		const [imageId] = await submit(1);
		stillRunning(imageId);

		const result = await runNode(handle, {
			parameters: getParameters({ imageId }),
			items: numberedItems(2),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.imageId, item.json.status, item.pairedItem])).toEqual([
			[imageId, 'completed', { item: 0 }],
			[imageId, 'completed', { item: 1 }],
		]);
	});

	it('an empty imageId is refused by n8n as a missing required parameter, before any request', async () => {
		const result = await runNode(handle, { parameters: getParameters({ imageId: '' }) });

		expect(result.error?.message).toContain('"Image ID" is required');
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});

	it.each([
		['blank', '   '],
		['empty (from an expression)', expr("''")],
		['with a space', 'img_1 img_2'],
	])('a %s imageId is an input error naming the field, before any request', async (_, imageId) => {
		const result = await runNode(handle, { parameters: getParameters({ imageId }) });

		expect(result.error?.message).toContain('imageId');
		expect(result.error?.message).toContain('[item 0]');
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});
});
