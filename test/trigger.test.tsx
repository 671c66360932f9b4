/**
 * RawUGC Trigger: its poll run as n8n runs an active workflow's poll node (one poll context per
 * activation, static data kept between ticks), and its "Fetch Test Event", against the fake.
 */
import type { INodeParameters } from 'n8n-workflow';

import { listLimits } from '../nodes/RawUgcTrigger/poll/listing';
import { RawUgcTrigger } from '../nodes/RawUgcTrigger/RawUgcTrigger.node';
import { activateRawUgcTrigger, testRawUgcTrigger } from './engine/runRawUgcTrigger';
import { FAIL_CODE, FAIL_MESSAGE } from './fake-rawugc';
import { withFake, type FakeHandle } from './support/fake';
import { finish, submitImage, submitImages, submitJob } from './support/jobs';
import { routeOf } from './support/requests';
import { createdAgo } from './support/triggerJobs';
import { pauseMs } from './support/wait';
import { numberedItems, runNode } from './support/run';

// Jobs run for an hour unless a test finishes them.
const HOUR = 60 * 60_000;

function triggerParameters(overrides: INodeParameters = {}): INodeParameters {
	return { event: 'jobFinished', kinds: ['image'], statuses: ['completed'], ...overrides };
}

function activate(handle: FakeHandle, parameters: INodeParameters = {}, pollBudgetMs?: number) {
	return activateRawUgcTrigger({ parameters: triggerParameters(parameters), credentials: handle.credentials(), pollBudgetMs });
}

function listCallsSince(handle: FakeHandle, before: number): string[] {
	return handle.fake
		.apiRequests()
		.slice(before)
		.map((request) => `${routeOf(request)}?page=${request.query.page}`);
}

