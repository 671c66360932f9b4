/**
 * Music > Get and Music > Get Many through the engine against the fake: the same shared
 * operations as images, on /music with musicId and the `tracks` list, spending no credit.
 */
import type { INodeParameters } from 'n8n-workflow';

import { withFake } from './support/fake';
import { expr, musicParameters } from './support/parameters';
import { routeOf } from './support/requests';
import { numberedItems, runNode } from './support/run';

// Tracks finish the moment they are submitted unless a test says otherwise.
const handle = withFake({ jobDurationMs: 0 });

const getParameters = (overrides: INodeParameters = {}): INodeParameters => ({
	resource: 'music',
	operation: 'get',
	musicId: expr('$json.musicId'),
	...overrides,
});

/** Submits tracks through Generate with "Wait for Music" off; returns their ids. */
async function submit(prompts: string[]): Promise<string[]> {
	const result = await runNode(handle, {
		parameters: musicParameters({ prompt: expr('$json.prompt'), waitForCompletion: false }),
		items: prompts.map((prompt) => ({ json: { prompt } })),
	});
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json.musicId as string);
}

const requestsAfter = (count: number) => handle.fake.apiRequests().slice(count).map(routeOf);

describe('Music > Get', () => {
	it('collects a track by musicId: the job in today\'s names, the audio and (asked) the album art; no credit spent', async () => {
		const [musicId] = await submit(['Calm piano']);
		const balance = handle.fake.balance;
		const before = handle.fake.apiRequests().length;

		const result = await runNode(handle, {
			parameters: getParameters({ options: { downloadAlbumArt: true } }),
			items: [{ json: { musicId } }],
		});

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toMatchObject({ musicId, status: 'completed', model: 'V5', prompt: 'Calm piano', duration: 120 });
		expect(item.binary?.data).toMatchObject({ mimeType: 'audio/mpeg', fileName: `${musicId}.mp3` });
		expect(item.binary?.albumArt).toMatchObject({ mimeType: 'image/jpeg', fileName: `${musicId}.jpg` });
		expect(await result.readBinary(item)).toEqual(handle.fake.resultBytes(musicId));
		expect(await result.readBinary(item, 'albumArt')).toEqual(handle.fake.resultBytes(musicId, 'art'));
		expect(requestsAfter(before)).toEqual([`GET /music/${musicId}`]);
		expect(handle.fake.balance).toBe(balance);
	});

	it('takes a legacy task_ id and outputs the track under its id', async () => {
		const [musicId] = await submit(['Calm piano']);
		const { legacyId } = handle.fake.tracks.get(musicId)!;

		const result = await runNode(handle, { parameters: getParameters(), items: [{ json: { musicId: legacyId } }] });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ status: 'completed' });
		expect(await result.readBinary(result.items[0])).toEqual(handle.fake.resultBytes(musicId));
	});

	it('an unknown musicId is a not-found error naming it, and under Continue an error item', async () => {
		const result = await runNode(handle, {
			parameters: getParameters(),
			items: [{ json: { musicId: 'mus_0000000000000000' } }],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.error).toMatch(/not found/i);
		expect(result.items[0].json.musicId).toBe('mus_0000000000000000');
	});

	it('a failed track: the error carries its musicId and RawUGC\'s reason', async () => {
		const [musicId] = await submit(['Track [fail]']);

		const result = await runNode(handle, { parameters: getParameters(), items: [{ json: { musicId } }] });

		expect(result.error?.message).toContain('The track failed to generate');
		expect(result.error?.message).toContain(`musicId ${musicId}`);
	});
});

describe('Music > Get Many', () => {
	it('lists tracks from GET /music (its `tracks`), one item per track in today\'s names, no download', async () => {
		const ids = await submit(['One', 'Two', 'Three']);
		const before = handle.fake.apiRequests().length;

		const result = await runNode(handle, { parameters: { resource: 'music', operation: 'getMany', limit: 2 } });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		for (const item of result.items) {
			expect(ids).toContain(item.json.musicId);
			expect(item.json).toMatchObject({ status: 'completed', model: 'V5' });
			expect(String(item.json.audioUrl)).toContain(handle.fake.storageOrigin);
			expect(item.binary).toBeUndefined();
		}
		expect(requestsAfter(before)).toEqual(['GET /music']);
		expect(handle.fake.apiRequests().slice(-1)[0].query).toEqual({ limit: '2', page: '1' });
	});

	it('Return All with a status filter: only the failed track', async () => {
		const [, failed] = await submit(['One', 'Two [fail]', 'Three']);

		const result = await runNode(handle, {
			parameters: { resource: 'music', operation: 'getMany', returnAll: true, filters: { status: 'failed' } },
			items: numberedItems(1),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.musicId)).toEqual([failed]);
		expect(result.items[0].json).toMatchObject({ status: 'failed' });
		expect(handle.fake.apiRequests().slice(-1)[0].query).toEqual({ limit: '100', page: '1', status: 'failed' });
	});
});
