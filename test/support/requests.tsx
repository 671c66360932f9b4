/** Reading what the fake received. */
import type { FakeRawUgc, RecordedRequest } from '../fake-rawugc';

/** The JSON bodies of every POST /images/generate (or of another kind's collection), in arrival order. */
export function generateBodies(fake: FakeRawUgc, collection = '/images'): Array<Record<string, unknown>> {
	return fake
		.apiRequests()
		.filter((request) => request.method === 'POST' && request.path.endsWith(`${collection}/generate`))
		.map((request) => JSON.parse(request.body.toString('utf8')) as Record<string, unknown>);
}

/** The JSON bodies of every POST /videos/generate, in arrival order. */
export function videoBodies(fake: FakeRawUgc): Array<Record<string, unknown>> {
	return generateBodies(fake, '/videos');
}

/** "METHOD /path-below-api-v1" for each API request, ids replaced by {id}. */
export function apiRoutes(fake: FakeRawUgc): string[] {
	return fake.apiRequests().map(routeOf);
}

export function routeOf(request: RecordedRequest): string {
	const path = request.path.replace(/^\/api\/v1/, '').replace(/\/(images|videos)\/(img|vid|task)_[0-9a-f]+$/, '/$1/{id}');
	return `${request.method} ${path}`;
}
