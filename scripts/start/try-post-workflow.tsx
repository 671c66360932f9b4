// What `npm start` imports with the simulated RawUGC only: a video, captioned, scheduled as a post.
import { DEFAULT_SOCIAL_ACCOUNTS } from '../../test/fake-rawugc/social';
import { CREDENTIAL_TYPE, NODE_TYPE, type WorkflowFile } from '../../test/e2e/workflows';
import { START_CREDENTIAL } from './try-workflow';

export const TRY_POST_WORKFLOW_ID = 'startTryRawUgcPst';

/** The simulated RawUGC's active accounts: with a real key, the user picks their own. */
const SIMULATED_ACCOUNTS = DEFAULT_SOCIAL_ACCOUNTS.filter((account) => account.isActive).map((account) => account.accountId);

const rawUgc = (id: string, name: string, x: number, parameters: Record<string, unknown>) => ({
	id: `b2f0c0de-0002-4a6b-9c1d-00000000000${id}`,
	name,
	type: NODE_TYPE,
	typeVersion: 1,
	position: [x, 0] as [number, number],
	parameters,
	credentials: { [CREDENTIAL_TYPE]: START_CREDENTIAL },
});

/**
 * Click "Execute workflow": a video is made, captioned, and scheduled for 9:00 tomorrow (the
 * workflow's time zone) to the simulated TikTok and Instagram accounts. Nothing is posted anywhere.
 */
export const tryPostWorkflow: WorkflowFile = {
	id: TRY_POST_WORKFLOW_ID,
	name: 'Try RawUGC: schedule a post (simulated accounts)',
	active: false,
	nodes: [
		{
			id: 'b2f0c0de-0002-4a6b-9c1d-000000000001',
			name: 'Click to try',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		rawUgc('2', 'Generate a video', 240, {
			resource: 'video',
			operation: 'generate',
			model: 'sora-2-text-to-video',
			prompt: 'A pair of running shoes on a sunny kitchen table, handheld selfie style',
			orientation: 'portrait',
			nFrames: '10',
			waitForCompletion: true,
			options: { download: false },
		}),
		rawUgc('3', 'Add captions', 480, { resource: 'video', operation: 'addCaptions', videoId: '={{ $json.videoId }}', options: { download: false } }),
		rawUgc('4', 'Schedule a post at 9:00 tomorrow', 720, {
			resource: 'socialPost',
			operation: 'create',
			accountIds: SIMULATED_ACCOUNTS,
			mode: 'schedule',
			videoUrl: '={{ $json.url }}',
			content: 'New drop: the running shoes you asked for #shoes',
			scheduledFor: `={{ $today.plus({ days: 1 }).set({ hour: 9 }).toFormat("yyyy-MM-dd'T'HH:mm") }}`,
			timezone: '',
			videoId: '={{ $json.videoId }}',
		}),
	],
	connections: {
		'Click to try': { main: [[{ node: 'Generate a video', type: 'main', index: 0 }]] },
		'Generate a video': { main: [[{ node: 'Add captions', type: 'main', index: 0 }]] },
		'Add captions': { main: [[{ node: 'Schedule a post at 9:00 tomorrow', type: 'main', index: 0 }]] },
	},
	settings: { executionOrder: 'v1' },
	pinData: {},
};
