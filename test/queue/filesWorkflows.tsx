// The workflows of the big-files and trigger checks: they use their own fake (big result files, no
// tight limit) through their own credential, so they neither slow nor count in the rate runs.
import { CREDENTIAL_TYPE, NODE_TYPE, RAWUGC_NODE_NAME, TRIGGER_NODE_NAME, TRIGGER_NODE_TYPE, type WorkflowFile } from '../e2e/workflows';
import { WEBHOOK_NODE_NAME } from './workflow';

export const FILES_CREDENTIAL = { id: 'queueFilesCred01', name: 'RawUGC (big files fake)' };
export const VIDEO_MB = 150;
export const IMAGE_MB = 25;
export const BIG_IMAGES = 5;

export function filesCredentialsFile(apiKey: string, baseUrl: string) {
	return [{ ...FILES_CREDENTIAL, type: CREDENTIAL_TYPE, data: { apiKey, baseUrl } }];
}

const credentials = { [CREDENTIAL_TYPE]: FILES_CREDENTIAL };

/** Webhook (answers when done, with the items' JSON) -> optional Split Out -> one RawUGC node. */
function webhookTo(id: string, path: string, rawUgc: Record<string, unknown>, split: boolean): WorkflowFile {
	const webhook = {
		id: `${id}-webhook`,
		name: WEBHOOK_NODE_NAME,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: `${id}-hook`,
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	};
	const splitOut = {
		id: `${id}-split`,
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [220, 0],
		parameters: { fieldToSplitOut: 'body.prompts', include: 'noOtherFields', options: {} },
	};
	const node = { id: `${id}-rawugc`, name: RAWUGC_NODE_NAME, type: NODE_TYPE, typeVersion: 1, position: [440, 0], parameters: rawUgc, credentials };
	const next = (name: string) => ({ main: [[{ node: name, type: 'main', index: 0 }]] });
	return {
		id,
		name: `queue mode: ${path}`,
		active: false,
		nodes: split ? [webhook, splitOut, node] : [webhook, node],
		connections: split ? { [WEBHOOK_NODE_NAME]: next('Split Out'), 'Split Out': next(RAWUGC_NODE_NAME) } : { [WEBHOOK_NODE_NAME]: next(RAWUGC_NODE_NAME) },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

export const bigVideoWorkflow = webhookTo('queueBigVideo001', 'rawugc-big-video', {
	resource: 'video',
	operation: 'generate',
	model: 'veo3_fast',
	prompt: 'A 150 MB video',
	waitForCompletion: true,
	options: { maxWaitTime: 600 },
}, false);

export const bigImagesWorkflow = webhookTo('queueBigImages01', 'rawugc-big-images', {
	resource: 'image',
	operation: 'generate',
	model: 'nano-banana-2',
	prompt: '={{ $json.prompt }}',
	waitForCompletion: true,
	options: { maxWaitTime: 600 },
}, true);

/** RawUGC Trigger on finished tracks, polling every minute (n8n's shortest). */
export const queueTriggerWorkflow: WorkflowFile = {
	id: 'queueTriggerMus1',
	name: 'queue mode: trigger on tracks',
	active: false,
	nodes: [
		{
			id: 'queueTriggerMus1-trigger',
			name: TRIGGER_NODE_NAME,
			type: TRIGGER_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'jobFinished', kinds: ['music'], statuses: ['completed'], options: {} },
			credentials,
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
	pinData: {},
};
