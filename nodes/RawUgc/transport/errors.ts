import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** An RFC 7807 problem as RawUGC sends it. */
export interface Problem {
	type?: string;
	title?: string;
	status?: number;
	detail?: string;
	errors?: Record<string, string[]>;
}

export interface ErrorContext {
	itemIndex?: number;
	/** The job the request is about, named in the message and the error's context. */
	job?: { idField: string; id: string; noun: string };
	/** What a 403 (insufficient_scope) means for this request, in plain words: "This API key may not post". */
	forbidden?: string;
}

const label = (context: ErrorContext) => (context.job ? ` (${context.job.idField} ${context.job.id})` : '');

function tag(error: NodeApiError, context: ErrorContext): NodeApiError {
	if (context.job) {
		error.context[context.job.idField] = context.job.id;
		error.context.jobIdField = context.job.idField;
	}
	return error;
}

/** The last path segment of the problem's `type` URI: `invalid_api_key`, `rate_limit_exceeded`... */
export function problemType(problem: Problem): string {
	return (problem.type ?? '').split('/').filter(Boolean).pop() ?? '';
}

function fieldErrors(problem: Problem): string {
	return Object.entries(problem.errors ?? {})
		.map(([field, messages]) => `${field}: ${(messages ?? []).join(', ')}`)
		.join('; ');
}

/** Plain words for each cause the API names, whatever its `title` says. */
function plainMessage(status: number, problem: Problem, context: ErrorContext): string {
	const type = problemType(problem);
	const detail = problem.detail ? `: ${problem.detail}` : '';
	if (status === 401) return `The RawUGC API key was refused (${type || 'unauthorized'}): check the RawUGC credential`;
	if (status === 403) {
		const meaning = context.forbidden ?? 'The RawUGC API key is not allowed to do this';
		return `${meaning} (${type || 'forbidden'})${detail}`;
	}
	if (status === 402) return `Not enough RawUGC credits${detail || ' for this request'}`;
	if (status === 404) {
		return context.job
			? `RawUGC has no ${context.job.noun} ${context.job.id} for this API key (not found)`
			: `RawUGC could not find what was asked for (not found)${detail}`;
	}
	if (status === 429) return 'RawUGC rate limit reached (10 requests a minute per API key) and the wait ran out';
	if (status === 400) {
		const fields = fieldErrors(problem);
		return `RawUGC rejected the request${fields ? `: ${fields}` : detail}`;
	}
	if (status >= 500) return `RawUGC server error (${status})${detail}`;
	return `RawUGC answered ${status}${detail}`;
}

/** Turns an API error answer into an n8n error that names the cause, the item and the job. */
export function apiError(node: INode, status: number, body: unknown, context: ErrorContext = {}): NodeApiError {
	const problem: Problem = body && typeof body === 'object' ? (body as Problem) : { detail: String(body ?? '') };
	const withJob = status !== 404 ? label(context) : '';
	const jobFields = context.job ? { [context.job.idField]: context.job.id } : {};
	const error = new NodeApiError(node, { ...problem, ...jobFields } as JsonObject, {
		message: plainMessage(status, problem, context) + withJob,
		description: problem.title && problem.detail ? `${problem.title}: ${problem.detail}` : problem.detail,
		httpCode: String(status),
		itemIndex: context.itemIndex,
	});
	return tag(error, context);
}

/** A network failure (no answer at all), without the request's headers in it. */
export function networkError(node: INode, cause: unknown, what: string, context: ErrorContext = {}): NodeApiError {
	const code = String((cause as { code?: string })?.code ?? (cause as Error)?.name ?? 'network error');
	const error = new NodeApiError(node, { message: code, code } as JsonObject, { message: code, itemIndex: context.itemIndex });
	// For a common code (ECONNRESET...) n8n has put its plain words in the message. They, not the
	// code, follow what was being done: n8n swaps any message naming such a code for those words
	// alone, here and in every error made from it (a lost submit's "may have been charged" too).
	error.message = `Could not reach RawUGC for ${what}${label(context)}: ${error.message}`;
	return tag(error, context);
}
