/**
 * Proves the engine harness itself, with a test-only probe node: requests get the
 * credential's generic auth, binary data goes through n8n's binary data service,
 * continueOnFail and cancellation behave as in n8n, and runs can overlap.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	NodeApiError,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type INodeParameters,
} from 'n8n-workflow';

import { EngineProbe, ENGINE_PROBE_TYPE } from './fixtures/EngineProbe.node';
import { EngineProbeApi } from './fixtures/EngineProbeApi.credentials';
import { runWorkflow, visibleParameters, type RunOptions } from './runWorkflow';

const SECRET_KEY = 'probe-secret-key-123';

let server: http.Server;
let baseUrl: string;
/** Called when a request to /hang arrives, with a promise of that request being dropped. */
let onHangingRequest: ((dropped: Promise<void>) => void) | undefined;

beforeAll(async () => {
	server = http.createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		if (url.pathname === '/hang') {
			// Never answered: only the client giving up ends it.
			onHangingRequest?.(once(response, 'close').then(() => undefined));
			return;
		}
		if (url.pathname === '/denied') {
			response.writeHead(401, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ title: 'Unauthorized', detail: 'Bad key' }));
			return;
		}
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end(
			JSON.stringify({
				authorization: request.headers.authorization,
				probe: url.searchParams.get('probe'),
			}),
		);
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	server.close();
	await once(server, 'close');
});

interface ProbeOptions extends Partial<RunOptions> {
	continueOnFail?: boolean;
	apiKey?: string;
	/** Stored credential values; null: no credential on the node. */
	credential?: ICredentialDataDecryptedObject | null;
}

function probe(parameters: INodeParameters, extra: ProbeOptions = {}) {
	const { continueOnFail, apiKey = SECRET_KEY, credential = { apiKey, baseUrl }, ...rest } = extra;
	return runWorkflow({
		nodeTypes: { [ENGINE_PROBE_TYPE]: new EngineProbe() },
		credentialTypes: { engineProbeApi: new EngineProbeApi() },
		nodeType: ENGINE_PROBE_TYPE,
		node: {
			parameters,
			continueOnFail,
			credentials: credential ? { engineProbeApi: credential } : undefined,
		},
		...rest,
	});
}

describe('credentials', () => {
	it('applies the generic authenticate rules, expressions resolved, to requests', async () => {
		const result = await probe({ action: 'request' });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({
			authorization: `Bearer ${SECRET_KEY}`,
			probe: String(SECRET_KEY.length),
		});
	});

	it('surfaces an HTTP failure as the NodeApiError n8n builds', async () => {
		const result = await probe({ action: 'request', path: '/denied' });

		expect(result.items).toEqual([]);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect((result.error as NodeApiError).httpCode).toBe('401');
	});
});

describe('stored credentials', () => {
	it('get the credential type defaults and have their expressions resolved', async () => {
		const result = await probe(
			{ action: 'readCredentials' },
			{ credential: { apiKey: '={{ "from-" + "expression" }}' } },
		);

		expect(result.items[0].json).toEqual({ apiKey: 'from-expression', baseUrl: 'http://127.0.0.1:9' });
	});

	it('are missing, as in n8n, when the node has none attached', async () => {
		const result = await probe({ action: 'request' }, { credential: null });

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Node does not have any credentials set');
	});
});

describe('logs', () => {
	it("records what the node logs through this.logger, metadata included", async () => {
		const result = await probe({ action: 'log' }, { items: [{ json: { hidden: 'deep-value' } }] });

		const line = result.logs.find((entry) => entry.includes('Probe log line'));
		expect(line).toContain('deep-value');
	});

	it("records n8n-core's log lines for the run", async () => {
		const result = await probe({ action: 'request' });

		expect(result.logs.some((line) => line.includes('Workflow execution started'))).toBe(true);
		expect(result.logs.some((line) => line.includes('Running node "Engine Probe" finished'))).toBe(true);
	});
});

