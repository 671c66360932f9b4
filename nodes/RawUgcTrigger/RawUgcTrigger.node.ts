import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { testEvent } from './poll/newest';
import { pollPosts } from './posts/pollPosts';
import { pollActive } from './poll/pollJobs';
import { readSettings } from './poll/settings';

export class RawUgcTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RawUGC Trigger',
		name: 'rawUgcTrigger',
		icon: { light: 'file:rawugc.svg', dark: 'file:rawugc.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "postFinished" ? "Social Post Finished" : "Job Finished: " + [].concat($parameter["kinds"]).join(", ")}}',
		description: 'Starts the workflow when a RawUGC image, video or music job finishes, or a social post is published',
		defaults: { name: 'RawUGC Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'rawUgcApi', required: true }],
		properties: [
			{
				displayName:
					'Each poll lists your newest jobs of each chosen kind: one of the 10 requests a minute your API key allows per kind, shared with the RawUGC node. Poll less often to leave more for generating.',
				name: 'pollNotice',
				displayOptions: { show: { event: ['jobFinished'] } },
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Job Finished',
						value: 'jobFinished',
						description: 'A job made after the workflow was activated (or still running then) has finished',
					},
					{
						name: 'Social Post Finished',
						value: 'postFinished',
						description: 'A post was published, or failed to publish, after the workflow was activated',
					},
				],
				default: 'jobFinished',
			},
			{
				displayName: 'Kinds',
				name: 'kinds',
				displayOptions: { show: { event: ['jobFinished'] } },
				type: 'multiOptions',
				noDataExpression: true,
				options: [
					{ name: 'Image', value: 'image' },
					{ name: 'Music', value: 'music' },
					{ name: 'Video', value: 'video' },
				],
				default: ['image', 'video', 'music'],
				description: 'Which kinds of job to watch; each costs one request per poll',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				displayOptions: { show: { event: ['jobFinished'] } },
				type: 'multiOptions',
				noDataExpression: true,
				options: [
					{ name: 'Completed', value: 'completed', description: 'The file is ready: it comes as binary data' },
					{ name: 'Failed', value: 'failed', description: 'The job did not generate: failCode and failMessage say why' },
				],
				default: ['completed'],
				description: 'Which finished jobs start the workflow',
			},
			{
				displayName:
					'Each poll lists your posts (drafts left out) with one of the 10 requests a minute your API key allows, shared with the RawUGC node.',
				name: 'postPollNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { event: ['postFinished'] } },
			},
			{
				displayName: 'Post Statuses',
				name: 'postStatuses',
				type: 'multiOptions',
				noDataExpression: true,
				options: [
					{ name: 'Failed', value: 'failed', description: 'The post did not go out' },
					{ name: 'Published', value: 'published', description: 'The post is out' },
				],
				default: ['published', 'failed'],
				description: 'Which finished posts start the workflow',
				displayOptions: { show: { event: ['postFinished'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				displayOptions: { show: { event: ['jobFinished'] } },
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Binary Property Name',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						description: 'The binary field the file goes into',
					},
					{
						displayName: 'Download File',
						name: 'download',
						type: 'boolean',
						default: true,
						description: "Whether a completed job's file (image, video or track) comes as binary data; off: only its URL",
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getNodeParameter('event', 'jobFinished') === 'postFinished') return await pollPosts(this);
		const settings = readSettings(this);
		if (this.getMode() === 'manual') return await testEvent(this, settings);
		return await pollActive(this, settings);
	}
}
