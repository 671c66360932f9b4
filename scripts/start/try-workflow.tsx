// What `npm start` imports: the "Try RawUGC" workflow, and the examples pointed at its credential.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { CREDENTIAL_TYPE, NODE_TYPE, type WorkflowFile } from '../../test/e2e/workflows';

export const START_CREDENTIAL = { id: 'startRawUgcCred1', name: 'RawUGC account' };
export const TRY_WORKFLOW_ID = 'startTryRawUgc01';
export const TRY_WEBHOOK_PATH = 'rawugc-try';
const DEFAULT_PROMPT = 'A cosy reading nook by a rainy window, a cat asleep on a stack of books, watercolour';

/**
 * Click "Execute workflow" in the editor (an image, a video and a soundtrack for one prompt), or
 * GET /webhook/rawugc-try?prompt=... once it is published (the image alone, answered as JSON).
 */
export const tryWorkflow: WorkflowFile = {
	id: TRY_WORKFLOW_ID,
	name: 'Try RawUGC: generate an image',
	active: false,
	nodes: [
		{
			id: 'a1e0c0de-0001-4a6b-9c1d-000000000001',
			name: 'Click to try',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'a1e0c0de-0001-4a6b-9c1d-000000000002',
			name: 'GET /webhook/rawugc-try',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 200],
			webhookId: 'a1e0c0de-0001-4a6b-9c1d-0000000000ff',
			parameters: { httpMethod: 'GET', path: TRY_WEBHOOK_PATH, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
		},
		{
			id: 'a1e0c0de-0001-4a6b-9c1d-000000000003',
			name: 'Generate an image',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [260, 100],
			parameters: {
				resource: 'image',
				operation: 'generate',
				model: 'nano-banana-2',
				prompt: `={{ $json.query?.prompt || ${JSON.stringify(DEFAULT_PROMPT)} }}`,
				aspectRatio: '16:9',
				resolution: '1K',
				waitForCompletion: true,
			},
			credentials: { [CREDENTIAL_TYPE]: START_CREDENTIAL },
		},
		{
			id: 'a1e0c0de-0001-4a6b-9c1d-000000000004',
			name: 'Generate a video',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [260, -100],
			parameters: {
				resource: 'video',
				operation: 'generate',
				model: 'sora-2-text-to-video',
				prompt: `={{ ${JSON.stringify(DEFAULT_PROMPT)} }}`,
				orientation: 'landscape',
				nFrames: '10',
				waitForCompletion: true,
			},
			credentials: { [CREDENTIAL_TYPE]: START_CREDENTIAL },
		},
		{
			id: 'a1e0c0de-0001-4a6b-9c1d-000000000005',
			name: 'Generate a soundtrack',
			type: NODE_TYPE,
			typeVersion: 1,
			position: [260, -300],
			parameters: {
				resource: 'music',
				operation: 'generate',
				prompt: 'Gentle rain and a soft piano, calm, for a reading nook video',
				model: 'V5',
				instrumental: true,
				waitForCompletion: true,
			},
			credentials: { [CREDENTIAL_TYPE]: START_CREDENTIAL },
		},
	],
	connections: {
		'Click to try': {
			main: [
				[
					{ node: 'Generate an image', type: 'main', index: 0 },
					{ node: 'Generate a video', type: 'main', index: 0 },
					{ node: 'Generate a soundtrack', type: 'main', index: 0 },
				],
			],
		},
		'GET /webhook/rawugc-try': { main: [[{ node: 'Generate an image', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	pinData: {},
};

/** examples/*.json, their RawUGC nodes using the start credential (other services keep their placeholders). */
export function examplesWithStartCredential(repo: string): Array<Record<string, unknown>> {
	const dir = path.join(repo, 'examples');
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const workflow = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as { nodes: Array<Record<string, unknown>> };
			for (const node of workflow.nodes) {
				const credentials = node.credentials as Record<string, unknown> | undefined;
				if (credentials?.[CREDENTIAL_TYPE]) credentials[CREDENTIAL_TYPE] = START_CREDENTIAL;
			}
			return workflow;
		});
}
