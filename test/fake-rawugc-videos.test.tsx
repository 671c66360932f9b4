/** The fake's videos, video edits and characters, over real sockets (what the node's video features are built against). */
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

async function errorsOf(response: Response): Promise<string[]> {
	expect(response.status).toBe(400);
	const body = (await response.json()) as { type: string; errors: Record<string, string[]> };
	expect(body.type).toBe('https://docs.rawugc.com/errors/validation_error');
	return Object.keys(body.errors).sort();
}

async function submitVideo(body: Json = { model: 'veo3_fast', prompt: 'a beach' }): Promise<string> {
	const response = await post(fake, '/videos/generate', body);
	expect(response.status).toBe(201);
	return ((await response.json()) as { videoId: string }).videoId;
}

const IMAGE = 'https://example.com/a.png';
const VIDEO = 'https://example.com/a.mp4';

test.each<[string, Json, string[]]>([
	['no prompt for text-to-video', { model: 'sora-2-text-to-video' }, ['prompt']],
	['no prompt for veo3', { model: 'veo3' }, ['prompt']],
	['no image for image-to-video', { model: 'sora-2-image-to-video', prompt: 'x' }, ['imageUrls']],
	['three images for veo', { model: 'veo3_fast', prompt: 'x', imageUrls: [IMAGE, IMAGE, IMAGE] }, ['imageUrls']],
	['eleven images for sora', { model: 'sora-2-image-to-video', imageUrls: Array(11).fill(IMAGE) }, ['imageUrls']],
	['kling without its video', { model: 'kling-2.6/motion-control', imageUrls: [IMAGE] }, ['videoUrls']],
	['kling with two videos', { model: 'kling-2.6/motion-control', imageUrls: [IMAGE], videoUrls: [VIDEO, VIDEO] }, ['videoUrls']],
	['videoUrls for sora', { model: 'sora-2-text-to-video', prompt: 'x', videoUrls: [VIDEO] }, ['videoUrls']],
	['a Veo ratio for sora', { model: 'sora-2-text-to-video', prompt: 'x', aspectRatio: '16:9' }, ['aspectRatio']],
	['lower-case auto for veo', { model: 'veo3', prompt: 'x', aspectRatio: 'auto' }, ['aspectRatio']],
	['any ratio for kling', { model: 'kling-2.6/motion-control', imageUrls: [IMAGE], videoUrls: [VIDEO], aspectRatio: 'portrait' }, ['aspectRatio']],
	['nFrames as a number', { model: 'sora-2-text-to-video', prompt: 'x', nFrames: 10 }, ['nFrames']],
	['nFrames for veo', { model: 'veo3', prompt: 'x', nFrames: '10' }, ['nFrames']],
	['kling fields for sora', { model: 'sora-2-text-to-video', prompt: 'x', mode: '720p', characterOrientation: 'image' }, ['characterOrientation', 'mode']],
	['a bad kling mode', { model: 'kling-2.6/motion-control', imageUrls: [IMAGE], videoUrls: [VIDEO], mode: '4k' }, ['mode']],
	['an unknown character', { model: 'veo3', prompt: 'x', selectedCharacter: 'rawugc.nobody' }, ['selectedCharacter']],
	['an inactive character', { model: 'veo3', prompt: 'x', selectedCharacter: 'rawugc.leo' }, ['selectedCharacter']],
	['an unknown field and a null', { model: 'veo3', prompt: 'x', seed: 1, aspectRatio: null }, ['aspectRatio', 'seed']],
	['a prompt too long', { model: 'veo3', prompt: 'x'.repeat(5001) }, ['prompt']],
	['an unknown model', { model: 'sora-3', prompt: 'x' }, ['model']],
])('POST /videos/generate refuses %s with a 400 naming the fields, spending nothing', async (_name, body, fields) => {
	await start();
	expect(await errorsOf(await post(fake, '/videos/generate', body))).toEqual(fields);
	expect(fake.balance).toBe(1000);
	expect(fake.videos.size).toBe(0);
});

test('each model accepts its own fields and is charged its fake price', async () => {
	await start({ videoCredits: { veo3: 9 } });
	const bodies: Json[] = [
		{ model: 'sora-2-text-to-video', prompt: 'x', aspectRatio: 'landscape', nFrames: '15', selectedCharacter: 'rawugc.mia' },
		{ model: 'sora-2-image-to-video', imageUrls: [IMAGE], aspectRatio: 'portrait', nFrames: '10' },
		{ model: 'kling-2.6/motion-control', imageUrls: [IMAGE], videoUrls: [VIDEO], characterOrientation: 'video', mode: '1080p' },
		{ model: 'veo3', prompt: 'x', imageUrls: [IMAGE, IMAGE], aspectRatio: 'Auto' },
		{ model: 'veo3_fast', prompt: 'x', aspectRatio: '9:16' },
	];
	const credits: number[] = [];
	for (const body of bodies) {
		const response = await post(fake, '/videos/generate', body);
		expect(response.status).toBe(201);
		credits.push(((await response.json()) as { creditsUsed: number }).creditsUsed);
	}
	expect(credits).toEqual([6, 6, 5, 9, 4]);
	expect(fake.balance).toBe(1000 - 30);
});

