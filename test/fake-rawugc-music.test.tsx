/** The fake's music tracks over real sockets: validation, life cycle, list, files, the old version's names. */
import { FakeRawUgc, type FakeRawUgcOptions } from './fake-rawugc';
import { api, getJson, type Json, post, waitForStatus } from './fake-rawugc/client';

let fake: FakeRawUgc;

afterEach(async () => {
	await fake?.stop();
});

async function start(options: FakeRawUgcOptions = {}): Promise<FakeRawUgc> {
	fake = await FakeRawUgc.start({ jobDurationMs: 0, rateLimit: { limit: 10_000, windowMs: 60_000 }, ...options });
	return fake;
}

async function submitTrack(body: Json = { prompt: 'calm piano' }, version?: string): Promise<Json> {
	const response = await post(fake, '/music/generate', body, version);
	expect(response.status).toBe(201);
	return (await response.json()) as Json;
}

test('POST /music/generate validates every field and spends nothing when refusing', async () => {
	await start();
	const response = await post(fake, '/music/generate', {
		prompt: '',
		model: 'V6',
		instrumental: 'yes',
		title: 't'.repeat(201),
		style: 's'.repeat(501),
		lyrics: 'la',
	});
	expect(response.status).toBe(400);
	const body = (await response.json()) as { errors: Record<string, string[]> };
	expect(Object.keys(body.errors).sort()).toEqual(['instrumental', 'lyrics', 'model', 'prompt', 'style', 'title']);
	expect((await post(fake, '/music/generate', { model: 'V5' })).status).toBe(400);
	expect((await post(fake, '/music/generate', { prompt: 'x'.repeat(2001) })).status).toBe(400);
	expect(fake.balance).toBe(1000);
	expect(fake.tracks.size).toBe(0);
});

test('a track: 3 credits, model V5 by default, then audioUrl, albumArtUrl, duration and title; both files download', async () => {
	await start({ jobDurationMs: 60_000, resultBytes: { music: 5000 }, albumArtFormat: 'png', musicDurationSeconds: 95 });
	const submitted = await submitTrack({ prompt: 'calm piano', title: 'Calm', style: 'ambient', instrumental: false });
	expect(submitted).toEqual({
		musicId: expect.stringMatching(/^mus_[0-9a-f]{16}$/),
		model: 'V5',
		status: 'pending',
		creditsUsed: 3,
		newBalance: 997,
		estimatedCompletionTime: '1-3 minutes',
		createdAt: expect.any(Number),
	});
	const musicId = String(submitted.musicId);
	const pending = await getJson(fake, `/music/${musicId}`);
	expect(pending.audioUrl).toBeUndefined();
	fake.tracks.get(musicId)!.durationMs = 0; // finish it now
	const track = await waitForStatus(fake, `/music/${musicId}`, 'completed');
	expect(track).toMatchObject({
		musicId,
		status: 'completed',
		model: 'V5',
		prompt: 'calm piano',
		audioUrl: `${fake.storageOrigin}/results/${musicId}.mp3`,
		albumArtUrl: `${fake.storageOrigin}/results/${musicId}-art.png`,
		duration: 95,
		title: 'Calm',
		creditsUsed: 3,
	});

	const audio = await fetch(String(track.audioUrl));
	expect(audio.headers.get('content-type')).toBe('audio/mpeg');
	const audioBytes = Buffer.from(await audio.arrayBuffer());
	expect(audioBytes.subarray(0, 3).toString('latin1')).toBe('ID3');
	expect(audioBytes.length).toBe(5000);
	expect(audioBytes.equals(fake.resultBytes(musicId))).toBe(true);
	const art = Buffer.from(await (await fetch(String(track.albumArtUrl))).arrayBuffer());
	expect(art.subarray(1, 4).toString('latin1')).toBe('PNG');
	expect(art.equals(fake.resultBytes(musicId, 'art'))).toBe(true);

	const control = await fetch(`${fake.controlOrigin}/__fake/result/${musicId}?file=art`);
	expect(await control.json()).toEqual({ ...fake.resultDigest(musicId, 'art'), contentType: 'image/png' });
});

test('a failing prompt ends failed; GET /music answers `tracks`, 20 by default, newest first, filtered by status', async () => {
	await start();
	const ids: string[] = [];
	for (let n = 0; n < 23; n++) ids.push(String((await submitTrack({ prompt: n === 3 ? 'x [fail]' : `song ${n}` })).musicId));
	expect(await getJson(fake, `/music/${ids[3]}`)).toMatchObject({ status: 'failed', failCode: 'CONTENT_POLICY_VIOLATION' });
	const list = await getJson(fake, '/music');
	expect((list.tracks as Json[]).map((track) => track.musicId)).toEqual([...ids].reverse().slice(0, 20));
	expect(list.pagination).toEqual({ total: 23, page: 1, pageSize: 20, hasMore: true });
	const failed = await getJson(fake, '/music?status=failed');
	expect((failed.tracks as Json[]).map((track) => track.musicId)).toEqual([ids[3]]);
	expect((await api(fake, '/music?status=done')).status).toBe(400);
});

test('the old version: taskId, resultUrl for the audio, imageUrl for the album art; legacy ids in the path', async () => {
	await start({ pinnedVersion: '2025-11-10' });
	const submitted = await submitTrack();
	expect(submitted.musicId).toBeUndefined();
	const taskId = String(submitted.taskId);
	const old = await getJson(fake, `/music/${taskId}`);
	expect(old).toMatchObject({ taskId, status: 'completed', resultUrl: expect.stringMatching(/\.mp3$/), imageUrl: expect.stringMatching(/-art\.jpg$/) });
	expect(old.audioUrl).toBeUndefined();
	expect(old.albumArtUrl).toBeUndefined();
	const today = await getJson(fake, `/music/${taskId}`, '2026-03-06');
	expect(today).toMatchObject({ musicId: taskId.replace('task_', 'mus_'), audioUrl: old.resultUrl, albumArtUrl: old.imageUrl });
	expect((await api(fake, `/videos/${taskId}`)).status).toBe(404);
});
