/**
 * Issue 19, video edits: an edit whose answer was lost is never paid twice (not by Retry On
 * Fail either), the search for its new version takes only a version it can be (its operation,
 * not there before, not another edit's still unanswered), that search ends by Max Wait Time,
 * and the edit path is learned from any answer that proves it.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { RecordedRequest } from './fake-rawugc';
import { post } from './fake-rawugc/client';
import { type FakeHandle, withFake } from './support/fake';
import { expr } from './support/parameters';
import { runNode, type RunAgainstFake } from './support/run';
import { until } from './support/wait';

jest.setTimeout(30_000);

const EDIT_PATH = /^\/api\/v1\/videos\/(?:([^/]+)\/)?(captions|overlay)$/;
/** The node's edits (it tries the nested form first, and the fake answers it). */
const NODE_EDIT = { method: 'POST', path: /^\/api\/v1\/videos\/vid_[0-9a-f]+\/(captions|overlay)$/ };

const overlayParameters = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'video',
	operation: 'addOverlay',
	videoId: expr('$json.videoId'),
	text: 'Summer sale',
	...overrides,
});
const captionsParameters = (): INodeParameters => ({ resource: 'video', operation: 'addCaptions', videoId: expr('$json.videoId') });

async function newVideo(handle: FakeHandle): Promise<string> {
	const response = await post(handle.fake, '/videos/generate', { model: 'sora-2-text-to-video', prompt: 'A cat on a skateboard' });
	expect(response.status).toBe(201);
	return ((await response.json()) as { videoId: string }).videoId;
}

/** Someone else's edit of the video (the dashboard's), straight at the fake (the flat path: the node's faults are on the nested one). */
async function editElsewhere(handle: FakeHandle, videoId: string, operation: 'captions' | 'overlay'): Promise<string> {
	const body = operation === 'overlay' ? { videoId, text: 'Made elsewhere' } : { videoId };
	const response = await post(handle.fake, `/videos/${operation}`, body);
	expect(response.status).toBe(200);
	return ((await response.json()) as { videoId: string }).videoId;
}

const editPosts = (requests: RecordedRequest[]) => requests.filter((request) => request.method === 'POST' && EDIT_PATH.test(request.path));
const since = (handle: FakeHandle, count: number) => handle.fake.apiRequests().slice(count);
const versionsOf = (handle: FakeHandle, videoId: string) => [...handle.fake.videos.values()].filter((video) => video.edit?.rootId === videoId);
const LOST_NOTHING_MADE = { status: 500 } as const;

