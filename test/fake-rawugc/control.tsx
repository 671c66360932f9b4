/** Control endpoints (/__fake/...) so a fake running in another process can be steered and inspected. */
import type { FakeRawUgc } from './index';
import { type Answer, jsonAnswer } from './http-util';
import { jobStatus } from './jobs';
import { KIND_NAMES } from './kinds';
import type { Fault, FaultMatch, KindName, StorageMode } from './types';

export const CONTROL_PREFIX = '/__fake/';

interface WireMatch {
	method?: string;
	path?: string;
	/** JSON cannot carry a RegExp: its source goes here. */
	pathRegex?: string;
	origin?: 'api' | 'storage';
}

function parseJson(body: Buffer): Record<string, unknown> {
	if (!body.length) return {};
	return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
}

export function handleControl(fake: FakeRawUgc, method: string, path: string, query: Record<string, string>, body: Buffer): Answer {
	try {
		const route = `${method} ${path.slice(CONTROL_PREFIX.length - 1)}`;
		if (route === 'GET /stats') return jsonAnswer(200, fake.stats());
		if (route === 'GET /requests') {
			const list = fake.requests
				.filter((request) => !query.origin || request.origin === query.origin)
				.map(({ body: recorded, ...rest }) => ({
					...rest,
					bodySize: recorded.length,
					bodyText: recorded.length <= 65536 ? recorded.toString('utf8') : undefined,
				}));
			return jsonAnswer(200, list);
		}
		if (route === 'GET /jobs') {
			// Every kind (or ?kind=image|video|music), each job with its kind and current status.
			const kinds = query.kind ? [query.kind as KindName] : KIND_NAMES;
			const jobs = kinds.flatMap((kind) => [...(fake.store.byKind[kind]?.values() ?? [])].map((job) => ({ kind, ...job, status: jobStatus(job) })));
			return jsonAnswer(200, jobs);
		}
		if (route === 'GET /posts') {
			// Every social post with its current status (the API's view plus how it was asked for).
			const posts = [...fake.social.posts.values()].map((post) => ({ ...post, ...fake.social.view(post) }));
			return jsonAnswer(200, posts);
		}
		if (route === 'POST /fail') {
			const input = parseJson(body) as { match?: WireMatch; fault: Fault; times?: number };
			const { pathRegex, ...rest } = input.match ?? {};
			const match: FaultMatch = { ...rest, ...(pathRegex ? { path: new RegExp(pathRegex) } : {}) };
			fake.failNext(match, input.fault, input.times ?? 1);
			return jsonAnswer(200, { ok: true });
		}
		if (route === 'POST /storage-mode') {
			// `id` of any kind; `imageId` is the older name.
			const input = parseJson(body) as { id?: string; imageId?: string; mode: StorageMode };
			fake.setStorageMode(input.id ?? input.imageId ?? '*', input.mode);
			return jsonAnswer(200, { ok: true });
		}
		if (route === 'POST /reset') {
			const input = parseJson(body) as { jobs?: boolean; uploads?: boolean; balance?: number };
			fake.reset(input);
			return jsonAnswer(200, { ok: true });
		}
		const result = method === 'GET' && /^\/__fake\/result\/([^/]+)$/.exec(path);
		if (result) {
			// ?file=art: a track's album art instead of its audio.
			const digest = fake.resultDigest(decodeURIComponent(result[1]), query.file === 'art' ? 'art' : 'result');
			return digest ? jsonAnswer(200, digest) : jsonAnswer(404, { error: `no job ${result[1]}` });
		}
		return jsonAnswer(404, { error: `no control route ${method} ${path}` });
	} catch (error) {
		return jsonAnswer(400, { error: (error as Error).message });
	}
}
