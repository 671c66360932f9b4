/** The RawUGC API routes (below /api/v1), as rawugc-api.md describes them. */
import { randomBytes } from 'crypto';
import type { FakeRawUgc } from './index';
import { type Answer, jsonAnswer, problemAnswer } from './http-util';
import { jobView, newJob, shapeForVersion } from './jobs';
import { boundaryOf, parseMultipart } from './multipart';
import { problem, validationProblem } from './problem';
import { API_VERSIONS, type ApiVersion, type JobStatus, type RecordedRequest } from './types';
import { COST, validateGenerate } from './validate';

export const API_PREFIX = '/api/v1';

const UPLOAD_TYPES: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/webp': 'webp',
	'video/mp4': 'mp4',
	'video/quicktime': 'mov',
	'video/webm': 'webm',
};
const STATUSES: JobStatus[] = ['pending', 'processing', 'completed', 'failed'];

export interface ApiContext {
	record: RecordedRequest;
	/** Bytes received in all (the recorded body is capped). */
	bodySize: number;
}

/** Route label for stats: method and path with ids replaced. */
export function routeLabel(method: string, path: string): string {
	if (!path.startsWith(`${API_PREFIX}/`)) return `${method} ${path}`;
	const route = path.slice(API_PREFIX.length);
	if (route !== '/images/generate' && /^\/images\/[^/]+$/.test(route)) return `${method} /images/{id}`;
	return `${method} ${route}`;
}

function bearerToken(authorization: string | undefined): { kind: 'missing' | 'empty' | 'other' | 'bearer'; token: string } {
	if (authorization === undefined) return { kind: 'missing', token: '' };
	const match = /^Bearer(?:\s+(.*))?$/i.exec(authorization.trim());
	if (!match) return { kind: authorization.trim() ? 'other' : 'empty', token: authorization };
	const token = (match[1] ?? '').trim();
	return { kind: token ? 'bearer' : 'empty', token };
}

export function handleApi(fake: FakeRawUgc, { record, bodySize }: ApiContext): Answer {
	const instance = record.path;
	const requested = record.headers['rawugc-version'];
	const honoured = !fake.ignoreVersionHeader && API_VERSIONS.includes(requested as ApiVersion);
	const version: ApiVersion = honoured ? (requested as ApiVersion) : fake.pinnedVersion;
	const auth = bearerToken(record.headers.authorization);
	const rate = fake.window.take(auth.token || 'anonymous');
	const headers = { ...rate.headers, 'RawUGC-Version': version };
	const fail = (status: number, type: string, detail: string, errors?: Record<string, string[]>) =>
		problemAnswer(problem(status, type, detail, instance, { errors }), headers);

	if (!rate.allowed) {
		return fail(429, 'rate_limit_exceeded', `Rate limit of ${fake.window.limit} requests per ${fake.window.windowMs / 1000} seconds exceeded.`);
	}
	if (auth.kind === 'missing') return fail(401, 'missing_authentication', 'The Authorization header is missing.');
	if (auth.kind === 'empty') return fail(401, 'empty_api_key', 'The API key is empty.');
	if (auth.kind === 'other') return fail(401, 'authentication_error', 'Use the Authorization: Bearer <API key> scheme.');
	if (auth.token !== fake.apiKey) return fail(401, 'invalid_api_key', 'The API key is invalid.');
	if (requested !== undefined && !API_VERSIONS.includes(requested as ApiVersion)) {
		return problemAnswer(
			validationProblem({ 'RawUGC-Version': [`Unknown version. Expected one of ${API_VERSIONS.join(', ')}`] }, instance),
			headers,
		);
	}

	const route = record.path.startsWith(`${API_PREFIX}/`) ? record.path.slice(API_PREFIX.length) : undefined;
	const method = record.method;
	if (route === '/images/generate') {
		return method === 'POST' ? generate(fake, record, version, headers) : fail(405, 'method_not_allowed', `${method} is not allowed here.`);
	}
	if (route === '/images') {
		return method === 'GET' ? list(fake, record, version, headers) : fail(405, 'method_not_allowed', `${method} is not allowed here.`);
	}
	if (route === '/upload') {
		return method === 'POST' ? upload(fake, record, bodySize, headers) : fail(405, 'method_not_allowed', `${method} is not allowed here.`);
	}
	const byId = route && /^\/images\/([^/]+)$/.exec(route);
	if (byId) {
		if (method !== 'GET') return fail(405, 'method_not_allowed', `${method} is not allowed here.`);
		const job = fake.findJob(decodeURIComponent(byId[1]));
		if (!job) return fail(404, 'not_found', `Image ${byId[1]} was not found.`);
		return jsonAnswer(200, jobView(job, version, fake.storageOrigin), headers);
	}
	return fail(404, 'not_found', `No route for ${method} ${record.path}.`);
}

