/** POST /{collection}/generate, GET /{collection}, GET /{collection}/{id}: one code path for every kind. */
import { type Answer, jsonAnswer } from './http-util';
import { jobStatus } from './job-core';
import { idOf, jobView, shapeForVersion } from './jobs';
import { KINDS } from './kinds';
import type { RouteContext } from './route-context';
import type { JobStatus, KindName } from './types';

const STATUSES: JobStatus[] = ['pending', 'processing', 'completed', 'failed'];

export function generate(kind: KindName, context: RouteContext): Answer {
	const { fake } = context;
	const spec = KINDS[kind];
	const body = context.jsonBody();
	if (!body.ok) return context.invalidJson();
	const checked = spec.validate(body.value, fake);
	if (!checked.ok) return context.invalid(checked.errors);
	const request = checked.value;
	const cost = spec.cost(request, fake);
	const refused = context.charge(cost);
	if (refused) return refused;
	const job = spec.create(
		request,
		{
			creditsUsed: cost,
			durationMs: fake.nextJobDuration(kind),
			willFail: fake.shouldFail(spec.promptOf(request)),
			resultBytes: fake.resultSizes[kind],
			sampleMedia: fake.sampleMedia,
			now: Date.now(),
		},
		fake,
	);
	fake.store.add(kind, job);
	const view = {
		[spec.idField]: idOf(kind, job),
		model: job.model,
		status: 'pending',
		creditsUsed: cost,
		newBalance: fake.balance,
		estimatedCompletionTime: fake.estimates[kind],
		createdAt: job.createdAt,
		...fake.submitAnswerFields,
	};
	return jsonAnswer(201, shapeForVersion(kind, view, job.legacyId, context.version), context.headers);
}

export function getOne(kind: KindName, id: string, context: RouteContext): Answer {
	const job = context.fake.store.find(kind, id);
	if (!job) return context.fail(404, 'not_found', `${KINDS[kind].noun} ${id} was not found.`);
	return jsonAnswer(200, jobView(kind, job, context.version, context.fake), context.headers);
}

/** In the fake's list order (newest first unless set), filtered by `status`, paged by `limit` and `page`. */
export function list(kind: KindName, context: RouteContext): Answer {
	const spec = KINDS[kind];
	const errors: Record<string, string[]> = {};
	const { status, limit: limitText, page: pageText } = context.record.query;
	if (status !== undefined && !STATUSES.includes(status as JobStatus)) {
		errors.status = [`Invalid enum value. Expected ${STATUSES.map((s) => `'${s}'`).join(' | ')}, received '${status}'`];
	}
	const integer = (text: string | undefined, fallback: number, min: number, max: number, field: string) => {
		if (text === undefined) return fallback;
		const value = Number(text);
		if (!/^\d+$/.test(text) || value < min || value > max) errors[field] = [`Expected an integer from ${min} to ${max}`];
		return value;
	};
	const limit = integer(limitText, spec.defaultLimit, 1, 100, 'limit');
	const page = integer(pageText, 1, 1, Number.MAX_SAFE_INTEGER, 'page');
	if (Object.keys(errors).length) return context.invalid(errors);

	const now = Date.now();
	const jobs = context.fake.store.listed(kind, context.fake.listOrder).filter((job) => status === undefined || jobStatus(job, now) === status);
	const views = jobs.slice((page - 1) * limit, page * limit).map((job) => jobView(kind, job, context.version, context.fake, now));
	return jsonAnswer(
		200,
		{ [spec.listField]: views, pagination: { total: jobs.length, page, pageSize: limit, hasMore: page * limit < jobs.length } },
		context.headers,
	);
}
