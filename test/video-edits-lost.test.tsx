/**
 * The search for the new version of an edit whose answer was lost takes only a version made
 * since the edit was sent: one of the same operation that the video's history dates from
 * before (though the node's read of the video did not show it) is someone else's.
 */
import type { INodeParameters } from 'n8n-workflow';

import { post } from './fake-rawugc/client';
import { withFake } from './support/fake';
import { expr } from './support/parameters';
import { runNode } from './support/run';
import { until } from './support/wait';

const NODE_EDIT = { method: 'POST', path: /^\/api\/v1\/videos\/vid_[0-9a-f]+\/(captions|overlay)$/ };
const overlayParameters: INodeParameters = { resource: 'video', operation: 'addOverlay', videoId: expr('$json.videoId'), text: 'Summer sale' };

describe('an edit whose answer was lost', () => {
	const handle = withFake({ jobDurationMs: 0 });

	it('does not take a version of the same operation dated before the edit was sent', async () => {
		const response = await post(handle.fake, '/videos/generate', { model: 'sora-2-text-to-video', prompt: 'A cat on a skateboard' });
		const { videoId } = (await response.json()) as { videoId: string };
		// The node's read of the video is held back while an overlay made elsewhere appears, dated 5 minutes ago.
		handle.fake.failNext({ method: 'GET', path: new RegExp(`/videos/${videoId}$`) }, { kind: 'delay', ms: 500 });
		handle.fake.failNext(NODE_EDIT, { status: 500 }); // lost, nothing made
		const running = runNode(handle, { parameters: overlayParameters, items: [{ json: { videoId } }] });
		await until(() => handle.fake.apiRequests().some((request) => request.method === 'GET' && request.path.endsWith(videoId)));
		const elsewhere = await post(handle.fake, '/videos/overlay', { videoId, text: 'Made elsewhere' });
		const old = handle.fake.videos.get(((await elsewhere.json()) as { videoId: string }).videoId)!;
		old.createdAt -= 300_000;

		const result = await running;

		expect(result.error?.message).toContain('may have been made and charged');
		expect(result.error?.message).not.toContain(old.videoId);
	});
});
