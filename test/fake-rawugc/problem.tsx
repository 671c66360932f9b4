/** RFC 7807 problem details, shaped like RawUGC's. */

export interface Problem {
	type: string;
	title: string;
	status: number;
	detail: string;
	instance: string;
	errors?: Record<string, string[]>;
}

const TITLES: Record<string, string> = {
	authentication_error: 'Authentication Error',
	empty_api_key: 'Empty API Key',
	invalid_api_key: 'Invalid API Key',
	missing_authentication: 'Missing Authentication',
	verification_failed: 'Verification Failed',
	insufficient_scope: 'Insufficient Scope',
	validation_error: 'Validation Error',
	insufficient_credits: 'Insufficient Credits',
	not_found: 'Not Found',
	method_not_allowed: 'Method Not Allowed',
	payload_too_large: 'Payload Too Large',
	rate_limit_exceeded: 'Rate Limit Exceeded',
	internal_error: 'Internal Server Error',
};

const TYPE_BY_STATUS: Record<number, string> = {
	400: 'validation_error',
	401: 'authentication_error',
	402: 'insufficient_credits',
	403: 'insufficient_scope',
	404: 'not_found',
	405: 'method_not_allowed',
	413: 'payload_too_large',
	429: 'rate_limit_exceeded',
};

export function typeForStatus(status: number): string {
	return TYPE_BY_STATUS[status] ?? 'internal_error';
}

export function problem(
	status: number,
	type: string,
	detail: string,
	instance: string,
	extra: { title?: string; errors?: Record<string, string[]> } = {},
): Problem {
	const body: Problem = {
		type: `https://docs.rawugc.com/errors/${type}`,
		title: extra.title ?? TITLES[type] ?? type,
		status,
		detail,
		instance,
	};
	if (extra.errors) body.errors = extra.errors;
	return body;
}

export function validationProblem(errors: Record<string, string[]>, instance: string): Problem {
	const first = Object.entries(errors)[0];
	const detail = first ? `${first[0]}: ${first[1][0]}` : 'The request is invalid.';
	return problem(400, 'validation_error', `The request is invalid. ${detail}`, instance, { errors });
}
