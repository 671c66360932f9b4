// What `npm start` imports: the two "Try RawUGC" workflows, and the examples pointed at their credential.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { CREDENTIAL_TYPE, NODE_TYPE, type WorkflowFile } from '../../test/e2e/workflows';

export const START_CREDENTIAL = { id: 'startRawUgcCred1', name: 'RawUGC account' };
export const TRY_WORKFLOW_ID = 'startTryRawUgc01';
export const TRY_WORKFLOW_NAME = 'Try RawUGC: make an image, a video and a track';
export const TRY_WEBHOOK_WORKFLOW_ID = 'startTryWebhook1';
export const TRY_WEBHOOK_WORKFLOW_NAME = 'Try RawUGC over a webhook: an image as JSON';
export const TRY_WEBHOOK_PATH = 'rawugc-try';
const DEFAULT_PROMPT = 'A cosy reading nook by a rainy window, a cat asleep on a stack of books, watercolour';

const rawUgcNode = (id: string, name: string, position: [number, number], parameters: Record<string, unknown>) => ({
	id,
	name,
	type: NODE_TYPE,
	typeVersion: 1,
	position,
	parameters,
	credentials: { [CREDENTIAL_TYPE]: START_CREDENTIAL },
});

/**
 * Its manual trigger is its only trigger, so the editor's big "Execute workflow" button runs it
 * (with a webhook beside it, n8n 2.41 set the button to the webhook): an image, a video and a track
 * for one prompt, typed as plain text.
 */
export const tryWorkflow: WorkflowFile = {
	id: TRY_WORKFLOW_ID,
	name: TRY_WORKFLOW_NAME,
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
		rawUgcNode('a1e0c0de-0001-4a6b-9c1d-000000000003', 'Generate an image', [260, -200], {
			resource: 'image',
			operation: 'generate',
			model: 'nano-banana-2',
			prompt: DEFAULT_PROMPT,
			aspectRatio: '16:9',
			resolution: '1K',
			waitForCompletion: true,
		}),
		rawUgcNode('a1e0c0de-0001-4a6b-9c1d-000000000004', 'Generate a video', [260, 0], {
			resource: 'video',
			operation: 'generate',
			model: 'sora-2-text-to-video',
			prompt: DEFAULT_PROMPT,
			orientation: 'landscape',
			nFrames: '10',
			waitForCompletion: true,
		}),
		rawUgcNode('a1e0c0de-0001-4a6b-9c1d-000000000005', 'Generate a track', [260, 200], {
			resource: 'music',
			operation: 'generate',
			prompt: 'Gentle rain and a soft piano, calm, for a reading nook video',
			model: 'V5',
			instrumental: true,
			waitForCompletion: true,
		}),
	],
	connections: {
		'Click to try': {
			main: [
				[
					{ node: 'Generate an image', type: 'main', index: 0 },
					{ node: 'Generate a video', type: 'main', index: 0 },
					{ node: 'Generate a track', type: 'main', index: 0 },
				],
			],
		},
	},
	settings: { executionOrder: 'v1' },
	pinData: {},
};

/** GET /webhook/rawugc-try?prompt=... (published by npm start): the image's job, answered as JSON. */
export const tryWebhookWorkflow: WorkflowFile = {
	id: TRY_WEBHOOK_WORKFLOW_ID,
	name: TRY_WEBHOOK_WORKFLOW_NAME,
	active: false,
	nodes: [
		{
			id: 'a1e0c0de-0002-4a6b-9c1d-000000000001',
			name: 'GET /webhook/rawugc-try',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'a1e0c0de-0001-4a6b-9c1d-0000000000ff',
			parameters: { httpMethod: 'GET', path: TRY_WEBHOOK_PATH, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
		},
		rawUgcNode('a1e0c0de-0002-4a6b-9c1d-000000000002', 'Generate an image', [260, 0], {
			resource: 'image',
			operation: 'generate',
			model: 'nano-banana-2',
			prompt: `={{ $json.query?.prompt || ${JSON.stringify(DEFAULT_PROMPT)} }}`,
			aspectRatio: '16:9',
			resolution: '1K',
			waitForCompletion: true,
		}),
	],
	connections: {
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
