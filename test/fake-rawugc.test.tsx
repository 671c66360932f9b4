/** Sanity checks of the fake RawUGC server itself, over real sockets. */
import { createHash } from 'crypto';
import { FakeRawUgc } from './fake-rawugc';
import { api as fakeApi, post, waitForStatus as waitFor } from './fake-rawugc/client';
import { SlidingWindow } from './fake-rawugc/rate-limit';

let fake: FakeRawUgc;

afterEach(async () => {
	await fake?.stop();
});

const api = (path: string, init: RequestInit & { version?: string } = {}) => fakeApi(fake, path, init);
const generate = (body: unknown, version?: string) => post(fake, '/images/generate', body, version);
const waitForStatus = (id: string, wanted: string) => waitFor(fake, `/images/${id}`, wanted);

test('rate limit headers on every answer, 429 past the limit, and 429s are not counted', async () => {
	fake = await FakeRawUgc.start({ rateLimit: { limit: 2, windowMs: 60_000 } });
	const first = await api('/images');
	const second = await api('/images', { headers: { authorization: 'Bearer nope' } });
	const third = await api('/images');
	const fourth = await api('/images');

	expect(first.status).toBe(200);
	expect(first.headers.get('x-ratelimit-limit')).toBe('2');
	expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
	const reset = Number(first.headers.get('x-ratelimit-reset'));
	expect(reset).toBe(Math.ceil((fake.requests[0].at + 60_000) / 1000));
	expect(second.status).toBe(401); // another key: its own window
	expect(third.headers.get('x-ratelimit-remaining')).toBe('0');
	expect(fourth.status).toBe(429);
	expect(fourth.headers.get('retry-after')).toBeNull();
	expect(fourth.headers.get('x-ratelimit-reset')).toBe(String(reset));
	expect(((await fourth.json()) as { type: string }).type).toBe('https://docs.rawugc.com/errors/rate_limit_exceeded');
	expect(fake.rateLimited).toBe(1);
	expect(fake.apiRequests().map((request) => request.status)).toEqual([200, 401, 200, 429]);
});

test('the sliding window frees up when the oldest counted request leaves it; refused requests never count', () => {
	const window = new SlidingWindow(1, 1000);
	expect(window.take('k', 0).allowed).toBe(true);
	const refused = window.take('k', 500);
	expect(refused.allowed).toBe(false);
	expect(refused.headers['X-RateLimit-Reset']).toBe('1');
	expect(window.take('k', 999).allowed).toBe(false);
	expect(window.take('k', 1000).allowed).toBe(true);
	expect(window.take('other', 1000).allowed).toBe(true);
});

