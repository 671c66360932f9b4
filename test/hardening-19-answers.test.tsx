/**
 * Issue 19: what the node makes of odd answers and identical items. An `error: null` a job
 * carries never reaches the output (n8n 1.x would retry the node for it, 2.x would not, so the
 * two lines would differ); two identical items under Retry On Fail each carry on with their
 * own job; today's field names win over old ones in one answer.
 */
import { post } from './fake-rawugc/client';
import { withFake } from './support/fake';
import { generateParameters } from './support/parameters';
import { generateBodies } from './support/requests';
import { runNode } from './support/run';
import { until } from './support/wait';
import { rememberedCount } from '../nodes/RawUgc/helpers/retryMemory';

const handle = withFake();
const RETRY = { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 };

describe('a job whose answers carry error: null (or false)', () => {
	it.each([null, false])('(%s) is output without it, and a run under Retry On Fail ends with nothing remembered', async (noError) => {
		const running = runNode(handle, { parameters: generateParameters(), settings: RETRY });
		await until(() => handle.fake.jobs.size === 1);
		const [job] = handle.fake.jobs.values();
		job.extraFields = { error: noError };

		const result = await running;

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ imageId: job.imageId, status: 'completed' });
		expect('error' in result.items[0].json).toBe(false);
		expect(generateBodies(handle.fake)).toHaveLength(1);
		expect(rememberedCount()).toBe(0);
	});
});

describe('two identical items under Retry On Fail', () => {
	it('each carries on with its own job (the item index is part of what is remembered)', async () => {
		// Each item's download tries three times: six faults fail both items on the first try.
		handle.fake.failNext({ origin: 'storage', method: 'GET' }, { status: 500 }, 6);

		const result = await runNode(handle, { parameters: generateParameters(), items: [{ json: {} }, { json: {} }], settings: RETRY });

		expect(result.error).toBeUndefined();
		expect(generateBodies(handle.fake)).toHaveLength(2);
		const delivered = result.items.map((item) => item.json.imageId);
		expect([...delivered].sort()).toEqual([...handle.fake.jobs.keys()].sort());
		for (const item of result.items) expect(await result.readBinary(item)).toEqual(handle.fake.resultBytes(item.json.imageId as string));
	});
});

describe('an answer with both today\'s and old field names', () => {
	it('reads today\'s: the videoId and url win over id and resultUrl', async () => {
		const response = await post(handle.fake, '/videos/generate', { model: 'sora-2-text-to-video', prompt: 'A cat' });
		const { videoId } = (await response.json()) as { videoId: string };
		const video = handle.fake.videos.get(videoId)!;
		video.durationMs = 0;
		video.extraFields = { id: 'task_0123456789abcdef', taskId: 'task_0123456789abcdef', resultUrl: 'https://elsewhere.invalid/old.mp4' };

		const result = await runNode(handle, { parameters: { resource: 'video', operation: 'get', videoId } });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.videoId).toBe(videoId);
		expect(String(result.items[0].json.url)).toContain(handle.fake.storageOrigin);
		expect(await result.readBinary(result.items[0])).toEqual(handle.fake.resultBytes(videoId));
	});
});
