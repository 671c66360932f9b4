/** The RawUGC API (below /api/v1): auth, version and rate limit, then the route. */
import { brandRoute } from './brand';
import { characterList, findCharacter } from './characters';
import { edit, editRoute, serves } from './edits';
import { type Answer, jsonAnswer } from './http-util';
import type { FakeRawUgc } from './index';
import { generate, getOne, list } from './job-routes';
import { KIND_NAMES, KINDS } from './kinds';
import { researchRoute } from './research';
import { RouteContext } from './route-context';
import { API_VERSIONS, type ApiVersion, type RecordedRequest } from './types';
import { socialRoute } from './social';
import { upload } from './upload';
import { viralRoute } from './viral';

export const API_PREFIX = '/api/v1';

/** Path segments after a collection that are not ids. */
const NOT_IDS = new Set(['generate', 'captions', 'overlay']);

export interface ApiContext {
	record: RecordedRequest;
	/** Bytes received in all (the recorded body is capped). */
	bodySize: number;
}

/** Route label for stats: method and path with ids replaced by {id}. */
export function routeLabel(method: string, path: string): string {
	if (!path.startsWith(`${API_PREFIX}/`)) return `${method} ${path}`;
	const parts = path.slice(API_PREFIX.length + 1).split('/');
	if (parts[0] === 'social') {
		if (parts.length >= 3) parts[2] = '{id}';
	} else if (parts.length >= 2 && !NOT_IDS.has(parts[1])) parts[1] = '{id}';
	return `${method} /${parts.join('/')}`;
}

function bearerToken(authorization: string | undefined): { kind: 'missing' | 'empty' | 'other' | 'bearer'; token: string } {
	if (authorization === undefined) return { kind: 'missing', token: '' };
	const match = /^Bearer(?:\s+(.*))?$/i.exec(authorization.trim());
	if (!match) return { kind: authorization.trim() ? 'other' : 'empty', token: authorization };
	const token = (match[1] ?? '').trim();
	return { kind: token ? 'bearer' : 'empty', token };
}

export function handleApi(fake: FakeRawUgc, { record, bodySize }: ApiContext): Answer {
	const requested = record.headers['rawugc-version'];
	const honoured = !fake.ignoreVersionHeader && API_VERSIONS.includes(requested as ApiVersion);
	const version: ApiVersion = honoured ? (requested as ApiVersion) : fake.pinnedVersion;
	const auth = bearerToken(record.headers.authorization);
	const rate = fake.window.take(auth.token || 'anonymous');
	const context = new RouteContext(fake, record, version, { ...rate.headers, 'RawUGC-Version': version }, bodySize);

	if (!rate.allowed) {
		return context.fail(429, 'rate_limit_exceeded', `Rate limit of ${fake.window.limit} requests per ${fake.window.windowMs / 1000} seconds exceeded.`);
	}
	if (auth.kind === 'missing') return context.fail(401, 'missing_authentication', 'The Authorization header is missing.');
	if (auth.kind === 'empty') return context.fail(401, 'empty_api_key', 'The API key is empty.');
	if (auth.kind === 'other') return context.fail(401, 'authentication_error', 'Use the Authorization: Bearer <API key> scheme.');
	if (auth.token !== fake.apiKey) return context.fail(401, 'invalid_api_key', 'The API key is invalid.');
	if (requested !== undefined && !API_VERSIONS.includes(requested as ApiVersion)) {
		return context.invalid({ 'RawUGC-Version': [`Unknown version. Expected one of ${API_VERSIONS.join(', ')}`] });
	}
	return route(context);
}

function route(context: RouteContext): Answer {
	const { fake, record } = context;
	const method = record.method;
	const notFound = () => context.fail(404, 'not_found', `No route for ${method} ${record.path}.`);
	if (!record.path.startsWith(`${API_PREFIX}/`)) return notFound();
	const parts = record.path.slice(API_PREFIX.length + 1).split('/');
	const only = (allowed: string, handler: () => Answer) =>
		method === allowed ? handler() : context.fail(405, 'method_not_allowed', `${method} is not allowed here.`);

	if (parts.length === 1 && parts[0] === 'upload') return only('POST', () => upload(context));
	if (parts[0] === 'characters' && parts.length <= 2) {
		if (parts.length === 1) return only('GET', () => jsonAnswer(200, characterList(fake.characters), context.headers));
		const id = decodeURIComponent(parts[1]);
		return only('GET', () => {
			const character = findCharacter(fake.characters, id);
			return character ? jsonAnswer(200, character, context.headers) : context.fail(404, 'not_found', `Character ${id} was not found.`);
		});
	}
	const social = socialRoute(fake.social, context, parts);
	if (social) return social;
	const beyondGeneration = researchRoute(context, parts) ?? viralRoute(context, parts) ?? brandRoute(context, parts);
	if (beyondGeneration) return beyondGeneration;
	const editing = editRoute(parts);
	if (editing) {
		if (!serves(fake.editPaths, editing.form)) return notFound();
		return only('POST', () => edit(editing.operation, context, editing.pathId));
	}
	const kind = KIND_NAMES.find((name) => KINDS[name].collection === parts[0]);
	if (!kind || parts.length > 2) return notFound();
	if (parts.length === 1) return only('GET', () => list(kind, context));
	if (parts[1] === 'generate') return only('POST', () => generate(kind, context));
	return only('GET', () => getOne(kind, decodeURIComponent(parts[1]), context));
}
