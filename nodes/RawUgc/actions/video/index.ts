import type { INodeProperties } from 'n8n-workflow';

import { addCaptions } from './addCaptions.operation';
import { addOverlay } from './addOverlay.operation';

export { addCaptions, addOverlay };

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
		],
		default: 'addCaptions',
	},
	...addCaptions.description,
	...addOverlay.description,
];