describe('an edit whose answer was lost', () => {
	const handle = withFake({ jobDurationMs: 0 });
	const run = (options: Omit<RunAgainstFake, 'parameters'> & { parameters?: INodeParameters }) =>
		runNode(handle, { parameters: overlayParameters(), ...options });

	it('under Retry On Fail: the retries look for it and never send it again (one POST, not one per try)', async () => {
		const videoId = await newVideo(handle);
		handle.fake.failNext(NODE_EDIT, LOST_NOTHING_MADE);
		const before = handle.fake.apiRequests().length;

		const result = await run({ items: [{ json: { videoId } }], settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 10 } });

		expect(editPosts(since(handle, before))).toHaveLength(1);
		expect(versionsOf(handle, videoId)).toHaveLength(0);
		expect(result.error?.message).toBe(
			`The overlay edit may have been made and charged, on an earlier try, whose answer was lost; not sent again (videoId ${videoId})`,
		);
	});

	it('does not take a version of the same operation the video had before the edit was sent (known-id filter)', async () => {
		const videoId = await newVideo(handle);
		await editElsewhere(handle, videoId, 'overlay');
		handle.fake.failNext(NODE_EDIT, LOST_NOTHING_MADE);

		const result = await run({ items: [{ json: { videoId } }] });

		expect(result.error?.message).toContain('may have been made and charged');
	});

	it('does not take a new version of another operation made meanwhile (operation filter)', async () => {
		const videoId = await newVideo(handle);
		// The video is read before the edit goes out; its answer is held back while someone adds captions.
		handle.fake.failNext({ method: 'GET', path: new RegExp(`/videos/${videoId}$`) }, { kind: 'delay', ms: 500 });
		handle.fake.failNext(NODE_EDIT, LOST_NOTHING_MADE);
		const running = run({ items: [{ json: { videoId } }] });
		await until(() => handle.fake.apiRequests().some((request) => request.method === 'GET' && request.path.endsWith(videoId)));
		const captions = await editElsewhere(handle, videoId, 'captions');

		const result = await running;

		expect(result.error?.message).toContain('may have been made and charged');
		expect(result.error?.message).not.toContain(captions);
	});

	it('does not take the version of another item\'s edit whose answer is still coming (the wait for other edits)', async () => {
		const videoId = await newVideo(handle);
		await run({ items: [{ json: { videoId } }] }); // the path and the budget are known: both edits go out together
		const before = handle.fake.apiRequests().length;
		handle.fake.failNext(NODE_EDIT, { kind: 'delay', ms: 1_000 });
		handle.fake.failNext(NODE_EDIT, LOST_NOTHING_MADE);

		const result = await run({ items: [{ json: { videoId } }, { json: { videoId } }], continueOnFail: true });

		expect(editPosts(since(handle, before))).toHaveLength(2);
		const made = versionsOf(handle, videoId).slice(1);
		expect(made).toHaveLength(1);
		const outcomes = result.items.map((item) => (item.json.error ? 'lost' : item.json.videoId));
		expect(outcomes.sort()).toEqual([made[0].videoId, 'lost'].sort());
	});
});

describe('the search for a lost edit', () => {
	const handle = withFake({ jobDurationMs: 0 }, { perTest: true });

	it('ends by Max Wait Time while another execution\'s edit still waits for its answer', async () => {
		const [mine, theirs] = [await newVideo(handle), await newVideo(handle)];
		await runNode(handle, { parameters: captionsParameters(), items: [{ json: { videoId: theirs } }] }); // path and budget known
		handle.fake.failNext(NODE_EDIT, { kind: 'delay', ms: 20_000 });
		const controller = new AbortController();
		const other = runNode(handle, { parameters: captionsParameters(), items: [{ json: { videoId: theirs } }], signal: controller.signal });
		await until(() => editPosts(handle.fake.apiRequests()).length === 2);
		const [, otherPost] = editPosts(handle.fake.apiRequests());
		handle.fake.failNext(NODE_EDIT, LOST_NOTHING_MADE);

		const result = await runNode(handle, { parameters: overlayParameters({ options: { maxWaitTime: 2 } }), items: [{ json: { videoId: mine } }] });

		expect(otherPost.status).toBe(0); // its answer had not come when this run ended
		expect(result.error?.message).toContain('may have been made and charged');
		controller.abort();
		await other;
	});
});

describe('the edit path', () => {
	const handle = withFake({ jobDurationMs: 0, editPaths: 'flat' }, { perTest: true });

	it('is learned from an answer only the route gives (402), not only from a success', async () => {
		const videoId = await newVideo(handle);
		handle.fake.balance = 0;
		const first = await runNode(handle, { parameters: captionsParameters(), items: [{ json: { videoId } }] });
		expect(first.error?.message).toMatch(/credits/);
		handle.fake.balance = 100;
		const before = handle.fake.apiRequests().length;

		const second = await runNode(handle, { parameters: captionsParameters(), items: [{ json: { videoId } }] });

		expect(second.error).toBeUndefined();
		expect(editPosts(since(handle, before)).map((request) => `${request.path.replace(videoId, '{id}')} ${request.status}`)).toEqual([
			'/api/v1/videos/captions 200',
		]);
	});
});
