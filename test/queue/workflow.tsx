// The workflow the queue-mode run publishes: Webhook -> Split Out (one item per prompt) -> RawUGC.
// The webhook answers when the last node finished, with all its items; each call carries a tag
// that every prompt of that execution repeats, so an image can be traced to its execution.
import { CREDENTIAL, CREDENTIAL_TYPE, NODE_TYPE, RAWUGC_NODE_NAME, type WorkflowFile } from '../e2e/workflows';

export const QUEUE_WORKFLOW_ID = 'queueRawUgcHook1';
export const WEBHOOK_PATH = 'rawugc-queue';
export const WEBHOOK_NODE_NAME = 'Webhook';
export const IMAGES_PER_EXECUTION = 10;
// The fake's rate-limit window: 10 per 6 s keeps the run short; the reset header's whole seconds weigh
// ten times more on it than on the API's minute (RAWUGC_QUEUE_WINDOW_S=20 measures nearer to that).
export const WINDOW_S = Number(process.env.RAWUGC_QUEUE_WINDOW_S ?? 6);
// Room for the longest run (3 workers, 60 images) at that window.
export const MAX_WAIT_TIME_S = 90 * Math.max(1, WINDOW_S / 6);

export interface WebhookBody {
	tag: string;
	prompts: Array<{ prompt: string }>;
}

export function webhookBody(tag: string): WebhookBody {
	return {
		tag,
		prompts: Array.from({ length: IMAGES_PER_EXECUTION }, (_, index) => ({
			prompt: `[${tag}] image ${index + 1} of ${IMAGES_PER_EXECUTION}: a lighthouse at dusk`,
		})),
	};
}

export const queueWorkflow: WorkflowFile = {
	id: QUEUE_WORKFLOW_ID,
	name: 'queue mode: webhook -> 10 images',
	active: false,
	nodes: [
		{
			id: '6c1d9a52-7f0e-4b8a-9d3c-1e2f3a4b5c6d',
			name: WEBHOOK_NODE_NAME,
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: 'b7e2c4d1-3a5f-4e6b-8c9d-0f1a2b3c4d5e',
			parameters: {
				httpMethod: 'POST',
				path: WEBHOOK_PATH,
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
		},
		{
			id: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6e',
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.prompts', include: 'noOtherFields', options: {} },
		},
		{
			id: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
			name: RAWUGC_NODE_NAME,
			type: NODE_TYPE,
			typeVersion: 1,
			position: [440, 0],
			parameters: {
				resource: 'image',
				operation: 'generate',
				model: 'nano-banana-2',
				prompt: '={{ $json.prompt }}',
				aspectRatio: '1:1',
				resolution: '1K',
				outputFormat: 'png',
				waitForCompletion: true,
				// About three times what the rate limit needs for all 40 images (24-30 s): an item that
				// fails on it waited far longer than the shared budget required.
				options: { maxWaitTime: MAX_WAIT_TIME_S },
			},
			credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
		},
	],
	connections: {
		[WEBHOOK_NODE_NAME]: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
		'Split Out': { main: [[{ node: RAWUGC_NODE_NAME, type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	pinData: {},
};
