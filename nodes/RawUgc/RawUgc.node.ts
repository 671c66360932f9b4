import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as file from './actions/file';
import * as image from './actions/image';
import * as video from './actions/video';
import { getCharacters } from './actions/video/characters';
import * as music from './actions/music';
import * as records from './actions/records';
import * as research from './actions/research';
import * as viralVideo from './actions/viralVideo';
import { searchViralVideos, SEARCH_METHOD } from './actions/viralVideo/get.operation';
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
		description:
			'Generate images, videos and music with RawUGC (nano banana, Sora 2, Veo 3, Kling, Suno) as binary data, post videos to TikTok, Instagram and YouTube, research TikTok trends, plan and analyse content, and manage the brand library',
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
					{ name: 'Character', value: 'character' },
					{ name: 'File', value: 'file' },
					{ name: 'Image', value: 'image' },
					{ name: 'Messaging', value: 'messaging' },
					{ name: 'Music', value: 'music' },
					{ name: 'Persona', value: 'persona' },
					{ name: 'Product', value: 'product' },
					{ name: 'Research', value: 'research' },
					{ name: 'Social Account', value: 'socialAccount' },
					{ name: 'Social Post', value: 'socialPost' },
					{ name: 'Style', value: 'style' },
					{ name: 'Video', value: 'video' },
					{ name: 'Viral Library', value: 'viralVideo' },
				],
				default: 'image',
			},
			...image.description,
			...video.description,
			...file.description,
			...music.description,
			...socialAccount.description,
			...socialPost.description,
			...research.description,
			...viralVideo.description,
			...records.description,
		],
	};

	methods = {
		loadOptions: { getCharacters, getSocialAccounts },
		listSearch: { ...records.recordSearches, [SEARCH_METHOD]: searchViralVideos },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// n8n's Retry On Fail runs the node again: what an earlier try paid for is carried on.
		return await withRetryMemory(this, async () => await router.call(this));
	}
}
