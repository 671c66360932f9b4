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
		options: [addCaptions.option, addOverlay.option],
		default: 'addCaptions',
	},
	...addCaptions.description,
	...addOverlay.description,
];
