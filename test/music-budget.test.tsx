/**
 * One key, one budget: an image node and a music node in the same execution share the key's
 * pacer, so together they stay within the rate limit (no 429) and every job is done.
 */
import type { RecordedRequest } from './fake-rawugc';
import { withFake } from './support/fake';
import { expr, generateParameters, musicParameters } from './support/parameters';
import { runNode } from './support/run';

const handle = withFake({ rateLimit: { limit: 3, windowMs: 2_000 } }, { perTest: true });

/** The most requests the fake saw within any `windowMs` (its sliding window's view). */
function busiestWindow(requests: RecordedRequest[], windowMs: number): number {
	return Math.max(...requests.map((request) => requests.filter((other) => other.at > request.at - windowMs && other.at <= request.at).length));
}

it('Image > Generate then Music > Generate in one workflow: no 429, never more calls in a window than allowed', async () => {
	// The image node only submits (its 3 calls fill the window), so the music node starts on a spent budget.
	const result = await runNode(handle, {
		parameters: generateParameters({ prompt: expr('$json.prompt'), waitForCompletion: false }),
		items: [0, 1, 2].map((n) => ({ json: { prompt: `Poster ${n}` } })),
		then: [{ name: 'Soundtrack', parameters: musicParameters({ prompt: expr('"Music for poster " + $itemIndex') }) }],
	});

	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.imageId)).toEqual([...handle.fake.jobs.keys()]);
	const tracks = result.itemsOf('Soundtrack');
	expect(tracks.map((item) => item.json.prompt)).toEqual(['Music for poster 0', 'Music for poster 1', 'Music for poster 2']);
	expect(tracks.map((item) => item.json.status)).toEqual(['completed', 'completed', 'completed']);
	const { fake } = handle;
	expect(fake.rateLimited).toBe(0);
	expect(fake.apiRequests().filter((request) => request.status === 429)).toHaveLength(0);
	expect(busiestWindow(fake.apiRequests(), 2_000)).toBeLessThanOrEqual(3);
	for (const track of tracks) expect(await result.readBinary(track)).toEqual(fake.resultBytes(track.json.musicId as string));
});
