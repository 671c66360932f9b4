/** A tiny HTTP client for tests of the fake itself (the node's tests go through the engine instead). */
import type { FakeRawUgc } from './index';

export type Json = Record<string, unknown>;

export function api(fake: FakeRawUgc, path: string, init: RequestInit & { version?: string } = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	if (!headers.has('authorization')) headers.set('authorization', `Bearer ${fake.apiKey}`);
	if (init.version) headers.set('rawugc-version', init.version);
	return fetch(`${fake.baseUrl}${path}`, { ...init, headers });
}

export function post(fake: FakeRawUgc, path: string, body: unknown, version?: string): Promise<Response> {
	return api(fake, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), version });
}

export async function getJson(fake: FakeRawUgc, path: string, version?: string): Promise<Json> {
	return (await (await api(fake, path, { version })).json()) as Json;
}

/** Polls GET `path` until its status is `wanted` (the fake's jobs take milliseconds in these tests). */
export async function waitForStatus(fake: FakeRawUgc, path: string, wanted: string): Promise<Json> {
	for (;;) {
		const response = await api(fake, path);
		const job = (await response.json()) as Json;
		if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${JSON.stringify(job)}`);
		if (job.status === wanted) return job;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
