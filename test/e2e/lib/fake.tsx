// The fake RawUGC in its own process (its CLI), plus the control endpoints the checks read.
import path from 'node:path';

import { startBackground, type Background } from './process';

export interface FakeProcess {
	baseUrl: string;
	storageOrigin: string;
	apiKey: string;
	process: Background;
	/** GET /__fake/result/<id>: what the storage host serves for that job (`art`: a track's album art). */
	result(id: string, file?: 'art'): Promise<{ size: number; sha256: string }>;
	stats(): Promise<Record<string, unknown>>;
	/** POST /__fake/fail: the next `times` requests matching `match` get `fault`. */
	failNext(match: Record<string, string>, fault: Record<string, unknown>, times: number): Promise<void>;
	/** GET /__fake/requests: what the fake received (method, path, status, small bodies as text). */
	requests(origin: 'api' | 'storage'): Promise<Array<{ method: string; path: string; status: number; bodyText?: string }>>;
	/** POST /upload as a client would: the public URL of the uploaded bytes. */
	upload(bytes: Buffer, contentType: string, fileName: string): Promise<string>;
	stop(): Promise<void>;
}

export async function startFake(repo: string, nodeBinary: string, options: Record<string, unknown>): Promise<FakeProcess> {
	const background = startBackground(nodeBinary, [
		path.join(repo, 'node_modules', 'ts-node', 'dist', 'bin.js'),
		'--transpile-only',
		path.join(repo, 'test', 'fake-rawugc', 'cli.tsx'),
		JSON.stringify({ maxLifetimeSeconds: 1800, ...options }),
	], { cwd: repo });
	const started = JSON.parse(await background.firstLine) as { baseUrl: string; storageOrigin: string; apiKey: string };
	const controlUrl = (route: string) => new URL(`/__fake/${route}`, started.baseUrl).toString();
	const getJson = async (route: string) => {
		const response = await fetch(controlUrl(route));
		if (!response.ok) throw new Error(`GET ${route} on the fake answered ${response.status}: ${await response.text()}`);
		return (await response.json()) as Record<string, unknown>;
	};
	return {
		...started,
		process: background,
		result: async (id, file) =>
			(await getJson(`result/${encodeURIComponent(id)}${file ? `?file=${file}` : ''}`)) as { size: number; sha256: string },
		stats: async () => await getJson('stats'),
		async failNext(match, fault, times) {
			const response = await fetch(controlUrl('fail'), { method: 'POST', body: JSON.stringify({ match, fault, times }) });
			if (!response.ok) throw new Error(`POST fail on the fake answered ${response.status}: ${await response.text()}`);
		},
		requests: async (origin) => (await getJson(`requests?origin=${origin}`)) as never,
		async upload(bytes, contentType, fileName) {
			const form = new FormData();
			form.append('file', new Blob([bytes], { type: contentType }), fileName);
			const response = await fetch(`${started.baseUrl}/upload`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${started.apiKey}` },
				body: form,
			});
			const body = (await response.json()) as { url?: string };
			if (!response.ok || !body.url) throw new Error(`upload to the fake failed (${response.status}): ${JSON.stringify(body)}`);
			return body.url;
		},
		stop: async () => await background.stop(),
	};
}