test('a video goes pending -> completed; its url serves an MP4; 402 when the balance is short', async () => {
	await start({ jobDurationMs: 60_000, balance: 10, estimatedCompletionTime: { video: '2-4 minutes' } });
	const response = await post(fake, '/videos/generate', { model: 'sora-2-text-to-video', prompt: 'a beach', aspectRatio: 'landscape' });
	expect(response.status).toBe(201);
	const submitted = (await response.json()) as Json;
	expect(submitted).toEqual({
		videoId: expect.stringMatching(/^vid_[0-9a-f]{16}$/),
		model: 'sora-2-text-to-video',
		status: 'pending',
		creditsUsed: 6,
		newBalance: 4,
		estimatedCompletionTime: '2-4 minutes',
		createdAt: expect.any(Number),
	});
	const videoId = String(submitted.videoId);
	const pending = await getJson(fake, `/videos/${videoId}`);
	expect(pending).toMatchObject({ videoId, status: 'pending', prompt: 'a beach' });
	expect(pending.url).toBeUndefined();
	fake.videos.get(videoId)!.durationMs = 5; // finish it now
	const done = await waitForStatus(fake, `/videos/${videoId}`, 'completed');
	expect(done.url).toBe(`${fake.storageOrigin}/results/${videoId}.mp4`);
	expect(done.completedAt).toBe(Number(submitted.createdAt) + 5);
	expect(done.versions).toBeUndefined();

	const download = await fetch(String(done.url));
	expect(download.headers.get('content-type')).toBe('video/mp4');
	const bytes = Buffer.from(await download.arrayBuffer());
	expect(bytes.subarray(4, 12).toString('latin1')).toBe('ftypisom');
	expect(bytes.equals(fake.resultBytes(videoId))).toBe(true);

	const short = await post(fake, '/videos/generate', { model: 'sora-2-text-to-video', prompt: 'again' });
	expect(short.status).toBe(402);
	expect(((await short.json()) as Json).detail).toBe('This request requires 6 credits, but you have 4 available.');
});

test('a failing prompt ends failed; GET /videos filters by status and pages newest first (default 50)', async () => {
	await start();
	const ids: string[] = [];
	for (let n = 0; n < 55; n++) ids.push(await submitVideo({ model: 'veo3_fast', prompt: n % 10 === 0 ? `clip ${n} [fail]` : `clip ${n}` }));
	const failed = await getJson(fake, `/videos/${ids[0]}`);
	expect(failed).toMatchObject({ status: 'failed', failCode: 'CONTENT_POLICY_VIOLATION' });

	const first = await getJson(fake, '/videos');
	expect((first.videos as Json[]).map((video) => video.videoId)).toEqual([...ids].reverse().slice(0, 50));
	expect(first.pagination).toEqual({ total: 55, page: 1, pageSize: 50, hasMore: true });
	const second = await getJson(fake, '/videos?page=2');
	expect((second.videos as Json[]).map((video) => video.videoId)).toEqual(ids.slice(0, 5).reverse());

	const onlyFailed = await getJson(fake, '/videos?status=failed&limit=2&page=3');
	expect((onlyFailed.videos as Json[]).map((video) => video.videoId)).toEqual([ids[10], ids[0]]);
	expect(onlyFailed.pagination).toEqual({ total: 6, page: 3, pageSize: 2, hasMore: false });
	expect((await api(fake, '/videos?limit=101')).status).toBe(400);
});

