/**
 * Video edits under Retry On Fail, when the earlier try's new version failed at RawUGC: the
 * retry sends the edit again (a failed version is no result to carry on with).
 */
import { post } from './fake-rawugc/client';
import { withFake } from './support/fake';
import { expr } from './support/parameters';
import { runNode } from './support/run';
import { until } from './support/wait';

const EDIT_PATH = /^\/api\/v1\/videos\/(?:([^/]+)\/)?(captions|overlay)$/;

describe('an edit whose new version failed on the earlier try', () => {
	// Edits answer before their file is ready and take 2 s: the node waits for the new version.
	const handle = withFake({ jobDurationMs: 0, editsAnswerPending: true });

	it('is sent again by the retry, whose new version is the output', async () => {
		const response = await post(handle.fake, '/videos/generate', { model: 'sora-2-text-to-video', prompt: 'A cat on a skateboard' });
		const { videoId } = (await response.json()) as { videoId: string };
		handle.fake.jobDurationMs = 2_000;
		const versions = () => [...handle.fake.videos.values()].filter((video) => video.edit?.rootId === videoId);

		const running = runNode(handle, {
			parameters: { resource: 'video', operation: 'addCaptions', videoId: expr('$json.videoId') },
			items: [{ json: { videoId } }],
			settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 },
		});
		// The first try's new version fails before the node looks at it.
		await until(() => versions().length === 1);
		const [failed] = versions();
		failed.willFail = true;
		failed.durationMs = 0;
		const result = await running;

		expect(result.error).toBeUndefined();
		const edits = handle.fake.apiRequests().filter((request) => request.method === 'POST' && EDIT_PATH.test(request.path));
		expect(edits).toHaveLength(2);
		const [, made] = versions();
		expect(result.items[0].json).toMatchObject({ videoId: made.videoId, status: 'completed', sourceVideoId: videoId });
		expect(await result.readBinary(result.items[0])).toEqual(handle.fake.resultBytes(made.videoId));
	});
});