describe('RawUGC Trigger: active workflow', () => {
	const handle = withFake({ jobDurationMs: HOUR });

	it('the first poll after activation emits nothing that finished before it, with one list call', async () => {
		const [done, failed] = await submitImages(handle, 2);
		finish(handle, done);
		finish(handle, failed, { fail: true });
		const before = handle.fake.apiRequests().length;

		const trigger = activate(handle, { statuses: ['completed', 'failed'] });
		const first = await trigger.poll();
		const second = await trigger.poll();

		expect(first.error).toBeUndefined();
		expect(first.emitted).toBe(false);
		expect(second.emitted).toBe(false);
		expect(listCallsSince(handle, before)).toEqual(['GET /images?page=1', 'GET /images?page=1']);
	});

	it('a job running at activation that completes between polls fires once, with its file and its kind', async () => {
		const [running] = await submitImages(handle, 1);
		const trigger = activate(handle);
		expect((await trigger.poll()).emitted).toBe(false);

		finish(handle, running);
		const fired = await trigger.poll();

		expect(fired.error).toBeUndefined();
		expect(fired.items).toHaveLength(1);
		const [item] = fired.items;
		expect(item.json).toMatchObject({ kind: 'image', imageId: running, status: 'completed', prompt: 'Image 0' });
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/jpeg', fileName: `${running}.jpg` });
		expect(await fired.readBinary(item)).toEqual(handle.fake.resultBytes(running));

		const again = await trigger.poll();
		expect(again.emitted).toBe(false);
		// What n8n saved survives a restart: the job does not fire again.
		expect((await trigger.restart().poll()).emitted).toBe(false);
	});

	it('a job made after activation fires once when it completes; jobs fire oldest first', async () => {
		const trigger = activate(handle);
		expect((await trigger.poll()).emitted).toBe(false);
		const [first, second, third] = await submitImages(handle, 3);
		// Finished in the order made: items come by finish time (trigger-guards tests finish order apart from creation order).
		finish(handle, first);
		await pauseMs(2); // finished a moment apart: the same millisecond would leave the order to the list
		finish(handle, second);

		const fired = await trigger.poll();
		expect(fired.items.map((item) => item.json.imageId)).toEqual([first, second]);

		finish(handle, third);
		const next = await trigger.poll();
		expect(next.items.map((item) => item.json.imageId)).toEqual([third]);
		expect((await trigger.poll()).emitted).toBe(false);
	});

	it('two polls at once (a slow tick overlapping the next) never fire a job twice', async () => {
		const trigger = activate(handle);
		await trigger.poll();
		const [id] = await submitImages(handle, 1);
		finish(handle, id);

		const [a, b] = await Promise.all([trigger.poll(), trigger.poll()]);

		expect([...a.items, ...b.items].map((item) => item.json.imageId)).toEqual([id]);
		expect((await trigger.poll()).emitted).toBe(false);
	});

	it('failed jobs fire only when Failed is chosen, with failCode and failMessage and no file', async () => {
		const completedOnly = activate(handle);
		const both = activate(handle, { statuses: ['completed', 'failed'] });
		await completedOnly.poll();
		await both.poll();
		const [id] = await submitImages(handle, 1);
		finish(handle, id, { fail: true });

		expect((await completedOnly.poll()).emitted).toBe(false);
		const fired = await both.poll();
		expect(fired.items).toHaveLength(1);
		expect(fired.items[0].json).toMatchObject({ kind: 'image', imageId: id, status: 'failed', failCode: FAIL_CODE, failMessage: FAIL_MESSAGE });
		expect(fired.items[0].binary).toBeUndefined();
		expect((await both.poll()).emitted).toBe(false);
	});

	it('with download off, a completed job comes with its URL and no binary', async () => {
		const trigger = activate(handle, { options: { download: false } });
		await trigger.poll();
		const [id] = await submitImages(handle, 1);
		finish(handle, id);
		const fired = await trigger.poll();
		expect(fired.items[0].json.url).toContain(handle.fake.storageOrigin);
		expect(fired.items[0].binary).toBeUndefined();
		expect(handle.fake.storageRequests()).toHaveLength(0);
	});

	it('the file goes into the binary field chosen in the options', async () => {
		const trigger = activate(handle, { options: { binaryPropertyName: 'image' } });
		await trigger.poll();
		const [id] = await submitImages(handle, 1);
		finish(handle, id);
		const fired = await trigger.poll();
		expect(await fired.readBinary(fired.items[0], 'image')).toEqual(handle.fake.resultBytes(id));
	});

	describe('paging', () => {
		const pageSize = listLimits.pageSize;
		beforeAll(() => (listLimits.pageSize = 3));
		afterAll(() => (listLimits.pageSize = pageSize));

		it('when more than a page finished between polls, pages back to the last poll and fires each once', async () => {
			await submitImages(handle, 2); // older jobs, finished before activation
			const trigger = activate(handle);
			await trigger.poll();
			const ids = await submitImages(handle, 7);
			for (const id of ids) finish(handle, id);
			const before = handle.fake.apiRequests().length;

			const fired = await trigger.poll();

			expect(fired.error).toBeUndefined();
			expect(fired.items.map((item) => item.json.imageId)).toEqual(ids);
			expect(listCallsSince(handle, before).filter((call) => call.startsWith('GET /images?'))).toEqual([
				'GET /images?page=1',
				'GET /images?page=2',
				'GET /images?page=3',
			]);
			expect((await trigger.poll()).emitted).toBe(false);
		});

		it('a job still running behind a page of newer ones is still watched', async () => {
			const trigger = activate(handle);
			await trigger.poll();
			const [slow] = await submitImages(handle, 1);
			await trigger.poll(); // seen running
			const quick = await submitImages(handle, 5);
			for (const id of quick) finish(handle, id);
			expect((await trigger.poll()).items.map((item) => item.json.imageId)).toEqual(quick);

			finish(handle, slow);
			expect((await trigger.poll()).items.map((item) => item.json.imageId)).toEqual([slow]);
		});
	});

	it('turning the workflow off and on again does not replay what finished meanwhile; an n8n restart does pass it on', async () => {
		const [a, b] = await submitImages(handle, 2);
		const trigger = activate(handle);
		await trigger.poll();
		finish(handle, a);
		await pauseMs(2);
		finish(handle, b);

		expect((await trigger.reactivate().poll()).emitted).toBe(false);
		expect((await trigger.restart().poll()).items.map((item) => item.json.imageId)).toEqual([a, b]);
	});

	it('watches images, videos and music with one list call each; each item says its kind and carries its file', async () => {
		const trigger = activate(handle, { kinds: ['image', 'video', 'music'] });
		const before = handle.fake.apiRequests().length;
		await trigger.poll();
		expect(listCallsSince(handle, before).sort()).toEqual(['GET /images?page=1', 'GET /music?page=1', 'GET /videos?page=1']);

		const video = await submitJob(handle, 'video', 'A cat surfing');
		const track = await submitJob(handle, 'music', 'Calm piano');
		const image = await submitJob(handle, 'image');
		finish(handle, video);
		finish(handle, track);
		const fired = await trigger.poll();

		expect(fired.items.map((item) => [item.json.kind, item.json.videoId ?? item.json.musicId])).toEqual([
			['video', video],
			['music', track],
		]);
		const [videoItem, trackItem] = fired.items;
		expect(videoItem.json).toMatchObject({ status: 'completed', prompt: 'A cat surfing' });
		expect(videoItem.binary?.data.mimeType).toMatch(/^video\//);
		expect(await fired.readBinary(videoItem)).toEqual(handle.fake.resultBytes(video));
		expect(trackItem.binary?.data.mimeType).toMatch(/^audio\//);
		expect(await fired.readBinary(trackItem)).toEqual(handle.fake.resultBytes(track));

		finish(handle, image);
		expect((await trigger.poll()).items.map((item) => [item.json.kind, item.json.imageId])).toEqual([['image', image]]);
	});

	it('a file that cannot be downloaded is tried again at the next polls, then passed on without it, saying why', async () => {
		const trigger = activate(handle);
		await trigger.poll();
		const [id] = await submitImages(handle, 1);
		finish(handle, id);
		handle.fake.setStorageMode(id, 'notFound');

		expect((await trigger.poll()).emitted).toBe(false);
		expect((await trigger.poll()).emitted).toBe(false);
		const third = await trigger.poll();

		expect(third.items).toHaveLength(1);
		expect(third.items[0].json).toMatchObject({ kind: 'image', imageId: id, status: 'completed' });
		expect(String(third.items[0].json.error)).toContain('404');
		expect(third.items[0].binary).toBeUndefined();
		expect((await trigger.poll()).emitted).toBe(false);
		handle.fake.setStorageMode(id, 'ok');
	});

	it('remembers little: only the jobs near the newest and those still running', async () => {
		const trigger = activate(handle);
		await trigger.poll();
		const ids = await submitImages(handle, 4);
		finish(handle, ids[0]);
		finish(handle, ids[1]);
		await trigger.poll();
		const memory = (trigger.nodeStaticData.jobFinished as Record<string, { pending: object; known: object }>).image;
		expect(Object.keys(memory.pending).sort()).toEqual([ids[2], ids[3]].sort());
		expect(Object.keys(memory.known).sort()).toEqual([ids[0], ids[1]].sort());
	});
});

describe('RawUGC Trigger: rate limit', () => {
	// 3 requests per 3 s, so a test can spend the window from outside the node.
	const handle = withFake({ jobDurationMs: HOUR, rateLimit: { limit: 3, windowMs: 3_000 } }, { perTest: true });

	/** Spends what is left of the key's window with requests the node's pacer knows nothing of. */
	async function spendWindow(): Promise<void> {
		for (let n = 0; n < 3; n++) {
			await fetch(`${handle.fake.baseUrl}/images?limit=1`, { headers: { Authorization: `Bearer ${handle.fake.apiKey}` } });
		}
	}

	it('a 429 is waited out and the poll fires the job', async () => {
		const id = await submitImage(handle);
		const trigger = activate(handle);
		await trigger.poll();
		finish(handle, id);
		await spendWindow();

		const fired = await trigger.poll();

		expect(fired.error).toBeUndefined();
		expect(fired.items.map((item) => item.json.imageId)).toEqual([id]);
		expect(handle.fake.apiRequests().some((request) => routeOf(request) === 'GET /images' && request.status === 429)).toBe(true);
	});

	it('shares the key\'s pacing with the RawUGC node: after the node spent the window, the poll waits instead of meeting a 429', async () => {
		const id = await submitImage(handle);
		const trigger = activate(handle);
		await trigger.poll();
		finish(handle, id);
		await new Promise((resolve) => setTimeout(resolve, 3_500)); // a fresh window
		// Three lists (one per item) spend the whole window just before the poll.
		const listed = await runNode(handle, { parameters: { resource: 'image', operation: 'getMany', limit: 1 }, items: numberedItems(3) });
		expect(listed.error).toBeUndefined();

		const fired = await trigger.poll();

		expect(fired.items.map((item) => item.json.imageId)).toEqual([id]);
		expect(handle.fake.apiRequests().filter((request) => request.status === 429)).toEqual([]);
	});

	it('a 429 that outlasts the poll budget is reported, and nothing seen is lost', async () => {
		const id = await submitImage(handle);
		const trigger = activate(handle, {}, 400);
		await trigger.poll();
		finish(handle, id);
		await spendWindow();
		const remembered = trigger.staticData;

		const failed = await trigger.poll();

		expect(failed.error).toMatchObject({ httpCode: '429' });
		expect(failed.error?.message).toContain('rate limit');
		expect(trigger.staticData).toEqual(remembered);
		// Later polls (once the window frees up) fire the job, once.
		let fired = failed;
		for (let tries = 0; tries < 20 && !fired.emitted; tries++) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			fired = await trigger.poll();
		}
		expect(fired.items.map((item) => item.json.imageId)).toEqual([id]);
		expect((await trigger.poll()).emitted).toBe(false);
	});
});

describe('RawUGC Trigger: Fetch Test Event', () => {
	const handle = withFake({ jobDurationMs: HOUR });

	it('returns the newest completed job of each chosen kind', async () => {
		const video = await submitJob(handle, 'video');
		const track = await submitJob(handle, 'music');
		finish(handle, video);
		finish(handle, track);
		const result = await testRawUgcTrigger({
			parameters: triggerParameters({ kinds: ['image', 'video', 'music'], options: { download: false } }),
			credentials: handle.credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.kind, item.json.videoId ?? item.json.musicId])).toEqual([
			['video', video],
			['music', track],
		]);
	});

	it('returns the newest completed image, with its file', async () => {
		const [older, newer, failed, running] = await submitImages(handle, 4);
		finish(handle, older);
		finish(handle, newer);
		finish(handle, failed, { fail: true });
		void running;
		createdAgo(handle, older, 1_000); // submitted together, both may carry the same millisecond

		const result = await testRawUgcTrigger({ parameters: triggerParameters(), credentials: handle.credentials() });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ kind: 'image', imageId: newer, status: 'completed' });
		expect(await result.readBinary(result.items[0])).toEqual(handle.fake.resultBytes(newer));
	});

	it('with Failed chosen too, the newest finished job whatever its status', async () => {
		const [done, failed] = await submitImages(handle, 2);
		finish(handle, done);
		finish(handle, failed, { fail: true });
		// Made a second apart: submitted together, both may carry the same millisecond.
		createdAgo(handle, done, 1_000);
		const result = await testRawUgcTrigger({
			parameters: triggerParameters({ statuses: ['completed', 'failed'] }),
			credentials: handle.credentials(),
		});
		expect(result.items.map((item) => item.json.imageId)).toEqual([failed]);
	});

	it('says so when no job has finished yet', async () => {
		await submitImages(handle, 1);
		const result = await testRawUgcTrigger({ parameters: triggerParameters(), credentials: handle.credentials() });
		expect(result.error?.message).toContain('No completed job found in RawUGC');
	});
});

