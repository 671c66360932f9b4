// The credential and workflows the e2e run imports into n8n, as n8n's import commands read them.

export const NODE_TYPE = 'n8n-nodes-rawugc.rawUgc';
export const CREDENTIAL_TYPE = 'rawUgcApi';
export const CREDENTIAL = { id: 'e2eRawUgcCred001', name: 'RawUGC (fake)' };
export const RAWUGC_NODE_NAME = 'RawUGC';

export function credentialsFile(apiKey: string, baseUrl: string) {
	return [{ ...CREDENTIAL, type: CREDENTIAL_TYPE, data: { apiKey, baseUrl } }];
}

export interface WorkflowFile {
	id: string;
	name: string;
	active: false;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
	pinData: Record<string, unknown>;
}

/** Manual trigger -> one RawUGC node holding `parameters` (and node settings such as onError). */
export function rawUgcWorkflow(
	id: string,
	name: string,
	parameters: Record<string, unknown>,
	nodeSettings: Record<string, unknown> = {},
): WorkflowFile {
	return {
		id,
		name,
		active: false,
		nodes: [
			{
				id: '0f5532f9-36ba-4bef-86c7-30d607400b15',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a1f7e3d2-5b7c-4c59-9f0e-2d8b6c1e4a90',
				name: RAWUGC_NODE_NAME,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [260, 0],
				parameters: { resource: 'image', operation: 'generate', ...parameters },
				credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
				...nodeSettings,
			},
		],
		connections: {
			Start: { main: [[{ node: RAWUGC_NODE_NAME, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

export const textToImage = rawUgcWorkflow('e2eTextToImage01', 'e2e text to image', {
	model: 'nano-banana-2',
	prompt: 'A red bicycle leaning on a yellow wall',
	aspectRatio: '16:9',
	resolution: '1K',
	outputFormat: 'png',
	waitForCompletion: true,
	options: {},
});

export function editImage(imageUrl: string) {
	return rawUgcWorkflow('e2eEditImage0001', 'e2e edit', {
		model: 'google/nano-banana-edit',
		prompt: 'Make the bicycle blue',
		imageUrls: imageUrl,
		imageSize: '4:3',
		waitForCompletion: true,
		options: {},
	});
}

/** An empty prompt from an expression: n8n's own "required" check passes it, so the node's checks must catch it. */
export const badInput = rawUgcWorkflow('e2eBadInput00001', 'e2e bad input', {
	model: 'nano-banana-2',
	prompt: "={{ '' }}",
	waitForCompletion: true,
	options: {},
});

export const failedJobContinue = rawUgcWorkflow(
	'e2eFailContinue1',
	'e2e failed job, continue',
	{
		model: 'nano-banana-2',
		prompt: 'This one breaks [fail]',
		waitForCompletion: true,
		options: {},
	},
	{ onError: 'continueRegularOutput' },
);

/** Video > Generate with Sora 2 text to video: for the real-n8n run (its step checks the MP4 in the output). */
export const textToVideo = rawUgcWorkflow('e2eTextToVideo01', 'e2e text to video', {
	resource: 'video',
	model: 'sora-2-text-to-video',
	prompt: 'A cat skateboarding down a sunny street',
	orientation: 'landscape',
	nFrames: '10',
	waitForCompletion: true,
	options: {},
});

/** Retry On Fail on, as the editor saves it: the run's download fails on the first try. */
export const retryOnFail = rawUgcWorkflow(
	'e2eRetryOnFail01',
	'e2e retry on fail',
	{
		model: 'nano-banana-2',
		prompt: 'A lighthouse, retried once',
		waitForCompletion: true,
		options: {},
	},
	{ retryOnFail: true, maxTries: 2, waitBetweenTries: 100 },
);

export const TRIGGER_NODE_TYPE = 'n8n-nodes-rawugc.rawUgcTrigger';
export const TRIGGER_NODE_NAME = 'RawUGC Trigger';

/** RawUGC Trigger alone, polling for completed images at n8n's shortest setting (every minute). */
export const triggerWorkflow: WorkflowFile = {
	id: 'e2eTriggerImage1',
	name: 'e2e trigger: image completed',
	active: false,
	nodes: [
		{
			id: '5d3c1a2b-7e8f-4a90-b1c2-d3e4f5a6b7c8',
			name: TRIGGER_NODE_NAME,
			type: TRIGGER_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				pollTimes: { item: [{ mode: 'everyMinute' }] },
				event: 'jobFinished',
				kinds: ['image'],
				statuses: ['completed'],
				options: {},
			},
			credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
		},
	],
	connections: {},
	settings: { executionOrder: 'v1' },
	pinData: {},
};

/** A Suno track with its album art: both files must arrive byte for byte. */
export const musicTrack = rawUgcWorkflow('e2eMusicTrack001', 'e2e music track', {
	resource: 'music',
	operation: 'generate',
	prompt: 'Calm acoustic guitar for a product video',
	model: 'V5',
	instrumental: true,
	title: 'Morning Coffee',
	waitForCompletion: true,
	options: { downloadAlbumArt: true },
});

/** Research > Scrape TikTok, then Research > Create Content Plan on its scrapeId (the parameter's default). */
export const RESEARCH_PLAN_NODE_NAME = 'Content plan';
export const researchPlan: WorkflowFile = (() => {
	const workflow = rawUgcWorkflow('e2eResearchPlan1', 'e2e research plan', {
		resource: 'research',
		operation: 'scrapeTiktok',
		query: 'vitamin c serum',
		mode: 'keyword',
		limit: 3,
		options: { maxCredits: 6 },
	});
	workflow.nodes.push({
		id: 'b2c4d6e8-0a1c-4e3f-8a5b-7c9d1e3f5a70',
		name: RESEARCH_PLAN_NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [520, 0],
		parameters: {
			resource: 'research',
			operation: 'createContentPlan',
			scrapeId: '={{ $json.scrapeId }}',
			brief: 'A vitamin C serum for busy parents: three TikTok ideas',
			options: { maxCredits: 6 },
		},
		credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
	});
	workflow.connections[RAWUGC_NODE_NAME] = { main: [[{ node: RESEARCH_PLAN_NODE_NAME, type: 'main', index: 0 }]] };
	return workflow;
})();

/** Product > Create with a name, a photo URL and a description. */
export function productCreate(photoUrl: string): WorkflowFile {
	return rawUgcWorkflow('e2eProductCreate', 'e2e product create', {
		resource: 'product',
		operation: 'create',
		name: 'Glow Serum',
		photoUrls: photoUrl,
		additionalFields: { description: 'A vitamin C serum' },
	});
}
