import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as file from './actions/file';
import * as image from './actions/image';
import * as video from './actions/video';
import { getCharacters } from './actions/video/characters';
import * as music from './actions/music';
import * as socialAccount from './actions/socialAccount';
import { getSocialAccounts } from './actions/socialAccount/accounts';
import * as socialPost from './actions/socialPost';
import { router } from './actions/router';
import { withRetryMemory } from './helpers/retryMemory';

export class RawUgc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RawUGC',
		name: 'rawUgc',
		icon: { light: 'file:rawugc.svg', dark: 'file:rawugc.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Generate images, videos and music with RawUGC (nano banana, Sora 2, Veo 3, Kling, Suno), as binary data, and post videos to TikTok, Instagram and YouTube',
		defaults: { name: 'RawUGC' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'rawUgcApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'File', value: 'file' },
					{ name: 'Image', value: 'image' },
					{ name: 'Music', value: 'music' },
					{ name: 'Social Account', value: 'socialAccount' },
					{ name: 'Social Post', value: 'socialPost' },
					{ name: 'Video', value: 'video' },
				],
				default: 'image',
			},
			...image.description,
			...video.description,
			...file.description,
			...music.description,
			...socialAccount.description,
			...socialPost.description,
		],
	};

	methods = { loadOptions: { getCharacters, getSocialAccounts } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// n8n's Retry On Fail runs the node again: what an earlier try paid for is carried on.
		return await withRetryMemory(this, async () => await router.call(this));
	}
}
