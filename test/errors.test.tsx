/**
 * API errors (RFC 7807) as clear n8n errors: plain words, the HTTP code, and never the key,
 * wherever the error, the output or the logs could show it.
 */
import { NodeApiError } from 'n8n-workflow';

import type { ProblemFault } from './fake-rawugc';
import { withFake } from './support/fake';
import { generateParameters } from './support/parameters';
import { apiRoutes } from './support/requests';
import { runNode } from './support/run';
import { expectSecretNowhere } from './support/secrets';

const SUBMIT = { method: 'POST', path: '/images/generate' };
const LOOK = { method: 'GET', path: /^\/api\/v1\/images\/img_[0-9a-f]+$/ };

describe('API errors on submit', () => {
	const handle = withFake();

	const cases: Array<[string, ProblemFault, RegExp, string]> = [
		['401 authentication_error', { status: 401, type: 'authentication_error' }, /API key was refused \(authentication_error\).*credential/, '401'],
		['401 missing_authentication', { status: 401, type: 'missing_authentication' }, /API key was refused \(missing_authentication\)/, '401'],
		['401 verification_failed', { status: 401, type: 'verification_failed' }, /API key was refused \(verification_failed\)/, '401'],
		['403 insufficient_scope', { status: 403, type: 'insufficient_scope', detail: 'This key cannot generate images.' }, /not allowed.*insufficient_scope.*cannot generate images/, '403'],
		[
			'400 validation_error with errors',
			{ status: 400, type: 'validation_error', detail: 'The request is invalid.', errors: { prompt: ['Too spicy'], imageUrls: ['Unreachable'] } },
			/rejected the request: prompt: Too spicy; imageUrls: Unreachable/,
			'400',
		],
		['404 not_found', { status: 404, type: 'not_found', detail: 'No such route.' }, /not found/, '404'],
	];

	it.each(cases)('%s is a plain error with its httpCode and without the key', async (_, fault, message, httpCode) => {
		const { fake } = handle;
		fake.failNext(SUBMIT, fault);
		const result = await runNode(handle, { parameters: generateParameters() });

		const error = result.error as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(message);
		expect(error.httpCode).toBe(httpCode);
		expect(apiRoutes(fake)).toEqual(['POST /images/generate']); // never sent again
		expectSecretNowhere(result, fake.apiKey);
	});

	it('402 insufficient_credits gives the numbers the API gave', async () => {
		const { fake } = handle;
		fake.balance = 3;
		const result = await runNode(handle, { parameters: generateParameters() });

		const error = result.error as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/^Not enough RawUGC credits/);
		expect(error.message).toContain('requires 4 credits');
		expect(error.message).toContain('you have 3 available');
		expect(error.httpCode).toBe('402');
		expect(fake.jobs.size).toBe(0);
		expectSecretNowhere(result, fake.apiKey);
	});

	it('with Continue, an API error is an error item with pairedItem', async () => {
		const { fake } = handle;
		fake.failNext(SUBMIT, { status: 403, type: 'insufficient_scope' });
		const result = await runNode(handle, { parameters: generateParameters(), continueOnFail: true });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[0].json.error).toEqual(expect.stringContaining('not allowed'));
		expectSecretNowhere(result, fake.apiKey);
	});
});

describe('a wrong API key', () => {
	const handle = withFake();
	const WRONG_KEY = 'rug_live_wrong_5ecret_key_value';

	it('is a 401 invalid_api_key error that says to check the credential, without either key', async () => {
		const result = await runNode(handle, { parameters: generateParameters(), apiKey: WRONG_KEY });

		const error = result.error as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/API key was refused \(invalid_api_key\): check the RawUGC credential/);
		expect(error.httpCode).toBe('401');
		expect(handle.fake.apiRequests()[0].headers.authorization).toBe(`Bearer ${WRONG_KEY}`);
		expectSecretNowhere(result, WRONG_KEY);
		expectSecretNowhere(result, handle.fake.apiKey);
	});

	it('an empty key is a 401 empty_api_key error', async () => {
		const result = await runNode(handle, { parameters: generateParameters(), apiKey: '' });

		const error = result.error as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/API key was refused \(empty_api_key\)/);
		expect(error.httpCode).toBe('401');
	});
});

describe('errors while waiting', () => {
	const handle = withFake();

	it('404 on the status look names the imageId', async () => {
		const { fake } = handle;
		fake.failNext(LOOK, { status: 404, type: 'not_found' });
		const result = await runNode(handle, { parameters: generateParameters() });

		const error = result.error as NodeApiError;
		const [job] = [...fake.jobs.values()];
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/no image .* \(not found\)/);
		expect(error.message).toContain(job.imageId);
		expect(error.httpCode).toBe('404');
		expect(error.context.imageId).toBe(job.imageId);
		expectSecretNowhere(result, fake.apiKey);
	});

	it('500 on the status look is retried, then a server error naming the imageId', async () => {
		const { fake } = handle;
		fake.failNext(LOOK, { status: 500, type: 'internal_error', detail: 'Database unavailable.' }, 100);
		const result = await runNode(handle, { parameters: generateParameters() });

		const error = result.error as NodeApiError;
		const [job] = [...fake.jobs.values()];
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/^RawUGC server error \(500\): Database unavailable\./);
		expect(error.message).toContain(job.imageId);
		expect(error.httpCode).toBe('500');
		const looks = apiRoutes(fake).filter((route) => route === 'GET /images/{id}');
		expect(looks.length).toBe(5); // the first try and 4 retries
		expectSecretNowhere(result, fake.apiKey);
	});

	it('a 500 that clears up during the retries is not an error', async () => {
		const { fake } = handle;
		fake.failNext(LOOK, { status: 500, type: 'internal_error' }, 1);
		const result = await runNode(handle, { parameters: generateParameters() });

		expect(result.error).toBeUndefined();
		expect(await result.readBinary(result.items[0])).toEqual(fake.resultBytes(result.items[0].json.imageId as string));
	});
});

describe('a 429', () => {
	// A one-second window, so the wait until X-RateLimit-Reset is short.
	const handle = withFake({ rateLimit: { limit: 1000, windowMs: 1000 } });

	it('is waited out: the submit goes again once and the image arrives', async () => {
		const { fake } = handle;
		fake.failNext(SUBMIT, { status: 429, type: 'rate_limit_exceeded' });
		const result = await runNode(handle, { parameters: generateParameters() });

		expect(result.error).toBeUndefined();
		const submits = fake.apiRequests().filter((request) => request.method === 'POST');
		expect(submits.map((request) => request.status)).toEqual([429, 201]);
		expect(fake.jobs.size).toBe(1);
		expect(await result.readBinary(result.items[0])).toEqual(fake.resultBytes(result.items[0].json.imageId as string));
		expectSecretNowhere(result, fake.apiKey);
	});

	it('that lasts past Max Wait Time is a rate-limit error in plain words', async () => {
		const { fake } = handle;
		fake.failNext(SUBMIT, { status: 429, type: 'rate_limit_exceeded' }, 100);
		// The reset is 1-2 s away; Max Wait Time 1 s runs out first.
		const result = await runNode(handle, { parameters: generateParameters({ options: { maxWaitTime: 1 } }) });

		const error = result.error as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/rate limit/i);
		expect(error.httpCode).toBe('429');
		expect(fake.jobs.size).toBe(0);
		expectSecretNowhere(result, fake.apiKey);
	});
});
