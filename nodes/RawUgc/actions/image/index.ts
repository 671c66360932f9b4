import type { INodeProperties } from 'n8n-workflow';

import { IMAGE } from '../../kinds/image';
import { getOperation } from '../shared/get.operation';
import { getManyOperation } from '../shared/getMany.operation';
import * as generate from './generate.operation';

const get = getOperation(IMAGE);
const getMany = getManyOperation(IMAGE);

export { generate, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['image'] } },
		options: [
			{
				name: 'Generate',
				value: 'generate',
				action: 'Generate an image',
				description: 'Make a new image from a prompt, or edit images, and get it as binary data',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an image',
				description: 'Collect one image by its imageId: wait for it if still running and download it (no credits spent)',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many images',
				description: 'List your images with their status and URL, optionally only those in one status',
			},
		],
		default: 'generate',
	},
	...generate.description,
	...get.description,
	...getMany.description,
];
