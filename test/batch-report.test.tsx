/**
 * What the error of a run stopped by one item says about the run's other items (without
 * Continue the output is lost, so the error is the only place their paid jobs are named): every
 * other item's job by its id, the job an item ended with when it is another (an edit's new
 * version), and every other item that may have been charged; never the failing item's own job
 * listed as another's.
 */
import { post } from './fake-rawugc/client';
import { withFake } from './support/fake';
import { expr, generateParameters } from './support/parameters';
import { runNode } from './support/run';
import { until } from './support/wait';

const handle = withFake({ jobDurationMs: 0 });

const SUBMIT = { method: 'POST', path: '/images/generate' } as const;

describe('the error of a run stopped by one item', () => {
	it('names the other items\' jobs, and not the failing item\'s own job among them', async () => {
		const result = await runNode(handle, {
			parameters: generateParameters({ prompt: expr('$json.n === 1 ? "A red bicycle [fail]" : "A red bicycle " + $json.n') }),
			items: [{ json: { n: 0 } }, { json: { n: 1 } }],
		});

		const [first, failed] = [...handle.fake.jobs.keys()];
		expect(result.error?.message).toContain(`The image failed to generate: CONTENT_POLICY_VIOLATION`);
		expect(result.error?.message).toContain(failed);
		expect(result.error?.description).toContain(`Other images of this run, collect them with Get: item 0: ${first}`);
		expect(result.error?.description).not.toContain('item 1:');
	});

	it('carries the message of another item whose image may have been created and charged', async () => {
		// Item 0's submit goes first (a harmless delay), item 1's is cut off before the API acts.
		handle.fake.failNext(SUBMIT, { kind: 'delay', ms: 1 });
		handle.fake.failNext(SUBMIT, { kind: 'reset' });

		const result = await runNode(handle, {
			parameters: generateParameters({ prompt: expr('$json.n === 0 ? "A red bicycle [fail]" : "A blue bicycle"') }),
			items: [{ json: { n: 0 } }, { json: { n: 1 } }],
		});

		expect(result.error?.message).toContain('The image failed to generate');
		expect(result.error?.description).toContain('The image may have been created and charged, but');
		expect(result.error?.description).toContain('[item 1]');
	});

	it('names the new version an edit item paid for, when that item failed after the edit was made', async () => {
		const videoIdOf = async (prompt: string) => {
			const response = await post(handle.fake, '/videos/generate', { model: 'sora-2-text-to-video', prompt });
			return ((await response.json()) as { videoId: string }).videoId;
		};
		const failedSource = await videoIdOf('A dog [fail]');
		const source = await videoIdOf('A cat on a skateboard');
		// The new version is made and charged, then its download fails.
		handle.fake.setStorageMode('*', 'html');

		const result = await runNode(handle, {
			parameters: { resource: 'video', operation: 'addCaptions', videoId: expr('$json.videoId') },
			items: [{ json: { videoId: failedSource } }, { json: { videoId: source } }],
		});

		const [made] = [...handle.fake.videos.values()].filter((video) => video.edit?.rootId === source);
		expect(result.error?.message).toContain(`only a completed video can get captions (videoId ${failedSource})`);
		expect(result.error?.description).toContain(`item 1: ${made.videoId}`);
	});

	it('after a cancel, lists the job the list showed for an item whose submit was in flight among the run\'s jobs', async () => {
		// Item 0's submit is answered at once and its job runs on; item 1's answer is slow.
		handle.fake.failNext(SUBMIT, { kind: 'delay', ms: 0 });
		handle.fake.failNext(SUBMIT, { kind: 'delay', ms: 30_000 });
		handle.fake.jobDurationMs = 120_000;
		try {
			const controller = new AbortController();
			const running = runNode(handle, {
				parameters: generateParameters({ prompt: expr('"A kite " + $json.n') }),
				items: [{ json: { n: 0 } }, { json: { n: 1 } }],
				signal: controller.signal,
			});
			const submits = () => handle.fake.apiRequests().filter((request) => request.method === 'POST');
			await until(() => handle.fake.jobs.size === 2 && submits().some((request) => request.status === 201));
			controller.abort();
			const result = await running;

			const [first, inFlight] = [...handle.fake.jobs.keys()];
			expect(result.error?.message).toContain(first);
			expect(result.error?.description).toContain(`Other images of this run, collect them with Get: item 1: ${inFlight}`);
		} finally {
			handle.fake.jobDurationMs = 0;
		}
	});
});
