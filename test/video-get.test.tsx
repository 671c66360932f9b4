/**
 * Video > Get and Video > Get Many: the shared Get / Get Many for the video kind, through the
 * engine against the fake: today's names (legacy answers too), waiting, download, time-out.
 */
import { NodeApiError, NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { withFake } from './support/fake';
import { expr, videoParameters } from './support/parameters';
import { routeOf } from './support/requests';
import { numberedItems, runNode } from './support/run';

const handle = withFake();

const getParameters = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'video',
	operation: 'get',
	videoId: expr('$json.videoId'),
	...overrides,
});

async function submit(count: number): Promise<string[]> {
	const result = await runNode(handle, {
		parameters: videoParameters({ prompt: expr('"A boat " + $json.n'), waitForCompletion: false }),
		items: numberedItems(count),
	});
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json.videoId as string);
}

/** Makes the fake's videos done now, so a Get, a list or an edit finds them completed whatever the machine's load. */
function finishAll(): void {
	for (const video of handle.fake.videos.values()) video.durationMs = 0;
}

describe('Video > Get', () => {
	it('collects a completed video: today’s names, the MP4 bytes, no credit spent, one request', async () => {
		const [videoId] = await submit(1);
		finishAll();
		const balance = handle.fake.balance;
		const before = handle.fake.apiRequests().length;

		const result = await runNode(handle, { parameters: getParameters(), items: [{ json: { videoId } }] });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toMatchObject({ videoId, status: 'completed', model: 'sora-2-text-to-video', prompt: 'A boat 0' });
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${videoId}.mp4` });
		expect(await result.readBinary(item)).toEqual(handle.fake.resultBytes(videoId));
		expect(handle.fake.apiRequests().slice(before).map(routeOf)).toEqual(['GET /videos/{id}']);
		expect(handle.fake.balance).toBe(balance);
	});

	it('a legacy task_ id works and the answer is in today’s names', async () => {
		const [videoId] = await submit(1);
		const legacyId = handle.fake.videos.get(videoId)!.legacyId;

		const result = await runNode(handle, { parameters: getParameters({ videoId: legacyId }) });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.videoId).toBe(videoId);
		expect(await result.readBinary(result.items[0])).toEqual(handle.fake.resultBytes(videoId));
	});

	it('a running video past Max Wait Time: an error with the videoId saying to collect it with Get', async () => {
		const [videoId] = await submit(1);
		const job = handle.fake.videos.get(videoId)!;
		job.durationMs = 600_000;

		const result = await runNode(handle, { parameters: getParameters({ options: { maxWaitTime: 1 } }), items: [{ json: { videoId } }] });

		const error = result.error as NodeOperationError;
		expect(error.message).toContain('still running');
		expect(error.context.videoId).toBe(videoId);
	});

	it('an unknown id is a plain not-found error naming it', async () => {
		const result = await runNode(handle, { parameters: getParameters({ videoId: 'vid_doesnotexist' }) });

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toMatch(/not found/i);
		expect(`${result.error?.message} ${String(result.error?.description)}`).toContain('vid_doesnotexist');
	});
});

describe('Video > Get Many', () => {
	it('lists videos in today’s names, filtered by status, no download', async () => {
		await submit(3);
		finishAll();

		const result = await runNode(handle, {
			parameters: { resource: 'video', operation: 'getMany', limit: 2, filters: { status: 'completed' } },
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		for (const item of result.items) {
			expect(item.json).toMatchObject({ videoId: expect.stringMatching(/^vid_/), status: 'completed' });
			expect(item.binary).toBeUndefined();
		}
		const [list] = handle.fake.apiRequests().filter((request) => routeOf(request) === 'GET /videos');
		expect(list.query).toMatchObject({ limit: '2', status: 'completed' });
	});

	it('Return All pages through every video', async () => {
		await submit(3);

		const result = await runNode(handle, { parameters: { resource: 'video', operation: 'getMany', returnAll: true } });

		expect(result.items.map((item) => item.json.videoId).sort()).toEqual([...handle.fake.videos.keys()].sort());
	});
});

describe('a key answering in the 2025-11-10 shape', () => {
	const legacy = withFake({ pinnedVersion: '2025-11-10', ignoreVersionHeader: true });

	it('Get and Get Many read taskId, resultUrl and id as videoId and url', async () => {
		const submitted = await runNode(legacy, { parameters: videoParameters({ waitForCompletion: false }) });
		const videoId = submitted.items[0].json.videoId as string;
		expect(videoId).toMatch(/^task_/);

		const got = await runNode(legacy, { parameters: getParameters(), items: [{ json: { videoId } }] });
		expect(got.error).toBeUndefined();
		expect(got.items[0].json).toMatchObject({ videoId, status: 'completed', url: expect.stringContaining(legacy.fake.storageOrigin) });
		for (const old of ['taskId', 'resultUrl', 'id']) expect(got.items[0].json).not.toHaveProperty(old);

		const many = await runNode(legacy, { parameters: { resource: 'video', operation: 'getMany', limit: 5 } });
		expect(many.items[0].json).toMatchObject({ videoId, url: expect.any(String) });
		expect(many.items[0].json).not.toHaveProperty('taskId');
	});
});

describe('a video with an edit history', () => {
	it('Get outputs its versions as RawUGC gives them', async () => {
		const [videoId] = await submit(1);
		finishAll();
		const { fake } = handle;
		const edit = await fetch(`${fake.baseUrl}/videos/${videoId}/captions`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${fake.apiKey}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ videoId }),
		});
		expect(edit.status).toBe(200);

		const result = await runNode(handle, { parameters: getParameters({ options: { download: false } }), items: [{ json: { videoId } }] });

		expect(result.error).toBeUndefined();
		const versions = result.items[0].json.versions as Array<Record<string, unknown>>;
		expect(versions.map((version) => [version.version, version.operation])).toEqual([
			[1, undefined],
			[2, 'captions'],
		]);
		expect(versions[0].videoId).toBe(videoId);
	});
});