function generate(fake: FakeRawUgc, record: RecordedRequest, version: ApiVersion, headers: Record<string, string>): Answer {
	let body: unknown;
	try {
		body = JSON.parse(record.body.toString('utf8'));
	} catch {
		return problemAnswer(validationProblem({ body: ['Invalid JSON'] }, record.path), headers);
	}
	const checked = validateGenerate(body);
	if (!checked.ok) return problemAnswer(validationProblem(checked.errors, record.path), headers);
	const request = checked.value;
	const cost = COST[request.model];
	if (fake.balance < cost) {
		return problemAnswer(
			problem(402, 'insufficient_credits', `This request requires ${cost} credits, but you have ${fake.balance} available.`, record.path),
			headers,
		);
	}
	fake.balance -= cost;
	const job = newJob(request, {
		creditsUsed: cost,
		durationMs: fake.nextJobDuration(),
		willFail: fake.shouldFail(request.prompt),
		resultBytes: fake.resultSize,
		now: Date.now(),
	});
	fake.jobs.set(job.imageId, job);
	const view = {
		imageId: job.imageId,
		model: job.model,
		status: 'pending',
		creditsUsed: cost,
		newBalance: fake.balance,
		estimatedCompletionTime: fake.estimatedCompletionTime,
		createdAt: job.createdAt,
	};
	return jsonAnswer(201, shapeForVersion(view, job, version), headers);
}

function list(fake: FakeRawUgc, record: RecordedRequest, version: ApiVersion, headers: Record<string, string>): Answer {
	const errors: Record<string, string[]> = {};
	const { status, limit: limitText, page: pageText } = record.query;
	if (status !== undefined && !STATUSES.includes(status as JobStatus)) {
		errors.status = [`Invalid enum value. Expected ${STATUSES.map((s) => `'${s}'`).join(' | ')}, received '${status}'`];
	}
	const integer = (text: string | undefined, fallback: number, min: number, max: number, field: string) => {
		if (text === undefined) return fallback;
		const value = Number(text);
		if (!/^\d+$/.test(text) || value < min || value > max) errors[field] = [`Expected an integer from ${min} to ${max}`];
		return value;
	};
	const limit = integer(limitText, 20, 1, 100, 'limit');
	const page = integer(pageText, 1, 1, Number.MAX_SAFE_INTEGER, 'page');
	if (Object.keys(errors).length) return problemAnswer(validationProblem(errors, record.path), headers);

	const now = Date.now();
	const views = [...fake.jobs.values()]
		.reverse() // insertion order is oldest first
		.map((job) => jobView(job, version, fake.storageOrigin, now))
		.filter((view) => status === undefined || view.status === status);
	const images = views.slice((page - 1) * limit, page * limit);
	return jsonAnswer(
		200,
		{ images, pagination: { total: views.length, page, pageSize: limit, hasMore: page * limit < views.length } },
		headers,
	);
}

function upload(fake: FakeRawUgc, record: RecordedRequest, bodySize: number, headers: Record<string, string>): Answer {
	const invalid = (field: string, message: string) => problemAnswer(validationProblem({ [field]: [message] }, record.path), headers);
	const boundary = boundaryOf(record.headers['content-type']);
	if (!boundary) return invalid('file', 'Expected a multipart/form-data body with a boundary');
	if (bodySize > record.body.length) {
		return invalid('file', `File is larger than the ${fake.maxUploadBytes} byte limit`);
	}
	let parts;
	try {
		parts = parseMultipart(record.body, boundary);
	} catch (error) {
		return invalid('file', `Malformed multipart body: ${(error as Error).message}`);
	}
	const file = parts.find((part) => part.name === 'file');
	if (!file) return invalid('file', 'Required');
	const contentType = (file.contentType ?? '').split(';')[0].trim().toLowerCase();
	const ext = UPLOAD_TYPES[contentType];
	if (!ext) {
		return invalid('file', `Unsupported content type '${contentType || 'none'}'. Expected one of ${Object.keys(UPLOAD_TYPES).join(', ')}`);
	}
	if (file.data.length > fake.maxUploadBytes) return invalid('file', `File is larger than the ${fake.maxUploadBytes} byte limit`);
	const bytes = Buffer.from(file.data);
	const url = `${fake.storageOrigin}/uploads/upl_${randomBytes(8).toString('hex')}.${ext}`;
	fake.uploads.push({ fileName: file.fileName ?? '', contentType, bytes, url });
	return jsonAnswer(200, { url, contentType, size: bytes.length }, headers);
}