test.each(['nested', 'flat'] as const)('edits in the %s path form: a new version, the original\'s versions grow, the other form is 404', async (form) => {
	await start({ editPaths: form });
	const original = await submitVideo();
	const path = (operation: string, id = original) => (form === 'nested' ? `/videos/${id}/${operation}` : `/videos/${operation}`);
	const other = (operation: string) => (form === 'nested' ? `/videos/${operation}` : `/videos/${original}/${operation}`);

	const refused = await post(fake, other('captions'), { videoId: original });
	expect(refused.status).toBe(404);
	expect(((await refused.json()) as Json).type).toBe('https://docs.rawugc.com/errors/not_found');

	const captions = await post(fake, path('captions'), { videoId: original, language: 'en' });
	expect(captions.status).toBe(200);
	const first = (await captions.json()) as Json;
	expect(first).toEqual({
		videoId: expect.stringMatching(/^vid_/),
		url: `${fake.storageOrigin}/results/${String(first.videoId)}.mp4`,
		version: 2,
		operation: 'captions',
		creditsUsed: 1,
	});
	const overlay = (await (await post(fake, path('overlay', String(first.videoId)), { videoId: String(first.videoId), text: 'Hi', position: 'top', fontSize: 40, topBottomMargin: 0, strokeThickness: 2.5 })).json()) as Json;
	expect(overlay).toMatchObject({ version: 3, operation: 'overlay' });

	const video = await getJson(fake, `/videos/${original}`);
	expect(video.versions).toEqual([
		{ videoId: original, version: 1, url: video.url, createdAt: expect.any(Number) },
		{ videoId: first.videoId, version: 2, url: first.url, operation: 'captions', createdAt: expect.any(Number) },
		{ videoId: overlay.videoId, version: 3, url: overlay.url, operation: 'overlay', createdAt: expect.any(Number) },
	]);
	expect((await getJson(fake, `/videos/${String(overlay.videoId)}`)).versions).toEqual(video.versions);
	expect(fake.balance).toBe(1000 - 4 - 1 - 1);
	const bytes = Buffer.from(await (await fetch(String(overlay.url))).arrayBuffer());
	expect(bytes.equals(fake.resultBytes(String(overlay.videoId)))).toBe(true);
	expect(bytes.equals(fake.resultBytes(original))).toBe(false);
});

test('edit validation, unknown and unfinished videos, and edits that answer before their file is ready', async () => {
	await start({ editsAnswerPending: true, jobDurationMs: 60_000 });
	const running = await submitVideo();
	const unfinished = await post(fake, `/videos/${running}/captions`, { videoId: running });
	expect(await errorsOf(unfinished)).toEqual(['videoId']);
	expect((await post(fake, '/videos/captions', { videoId: 'vid_0000000000000000' })).status).toBe(404);
	expect(await errorsOf(await post(fake, '/videos/overlay', { videoId: running, text: '', fontSize: 7.5, position: 'left' }))).toEqual([
		'fontSize',
		'position',
		'text',
	]);
	expect(await errorsOf(await post(fake, `/videos/${running}/captions`, { videoId: 'vid_other' }))).toEqual(['videoId']);
	expect(await errorsOf(await post(fake, '/videos/captions', { videoId: running, color: 'red' }))).toEqual(['color']);
	expect(fake.balance).toBe(1000 - 4);

	fake.videos.get(running)!.durationMs = 0; // finish it now
	const answer = (await (await post(fake, '/videos/captions', { videoId: running })).json()) as Json;
	expect(answer).toEqual({ videoId: expect.stringMatching(/^vid_/), status: 'pending', version: 2, operation: 'captions', creditsUsed: 1 });
	expect((await getJson(fake, `/videos/${String(answer.videoId)}`)).url).toBeUndefined();
	fake.videos.get(String(answer.videoId))!.durationMs = 0;
	const edited = await waitForStatus(fake, `/videos/${String(answer.videoId)}`, 'completed');
	expect(edited.url).toBe(`${fake.storageOrigin}/results/${String(answer.videoId)}.mp4`);
});

test('editNotReadyStatus 409 answers a conflict problem instead', async () => {
	await start({ editNotReadyStatus: 409, jobDurationMs: 60_000 });
	const running = await submitVideo();
	const response = await post(fake, '/videos/captions', { videoId: running });
	expect(response.status).toBe(409);
	expect(((await response.json()) as Json).type).toBe('https://docs.rawugc.com/errors/conflict');
});

test('a key pinned to 2025-11-10: taskId, resultUrl, id and progress, renamed in versions and edit answers too', async () => {
	await start({ pinnedVersion: '2025-11-10', ignoreVersionHeader: true });
	const submitted = (await (await post(fake, '/videos/generate', { model: 'veo3', prompt: 'x' }, '2026-03-06')).json()) as Json;
	expect(submitted.videoId).toBeUndefined();
	expect(submitted.taskId).toMatch(/^task_[0-9a-f]{16}$/);
	const edit = (await (await post(fake, '/videos/captions', { videoId: submitted.taskId })).json()) as Json;
	expect(edit).toMatchObject({ taskId: expect.stringMatching(/^task_/), resultUrl: expect.stringMatching(/\.mp4$/), version: 2 });
	expect(edit.url).toBeUndefined();
	const video = await getJson(fake, `/videos/${String(submitted.taskId)}`);
	expect(video).toMatchObject({ taskId: submitted.taskId, id: submitted.taskId, progress: 100, status: 'completed' });
	expect(video.resultUrl).toMatch(new RegExp(`^${fake.storageOrigin}/results/vid_[0-9a-f]{16}\\.mp4$`));
	expect(video.url).toBeUndefined();
	expect((video.versions as Json[]).map((entry) => Object.keys(entry).sort())).toEqual([
		['createdAt', 'resultUrl', 'taskId', 'version'],
		['createdAt', 'operation', 'resultUrl', 'taskId', 'version'],
	]);
	const listed = await getJson(fake, '/videos');
	expect((listed.videos as Json[]).map((entry) => entry.taskId)).toEqual([edit.taskId, submitted.taskId]);
});