test('a key pinned to 2025-11-10 answers taskId/resultUrl unless the request asks for the new version', async () => {
	fake = await FakeRawUgc.start({ pinnedVersion: '2025-11-10', jobDurationMs: 0 });
	const submitted = await generate({ model: 'nano-banana-2', prompt: 'a cat' });
	expect(submitted.status).toBe(201);
	expect(submitted.headers.get('rawugc-version')).toBe('2025-11-10');
	const legacy = (await submitted.json()) as Record<string, unknown>;
	expect(legacy.imageId).toBeUndefined();
	expect(legacy.taskId).toMatch(/^task_[0-9a-f]{16}$/);

	const old = (await (await api(`/images/${legacy.taskId}`)).json()) as Record<string, unknown>;
	expect(old.resultUrl).toMatch(new RegExp(`^${fake.storageOrigin}/results/img_[0-9a-f]{16}\\.jpg$`));
	expect(old.url).toBeUndefined();

	const latest = await api(`/images/${legacy.taskId}`, { version: '2026-03-06' });
	expect(latest.headers.get('rawugc-version')).toBe('2026-03-06');
	const current = (await latest.json()) as Record<string, unknown>;
	expect(current.imageId).toBe(String(legacy.taskId).replace('task_', 'img_'));
	expect(current.url).toBe(old.resultUrl);

	const download = await fetch(String(current.url));
	expect(download.headers.get('content-type')).toBe('image/jpeg');
	const bytes = Buffer.from(await download.arrayBuffer());
	expect(bytes.equals(fake.resultBytes(String(current.imageId)))).toBe(true);
	expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
	expect([...bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
	expect(fake.storageRequests()[0].headers.authorization).toBeUndefined();
});

test('validation errors name the fields, including a field of the other model', async () => {
	fake = await FakeRawUgc.start();
	const response = await generate({ model: 'google/nano-banana-edit', prompt: '', aspectRatio: '1:1', outputFormat: 'gif' });
	expect(response.status).toBe(400);
	expect(response.headers.get('content-type')).toBe('application/problem+json');
	const body = (await response.json()) as { type: string; instance: string; errors: Record<string, string[]> };
	expect(body.type).toBe('https://docs.rawugc.com/errors/validation_error');
	expect(body.instance).toBe('/api/v1/images/generate');
	expect(Object.keys(body.errors).sort()).toEqual(['aspectRatio', 'imageUrls', 'outputFormat', 'prompt']);
	expect(fake.balance).toBe(1000);
	expect(fake.jobs.size).toBe(0);
});

test('insufficient credits is a 402 that says what was needed and what is left', async () => {
	fake = await FakeRawUgc.start({ balance: 1 });
	const response = await generate({ model: 'nano-banana-2', prompt: 'a cat' });
	expect(response.status).toBe(402);
	expect(((await response.json()) as { detail: string }).detail).toBe(
		'This request requires 4 credits, but you have 1 available.',
	);
});

test('multipart upload keeps the bytes exactly and storage serves them back', async () => {
	fake = await FakeRawUgc.start();
	// Bytes that look like boundaries and line breaks must survive.
	const bytes = Buffer.concat([Buffer.from('\r\n--\r\n\r\n'), createHash('sha256').update('x').digest(), Buffer.from([0, 255, 13, 10])]);
	const form = new FormData();
	form.append('file', new Blob([bytes], { type: 'image/webp' }), 'a.webp');
	const response = await api('/upload', { method: 'POST', body: form });
	expect(response.status).toBe(200);
	const answer = (await response.json()) as { url: string; contentType: string; size: number };
	expect(answer).toEqual({ url: expect.stringMatching(new RegExp(`^${fake.storageOrigin}/uploads/upl_[0-9a-f]{16}\\.webp$`)), contentType: 'image/webp', size: bytes.length });
	expect(fake.uploads[0].bytes.equals(bytes)).toBe(true);
	expect(fake.uploads[0].fileName).toBe('a.webp');
	const served = Buffer.from(await (await fetch(answer.url)).arrayBuffer());
	expect(served.equals(bytes)).toBe(true);

	const wrongType = new FormData();
	wrongType.append('file', new Blob([bytes], { type: 'application/pdf' }), 'a.pdf');
	expect((await api('/upload', { method: 'POST', body: wrongType })).status).toBe(400);
});

test('acceptThenReset creates and charges the job although the client gets no answer', async () => {
	fake = await FakeRawUgc.start({ jobDurationMs: 0, resultBytes: 5000 });
	fake.failNext({ method: 'POST', path: '/images/generate' }, { kind: 'acceptThenReset' });
	await expect(generate({ model: 'google/nano-banana-edit', prompt: 'make it blue', imageUrls: ['https://example.com/a.png'] })).rejects.toThrow();
	expect(fake.jobs.size).toBe(1);
	expect(fake.balance).toBe(998);
	const [job] = fake.jobs.values();
	const listed = (await (await api('/images')).json()) as { images: Array<{ imageId: string; url: string }> };
	expect(listed.images.map((image) => image.imageId)).toEqual([job.imageId]);
	const bytes = Buffer.from(await (await fetch(listed.images[0].url)).arrayBuffer());
	expect(bytes.length).toBe(5000);
	expect(bytes.subarray(1, 4).toString()).toBe('PNG');
});

test('a failing prompt ends failed with the content policy code', async () => {
	fake = await FakeRawUgc.start({ jobDurationMs: 30 });
	const { imageId } = (await (await generate({ model: 'nano-banana-2', prompt: 'x [fail]' })).json()) as { imageId: string };
	const job = await waitForStatus(imageId, 'failed');
	expect(job).toMatchObject({ failCode: 'CONTENT_POLICY_VIOLATION', failMessage: 'The prompt was rejected by the content policy.' });
	expect(job.url).toBeUndefined();
});
