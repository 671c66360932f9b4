import type { INodeProperties } from 'n8n-workflow';

import { VIDEO } from '../../kinds/video';
import { getOperation } from '../shared/get.operation';
import { getManyOperation } from '../shared/getMany.operation';
import { addCaptions } from './addCaptions.operation';
import { addOverlay } from './addOverlay.operation';
import * as generate from './generate.operation';

const get = getOperation(VIDEO);
const getMany = getManyOperation(VIDEO);

export { addCaptions, addOverlay, generate, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['video'] } },
		options: [
			{
				name: 'Add Captions',
				value: 'addCaptions',
				action: 'Add captions to a video',
				description: 'Add styled captions to a completed video (1 credit): outputs the new version and downloads it',
			},
			{
				name: 'Add Overlay',
				value: 'addOverlay',
				action: 'Add a text overlay to a video',
				description: 'Add a line of text over a completed video: outputs the new version and downloads it',
			},
			{
				name: 'Generate',
				value: 'generate',
				action: 'Generate a video',
				description: 'Make a video with Sora 2, Veo 3 or Kling and get it as binary data',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a video',
				description: 'Collect one video by its videoId: wait for it if still running and download it (no credits spent)',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many videos',
				description: 'List your videos with their status and URL, optionally only those in one status',
			},
		],
		default: 'generate',
	},
	...generate.description,
	...get.description,
	...getMany.description,
	...addCaptions.description,
	...addOverlay.description,
];
