/**
 * Issue 19, lost submits: a job is taken for a lost submit only when it shows more of the
 * request than the model (a video without a prompt shows nothing more: its candidates are
 * named instead), music's title counts, and the search keeps its window (nothing created
 * after the answer was lost), takes the job nearest the send, and pages past page 1.
 */
import type { FakeJob } from './fake-rawugc';
import { post } from './fake-rawugc/client';
import { withFake } from './support/fake';
import { finish, putImageJob } from './support/jobs';
import { generateParameters, klingParameters, musicParameters, videoParameters } from './support/parameters';
import { runNode } from './support/run';
import { until } from './support/wait';

jest.setTimeout(30_000);

const handle = withFake();

const posts = (collection: string) =>
	handle.fake.apiRequests().filter((request) => request.method === 'POST' && request.path.endsWith(`${collection}/generate`));

/** A job made straight at the fake's API (the dashboard's, another worker's); its id. */
async function submitElsewhere(collection: string, body: object, idField: string): Promise<string> {
	const response = await post(handle.fake, `${collection}/generate`, body);
	expect(response.status).toBe(201);
	return ((await response.json()) as Record<string, string>)[idField];
}

describe('a lost video submit', () => {
	it('of a Kling item without a prompt does not take a same-model job (it shows only the model): it names it and says the video may have been charged', async () => {
		const theirs = await submitElsewhere(
			'/videos',
			{ model: 'kling-2.6/motion-control', imageUrls: ['https://example.com/other.png'], videoUrls: ['https://example.com/other.mp4'] },
			'videoId',
		);
		handle.fake.failNext({ method: 'POST', path: '/videos/generate' }, { kind: 'reset' });

		const result = await runNode(handle, { parameters: klingParameters(), continueOnFail: true });

		expect(result.items[0].json.videoId).toBeUndefined();
		expect(result.items[0].json.error).toMatch(/^The video may have been created and charged, but RawUGC's answer was lost/);
		expect(result.items[0].json.error).toContain(`videoId ${theirs}`);
		expect(posts('/videos')).toHaveLength(2); // theirs, and the item's one
	});

	it('with a prompt finds its own job among same-model jobs of other prompts (the prompt is matched, not the model alone)', async () => {
		await submitElsewhere('/videos', { model: 'sora-2-text-to-video', prompt: 'Another prompt' }, 'videoId');
		handle.fake.failNext({ method: 'POST', path: '/videos/generate' }, { kind: 'acceptThenReset' });

		// Not waited for: a job found in the list carries no estimate, so its first look would come in a minute.
		const result = await runNode(handle, { parameters: videoParameters({ prompt: 'A cat skateboarding', waitForCompletion: false }) });

		expect(result.error).toBeUndefined();
		const own = [...handle.fake.videos.values()].find((video) => video.prompt === 'A cat skateboarding')!;
		expect(result.items[0].json.videoId).toBe(own.videoId);
	});
});

describe('a lost music submit', () => {
	it('does not take a same-prompt track of another title', async () => {
		const theirs = await submitElsewhere('/music', { prompt: 'Calm piano', model: 'V5', instrumental: true, title: 'Their title' }, 'musicId');
		finish(handle, theirs); // a completed track shows its title
		handle.fake.failNext({ method: 'POST', path: '/music/generate' }, { kind: 'reset' });

		const result = await runNode(handle, { parameters: musicParameters({ prompt: 'Calm piano', title: 'My title' }), continueOnFail: true });

		expect(result.items[0].json.musicId).toBeUndefined();
		expect(result.items[0].json.error).toMatch(/may have been created and charged/);
	});
});

describe('the search for a lost image submit', () => {
	const PROMPT = 'the lost one';

	const imageJob = (overrides: Partial<FakeJob> = {}) => putImageJob(handle, { prompt: PROMPT, ...overrides });

	/** The item's submit makes its job, whose answer is lost 400 ms later; `meanwhile` runs as the job exists. */
	async function lostWhile(meanwhile: () => void) {
		handle.fake.failNext({ method: 'POST', path: '/images/generate' }, { kind: 'acceptThenReset', afterMs: 400 });
		const running = runNode(handle, { parameters: generateParameters({ prompt: PROMPT }), continueOnFail: true });
		await until(() => handle.fake.jobs.size > 0);
		const [own] = handle.fake.jobs.values();
		meanwhile();
		return { own, result: await running };
	}

	it('does not take a same-prompt job created well after the answer was lost (the upper time bound)', async () => {
		const later = imageJob({ createdAt: Date.now() + 5 * 60_000 });
		handle.fake.failNext({ method: 'POST', path: '/images/generate' }, { kind: 'reset' });

		const result = await runNode(handle, { parameters: generateParameters({ prompt: PROMPT, waitForCompletion: false }), continueOnFail: true });

		expect(result.items[0].json.imageId).not.toBe(later.imageId);
		expect(result.items[0].json.error).toMatch(/may have been created and charged/);
	});

	it('takes the job created nearest the send, not the newest on the list', async () => {
		const { own, result } = await lostWhile(() => imageJob({ createdAt: Date.now() + 1_000 }));

		expect(result.items[0].json).toMatchObject({ imageId: own.imageId, status: 'completed' });
	});

	it('pages past page 1 when 100 newer jobs came after its own', async () => {
		const { own, result } = await lostWhile(() => {
			for (let n = 0; n < 100; n++) imageJob({ prompt: `newer ${n}` });
		});

		expect(result.items[0].json).toMatchObject({ imageId: own.imageId, status: 'completed' });
		expect(handle.fake.apiRequests().filter((request) => request.path === '/api/v1/images').map((request) => request.query.page)).toEqual(['1', '2']);
	});
});