describe('RawUGC Trigger: description (names saved workflows depend on)', () => {
	const { description } = new RawUgcTrigger();
	const property = (name: string) => description.properties.find((candidate) => candidate.name === name);

	it('is the polling trigger rawUgcTrigger, version 1, with the rawUgcApi credential and no inputs', () => {
		expect(description).toMatchObject({ name: 'rawUgcTrigger', displayName: 'RawUGC Trigger', version: 1, polling: true, inputs: [] });
		expect(description.credentials).toEqual([{ name: 'rawUgcApi', required: true }]);
		expect(description.usableAsTool).toBeUndefined();
	});

	it('has the contract\'s parameters and defaults', () => {
		expect(property('event')).toMatchObject({ type: 'options', default: 'jobFinished' });
		expect(property('event')?.options).toEqual([
			expect.objectContaining({ name: 'Job Finished', value: 'jobFinished' }),
			expect.objectContaining({ name: 'Social Post Finished', value: 'postFinished' }),
		]);
		expect(property('postStatuses')).toMatchObject({ type: 'multiOptions', default: ['published', 'failed'] });
		expect(property('kinds')).toMatchObject({ type: 'multiOptions', default: ['image', 'video', 'music'] });
		expect((property('kinds')?.options as Array<{ value: string }>).map((option) => option.value).sort()).toEqual(['image', 'music', 'video']);
		expect(property('statuses')).toMatchObject({ type: 'multiOptions', default: ['completed'] });
		expect((property('statuses')?.options as Array<{ value: string }>).map((option) => option.value).sort()).toEqual(['completed', 'failed']);
		const options = property('options')?.options as Array<{ name: string; default: unknown }>;
		expect(Object.fromEntries(options.map((option) => [option.name, option.default]))).toEqual({ download: true, binaryPropertyName: 'data' });
	});
});
