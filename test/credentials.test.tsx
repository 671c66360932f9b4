/**
 * The rawUgcApi credential: `authenticate` puts the Bearer header on the node's requests, and
 * its `test` request, resolved as n8n resolves it and sent as declared, costs no credit.
 */
import { randomUUID } from 'node:crypto';

import { Workflow, type IHttpRequestOptions, type INode } from 'n8n-workflow';

import { RawUgcApi } from '../credentials/RawUgcApi.credentials';
import { RawUgc } from '../nodes/RawUgc/RawUgc.node';
import { EngineCredentialsHelper } from './engine/credentialsHelper';
import { EngineNodeTypes } from './engine/nodeTypes';
import { RAWUGC_CREDENTIAL_TYPE, RAWUGC_NODE_TYPE, runRawUgc } from './engine/runRawUgc';
import { withFake } from './support/fake';
import { generateParameters } from './support/parameters';
import { apiRoutes } from './support/requests';
import { runNode } from './support/run';

const handle = withFake();
const credentialType = new RawUgcApi();

/** A workflow holding the node, for resolving the credential's expressions. */
function workflowWithNode(): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: randomUUID(),
		name: 'RawUGC',
		type: RAWUGC_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new EngineNodeTypes({ [RAWUGC_NODE_TYPE]: new RawUgc() }),
	});
	return { workflow, node };
}

/** The credential's test request with its expressions resolved and `authenticate` applied, sent with fetch. */
async function sendTestRequest(stored: { apiKey: string; baseUrl: string }): Promise<Response> {
	const { workflow, node } = workflowWithNode();
	const helper = new EngineCredentialsHelper({ [RAWUGC_CREDENTIAL_TYPE]: credentialType }, {});
	const declared = credentialType.test.request;
	const resolve = (value: unknown) =>
		typeof value === 'string'
			? String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: stored }, undefined, ''))
			: value;
	const request: IHttpRequestOptions = {
		method: declared.method ?? 'GET',
		url: resolve(declared.url) as string,
		baseURL: resolve(declared.baseURL) as string,
		qs: declared.qs,
		headers: { ...declared.headers },
	};
	const authenticated = await helper.authenticate(stored, RAWUGC_CREDENTIAL_TYPE, request, workflow, node);
	const url = new URL(`${authenticated.baseURL}${authenticated.url}`);
	for (const [key, value] of Object.entries(authenticated.qs ?? {})) url.searchParams.set(key, String(value));
	return await fetch(url, { method: authenticated.method, headers: authenticated.headers as Record<string, string> });
}

describe('authenticate', () => {
	it('puts "Authorization: Bearer <apiKey>" on every API request the node makes', async () => {
		const { fake } = handle;
		const result = await runNode(handle, { parameters: generateParameters() });

		expect(result.error).toBeUndefined();
		expect(fake.apiRequests().length).toBeGreaterThanOrEqual(2);
		for (const request of fake.apiRequests()) expect(request.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
	});

	it('a base URL saved with a trailing slash still reaches the API', async () => {
		const { fake } = handle;
		const result = await runRawUgc({
			parameters: generateParameters({ waitForCompletion: false }),
			credentials: { apiKey: fake.apiKey, baseUrl: `${fake.baseUrl}/` },
		});

		expect(result.error).toBeUndefined();
		expect(fake.apiRequests()[0].path).toBe('/api/v1/images/generate');
		expect(apiRoutes(fake)).toEqual(['POST /images/generate']);
	});
});

describe('the credential test', () => {
	it('is GET /images?limit=1 with the version header and the Bearer key, and costs no credit', async () => {
		const { fake } = handle;
		const balance = fake.balance;
		const response = await sendTestRequest({ apiKey: fake.apiKey, baseUrl: `${fake.baseUrl}/` });

		expect(response.status).toBe(200);
		expect(apiRoutes(fake)).toEqual(['GET /images']);
		const [request] = fake.apiRequests();
		expect(request.path).toBe('/api/v1/images');
		expect(request.query).toEqual({ limit: '1' });
		expect(request.headers['rawugc-version']).toBe('2026-03-06');
		expect(request.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
		expect(fake.balance).toBe(balance);
		expect(fake.jobs.size).toBe(0);
	});

	it('fails with a wrong key (401), so n8n reports the credential as not working', async () => {
		const { fake } = handle;
		const response = await sendTestRequest({ apiKey: 'rug_wrong', baseUrl: fake.baseUrl });

		expect(response.status).toBe(401);
		expect(fake.apiRequests()[0].headers.authorization).toBe('Bearer rug_wrong');
	});
});