test('GET /characters lists the characters with counts; one by id or username', async () => {
	await start();
	const list = await getJson(fake, '/characters');
	expect(list).toMatchObject({ count: 3, adminCount: 2, userCount: 1 });
	const mia = (list.characters as Json[])[0];
	expect(Object.keys(mia).sort()).toEqual(
		['_id', 'createdAt', 'description', 'displayName', 'isActive', 'type', 'updatedAt', 'username', 'videoPreviewUrl'].sort(),
	);
	expect(mia).toMatchObject({ username: 'rawugc.mia', isActive: true, type: 'admin' });
	expect(await getJson(fake, `/characters/${String(mia._id)}`)).toEqual(mia);
	expect((await api(fake, '/characters/nobody')).status).toBe(404);
});

test('faults, rate limits and recording work on the new paths as on images', async () => {
	// Injected problem answers are not counted: the limit of 2 is reached by the submit and the list.
	await start({ rateLimit: { limit: 2, windowMs: 60_000 } });
	fake.failNext({ method: 'POST', path: '/videos/generate' }, { kind: 'acceptThenReset' });
	await expect(post(fake, '/videos/generate', { model: 'veo3', prompt: 'x' })).rejects.toThrow();
	expect(fake.videos.size).toBe(1);
	expect(fake.balance).toBe(992);
	fake.failNext({ path: /\/captions$/ }, { status: 500 });
	const [videoId] = fake.videos.keys();
	expect((await post(fake, `/videos/${videoId}/captions`, { videoId })).status).toBe(500);
	const limited = await api(fake, '/music');
	expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
	expect((await api(fake, '/characters')).status).toBe(429);
	expect(fake.stats().byRoute).toMatchObject({
		'POST /videos/generate': 1,
		'POST /videos/{id}/captions': 1,
		'GET /music': 1,
		'GET /characters': 1,
	});
});

test('jobDurationMsByKind lets videos run longer than images', async () => {
	await start({ jobDurationMs: 0, jobDurationMsByKind: { video: 60_000 } });
	const videoId = await submitVideo();
	const image = (await (await post(fake, '/images/generate', { model: 'nano-banana-2', prompt: 'x' })).json()) as Json;
	expect((await getJson(fake, `/videos/${videoId}`)).status).toBe('pending');
	expect((await getJson(fake, `/images/${String(image.imageId)}`)).status).toBe('completed');
});

test('storage modes apply to videos by id: a truncated download once, then the whole file', async () => {
	await start({ resultBytes: { video: 100_000 } });
	const videoId = await submitVideo();
	fake.setStorageMode(videoId, { truncate: 1 });
	const url = String((await getJson(fake, `/videos/${videoId}`)).url);
	await expect(fetch(url).then(async (response) => await response.arrayBuffer())).rejects.toThrow();
	const whole = Buffer.from(await (await fetch(url)).arrayBuffer());
	expect(whole.equals(fake.resultBytes(videoId))).toBe(true);
	fake.setStorageMode('*', 'notFound');
	expect((await fetch(url)).status).toBe(404);
});

test('POST /upload takes videos (mp4, quicktime, webm) up to maxUploadBytes', async () => {
	await start({ maxUploadBytes: 4_000 });
	const upload = (bytes: Buffer, type: string) => {
		const form = new FormData();
		form.append('file', new Blob([bytes], { type }), 'clip');
		return api(fake, '/upload', { method: 'POST', body: form });
	};
	for (const [type, ext] of [['video/mp4', 'mp4'], ['video/quicktime', 'mov'], ['video/webm', 'webm']]) {
		const response = await upload(Buffer.alloc(4_000, 7), type);
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ url: expect.stringMatching(new RegExp(`\\.${ext}$`)), contentType: type, size: 4_000 });
	}
	expect(await errorsOf(await upload(Buffer.alloc(4_001, 7), 'video/mp4'))).toEqual(['file']);
});
