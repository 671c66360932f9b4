/**
 * Music > Generate end to end, through n8n-core's engine against the fake: what the fake
 * received, the output item (json in today's names, the audio with its exact bytes and a type
 * read from them, the album art when asked), failures under Continue, and Max Credits.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { engineServices } from './engine/engineServices';
import type { AudioFormat } from './fake-rawugc/types';
import { withFake } from './support/fake';
import { expr, musicParameters } from './support/parameters';
import { generateBodies } from './support/requests';
import { numberedItems, runNode } from './support/run';

const handle = withFake();
const musicBodies = () => generateBodies(handle.fake, '/music');

const TRACK_FIELDS = [
	'musicId', 'status', 'model', 'prompt', 'title', 'audioUrl', 'albumArtUrl', 'duration',
	'creditsUsed', 'newBalance', 'createdAt', 'completedAt',
];

afterEach(() => {
	handle.fake.jobDurationMs = 30;
	handle.fake.audioFormat = 'mp3';
	handle.fake.albumArtFormat = 'jpeg';
});

function expectBinary(item: INodeExecutionData, property: string, extension: string, mimeType: string) {
	const musicId = item.json.musicId as string;
	expect(item.binary?.[property]).toMatchObject({ mimeType, fileExtension: extension, fileName: `${musicId}.${extension}` });
}

describe('Music > Generate', () => {
	it('sends every field as set and outputs the track and the exact audio bytes (mp3 with ID3)', async () => {
		const { fake } = handle;
		const result = await runNode(handle, {
			parameters: musicParameters({
				prompt: '  Warm lo-fi beat for a coffee shop video  ',
				model: 'V4_5PLUS',
				instrumental: false,
				title: 'Morning Coffee',
				style: 'lo-fi hip hop, 80 bpm',
			}),
		});

		expect(result.error).toBeUndefined();
		expect(musicBodies()).toEqual([
			{
				prompt: 'Warm lo-fi beat for a coffee shop video',
				model: 'V4_5PLUS',
				instrumental: false,
				title: 'Morning Coffee',
				style: 'lo-fi hip hop, 80 bpm',
			},
		]);
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		for (const field of TRACK_FIELDS) expect(item.json).toHaveProperty(field);
		const musicId = item.json.musicId as string;
		expect(musicId).toMatch(/^mus_/);
		expect(item.json).toMatchObject({
			status: 'completed',
			model: 'V4_5PLUS',
			title: 'Morning Coffee',
			creditsUsed: 3,
			newBalance: 997,
			duration: 120,
		});
		expect(Object.keys(item.json).slice(0, 4)).toEqual(['musicId', 'status', 'model', 'prompt']);
		expect(String(item.json.audioUrl)).toContain(fake.storageOrigin);
		expectBinary(item, 'data', 'mp3', 'audio/mpeg');
		expect(Object.keys(item.binary ?? {})).toEqual(['data']); // no album art unless asked
		expect(await result.readBinary(item)).toEqual(fake.resultBytes(musicId));
		expect(fake.storageRequests()).toHaveLength(1);
	});

	it('at the defaults sends V5 and instrumental, and leaves out an empty (or blank) title and style', async () => {
		const result = await runNode(handle, {
			parameters: musicParameters({ title: expr('"   "'), style: '' }),
		});

		expect(result.error).toBeUndefined();
		expect(musicBodies()).toEqual([{ prompt: 'Calm piano for a product video', model: 'V5', instrumental: true }]);
	});

	it('accepts the longest prompt (2000), title (200) and style (500)', async () => {
		const result = await runNode(handle, {
			parameters: musicParameters({
				prompt: expr('"p".repeat(2000)'),
				title: expr('"t".repeat(200)'),
				style: expr('"s".repeat(500)'),
				waitForCompletion: false,
			}),
		});

		expect(result.error).toBeUndefined();
		const [body] = musicBodies();
		expect([String(body.prompt).length, String(body.title).length, String(body.style).length]).toEqual([2000, 200, 500]);
	});

	const formats: Array<[AudioFormat, string, string]> = [
		['mp3-raw', 'mp3', 'audio/mpeg'],
		['wav', 'wav', 'audio/wav'],
		['m4a', 'm4a', 'audio/mp4'],
		['ogg', 'ogg', 'audio/ogg'],
		['flac', 'flac', 'audio/flac'],
	];

	it.each(formats)('a %s track arrives with its exact bytes, typed from them (.%s, %s)', async (format, extension, mimeType) => {
		handle.fake.audioFormat = format;

		const result = await runNode(handle, { parameters: musicParameters({ options: { binaryPropertyName: 'audio' } }) });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expectBinary(item, 'audio', extension, mimeType);
		expect(await result.readBinary(item, 'audio')).toEqual(handle.fake.resultBytes(item.json.musicId as string));
		// n8n's store keeps the same type (the editor serves the file with it), not one guessed from the extension (.flac: audio/x-flac).
		const { binaryDataServices } = await engineServices();
		const stored = await binaryDataServices.filesystem.getMetadata(item.binary!.audio.id!);
		expect(stored).toMatchObject({ mimeType, fileName: `${item.json.musicId as string}.${extension}` });
	});

	it('with Download Album Art: the cover in binary.albumArt, its exact bytes, typed as an image', async () => {
		const result = await runNode(handle, { parameters: musicParameters({ options: { downloadAlbumArt: true } }) });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		const musicId = item.json.musicId as string;
		expectBinary(item, 'data', 'mp3', 'audio/mpeg');
		expectBinary(item, 'albumArt', 'jpg', 'image/jpeg');
		expect(await result.readBinary(item, 'albumArt')).toEqual(handle.fake.resultBytes(musicId, 'art'));
		expect(await result.readBinary(item, 'data')).toEqual(handle.fake.resultBytes(musicId));
		expect(handle.fake.storageRequests()).toHaveLength(2);
		// Neither file host request carries the API key.
		for (const request of handle.fake.storageRequests()) expect(JSON.stringify(request.headers)).not.toContain(handle.fake.apiKey);
	});

	it('album art only (Download Music off): the PNG cover and the audio URL, no audio download', async () => {
		handle.fake.albumArtFormat = 'png';

		const result = await runNode(handle, { parameters: musicParameters({ options: { download: false, downloadAlbumArt: true } }) });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(Object.keys(item.binary ?? {})).toEqual(['albumArt']);
		expectBinary(item, 'albumArt', 'png', 'image/png');
		expect(item.json.audioUrl).toEqual(expect.stringContaining(handle.fake.storageOrigin));
		expect(handle.fake.storageRequests()).toHaveLength(1);
	});

	it('album art that is not an image is an error that carries the musicId', async () => {
		handle.fake.setStorageMode('*', 'html');

		const result = await runNode(handle, { parameters: musicParameters({ options: { download: false, downloadAlbumArt: true } }) });

		const [musicId] = [...handle.fake.tracks.keys()];
		expect(result.error?.message).toContain('not an image');
		expect(result.error?.message).toContain(`musicId ${musicId}`);
	});

	it('audio that is not audio is an error that carries the musicId', async () => {
		handle.fake.setStorageMode('*', 'html');

		const result = await runNode(handle, { parameters: musicParameters() });

		const [musicId] = [...handle.fake.tracks.keys()];
		expect(result.error?.message).toContain('The result is not audio: the file host sent an HTML page');
		expect(result.error?.message).toContain(`musicId ${musicId}`);
	});

	it('a track still running after Max Wait Time is an error that carries its musicId, to collect with Get', async () => {
		handle.fake.jobDurationMs = 60_000;

		const result = await runNode(handle, { parameters: musicParameters({ options: { maxWaitTime: 1 } }) });

		const [musicId] = [...handle.fake.tracks.keys()];
		expect(result.error?.message).toBe(`The track is still running after 1 s: collect it with Get (musicId ${musicId})`);
		expect(handle.fake.storageRequests()).toHaveLength(0);
	});

	it('with Wait for Music off: the submitted job at once, no download', async () => {
		const result = await runNode(handle, { parameters: musicParameters({ waitForCompletion: false }) });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toMatchObject({ status: 'pending', model: 'V5', creditsUsed: 3 });
		expect(item.json.musicId).toMatch(/^mus_/);
		expect(item.binary).toBeUndefined();
		expect(handle.fake.apiRequests().map((request) => request.method)).toEqual(['POST']);
	});
});

describe('a batch', () => {
	it('one request per item, input order kept; all tracks waited for together', async () => {
		const result = await runNode(handle, {
			parameters: musicParameters({ prompt: expr('"Track " + $json.n') }),
			items: numberedItems(4),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.prompt)).toEqual(['Track 0', 'Track 1', 'Track 2', 'Track 3']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(new Set(result.items.map((item) => item.json.musicId)).size).toBe(4);
		for (const item of result.items) {
			expect(await result.readBinary(item)).toEqual(handle.fake.resultBytes(item.json.musicId as string));
		}
	});

	it('with Continue, a track that fails becomes an error item with its musicId and reason; the others carry on', async () => {
		const result = await runNode(handle, {
			parameters: musicParameters({ prompt: expr('$json.n === 1 ? "Track [fail]" : "Track " + $json.n') }),
			items: numberedItems(3),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		const [first, failed, third] = result.items;
		expect(failed.pairedItem).toEqual({ item: 1 });
		expect(failed.json.error).toMatch(/The track failed to generate/);
		expect(failed.json.musicId).toMatch(/^mus_/);
		expect(failed.json.error).toContain(String(failed.json.musicId));
		expect(failed.binary).toBeUndefined();
		for (const item of [first, third]) {
			expect(item.json.status).toBe('completed');
			expect(await result.readBinary(item)).toEqual(handle.fake.resultBytes(item.json.musicId as string));
		}
	});

	it('without Continue, a failed track stops the node with its musicId, naming the run\'s other tracks', async () => {
		const result = await runNode(handle, {
			parameters: musicParameters({ prompt: expr('$json.n === 0 ? "Track [fail]" : "Track " + $json.n') }),
			items: numberedItems(2),
		});

		const ids = [...handle.fake.tracks.keys()];
		expect(ids).toHaveLength(2);
		expect(result.error?.message).toMatch(/The track failed to generate/);
		for (const musicId of ids) expect(`${result.error?.message} ${String(result.error?.description)}`).toContain(musicId);
	});
});

describe('Max Credits at 3 credits a track', () => {
	it('9 credits take 3 tracks: the 4th is refused before it is sent (Continue), nothing charged for it', async () => {
		const result = await runNode(handle, {
			parameters: musicParameters({ prompt: expr('"Track " + $json.n'), options: { maxCredits: 9 } }),
			items: numberedItems(4),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(musicBodies().map((body) => body.prompt)).toEqual(['Track 0', 'Track 1', 'Track 2']);
		expect(result.items.slice(0, 3).map((item) => item.json.status)).toEqual(['completed', 'completed', 'completed']);
		expect(result.items[3].json.error).toContain('this track (3 credits) would take the run past Max Credits (9; 9 already planned)');
		expect(result.items[3].json.musicId).toBeUndefined();
		expect(handle.fake.balance).toBe(1000 - 9);
	});

	it('without Continue, a run past Max Credits is refused before any request', async () => {
		const result = await runNode(handle, {
			parameters: musicParameters({ options: { maxCredits: 5 } }),
			items: numberedItems(2),
		});

		expect(result.error?.message).toContain('would take the run past Max Credits (5; 3 already planned) [item 1]');
		expect(handle.fake.apiRequests()).toEqual([]);
	});
});

describe('a key pinned to the old API version (2025-11-10)', () => {
	const old = withFake({ pinnedVersion: '2025-11-10', ignoreVersionHeader: true });

	it('reads taskId, resultUrl and imageUrl as musicId, audioUrl and albumArtUrl, and downloads both files', async () => {
		const result = await runNode(old, { parameters: musicParameters({ options: { downloadAlbumArt: true } }) });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		const [track] = [...old.fake.tracks.values()];
		expect(item.json.musicId).toBe(track.legacyId);
		expect(item.json.musicId).toMatch(/^task_/);
		expect(item.json).toEqual(
			expect.objectContaining({ audioUrl: expect.stringContaining(old.fake.storageOrigin), albumArtUrl: expect.stringContaining(old.fake.storageOrigin) }),
		);
		for (const legacy of ['taskId', 'resultUrl', 'imageUrl']) expect(item.json).not.toHaveProperty(legacy);
		expect(await result.readBinary(item)).toEqual(old.fake.resultBytes(track.musicId));
		expect(await result.readBinary(item, 'albumArt')).toEqual(old.fake.resultBytes(track.musicId, 'art'));
	});
});