describe('binary data', () => {
	it('stores emitted binary in the filesystem store by default and reads it back', async () => {
		const result = await probe({ action: 'emitBinary', text: 'made by the node' });

		const binary = result.items[0].binary?.data;
		expect(binary?.id).toMatch(/^filesystem-v2:/);
		expect(binary?.mimeType).toBe('text/plain');
		expect((await result.readBinary(result.items[0])).toString()).toBe('made by the node');
	});

	it('keeps emitted binary inline in default mode', async () => {
		const result = await probe({ action: 'emitBinary', text: 'inline' }, { binaryMode: 'default' });

		const binary = result.items[0].binary?.data;
		expect(binary?.id).toBeUndefined();
		expect(binary?.data).toBe(Buffer.from('inline').toString('base64'));
		expect((await result.readBinary(result.items[0], 'data')).toString()).toBe('inline');
	});

	it('hands the node incoming binary that went through the binary data service', async () => {
		const result = await probe(
			{ action: 'readBinary', binaryProperty: 'upload' },
			{
				items: [
					{ json: { n: 1 }, binary: { upload: { data: Buffer.from('first'), mimeType: 'text/plain' } } },
					{
						json: { n: 2 },
						binary: {
							upload: { data: Buffer.from('second file'), mimeType: 'text/plain', fileName: 'b.txt' },
						},
					},
				],
			},
		);

		expect(result.items.map((item) => item.json)).toEqual([
			{ text: 'first', bytes: 5 },
			{ text: 'second file', bytes: 11 },
		]);
		const startOutput = result.runData.Start[0].data?.main[0] ?? [];
		expect(startOutput[1].binary?.upload.id).toMatch(/^filesystem-v2:/);
		expect(startOutput[1].binary?.upload.fileName).toBe('b.txt');
	});
});

describe('failures', () => {
	it('reports the issues n8n refuses to start a workflow with', async () => {
		const description = new EngineProbe().description;
		const strict = new EngineProbe();
		strict.description = {
			...description,
			properties: [...description.properties, { displayName: 'Must', name: 'must', type: 'string', default: '', required: true }],
		};
		const result = await runWorkflow({
			nodeTypes: { [ENGINE_PROBE_TYPE]: strict },
			credentialTypes: { engineProbeApi: new EngineProbeApi() },
			nodeType: ENGINE_PROBE_TYPE,
			node: { parameters: { action: 'emitBinary' }, credentials: { engineProbeApi: { apiKey: 'k' } } },
		});

		expect(result.items).toEqual([]);
		expect(result.error?.name).toBe('WorkflowHasIssuesError');
		expect(result.error?.message).toContain('Parameter "Must" is required');
	});

	it('fails the run with the node error when continueOnFail is off', async () => {
		const result = await probe({ action: 'fail' });

		expect(result.items).toEqual([]);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe('Probe failed on item 0');
		expect(result.error?.description).toBe('It was asked to fail');
	});

	it('lets the node put errors in its output when continueOnFail is on', async () => {
		const result = await probe(
			{ action: 'fail' },
			{ continueOnFail: true, items: [{ json: {} }, { json: {} }] },
		);

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			{ error: 'Probe failed on item 0' },
			{ error: 'Probe failed on item 1' },
		]);
	});
});

describe('cancellation', () => {
	it('aborts the execution cancel signal, and with it the open request, when stopped', async () => {
		const controller = new AbortController();
		let requestDropped: Promise<void> | undefined;
		onHangingRequest = (dropped) => {
			requestDropped = dropped;
			controller.abort();
		};
		try {
			const result = await probe({ action: 'waitForCancel', path: '/hang' }, { signal: controller.signal });

			// The probe only returns once its cancel signal aborted the request it was waiting on.
			const probeOutput = result.runData['Engine Probe']?.[0]?.data?.main[0]?.[0]?.json;
			expect(probeOutput?.cancelled).toBe(true);
			expect(result.error?.name).toBe('ManualExecutionCancelledError');
			await expect(requestDropped).resolves.toBeUndefined();
		} finally {
			onHangingRequest = undefined;
		}
	});
});

describe('concurrent runs', () => {
	it('keep credentials and binary modes apart, and log both', async () => {
		const [withKeyOne, onDisk, inline] = await Promise.all([
			probe({ action: 'request' }, { apiKey: 'key-one' }),
			probe({ action: 'emitBinary', text: 'on disk' }, { apiKey: 'key-two' }),
			probe({ action: 'emitBinary', text: 'inline' }, { apiKey: 'key-three', binaryMode: 'default' }),
		]);

		expect(withKeyOne.items[0].json.authorization).toBe('Bearer key-one');
		expect(onDisk.items[0].binary?.data.id).toMatch(/^filesystem-v2:/);
		expect(inline.items[0].binary?.data.id).toBeUndefined();
		expect((await onDisk.readBinary(onDisk.items[0])).toString()).toBe('on disk');
		expect((await inline.readBinary(inline.items[0])).toString()).toBe('inline');
		for (const result of [withKeyOne, onDisk, inline]) {
			expect(result.logs.some((line) => line.includes('Workflow execution started'))).toBe(true);
		}
	});
});

describe('visibleParameters', () => {
	it('applies the description display rules the editor uses', () => {
		const { description } = new EngineProbe();

		expect(visibleParameters(description, { action: 'emitBinary' })).toEqual(['action', 'text']);
		expect(visibleParameters(description, {})).toEqual(['action', 'path']);
	});
});
