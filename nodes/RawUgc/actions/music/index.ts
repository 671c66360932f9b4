import type { INodeProperties } from 'n8n-workflow';

import { MUSIC } from '../../kinds/music';
import { getOperation } from '../shared/get.operation';
import { getManyOperation } from '../shared/getMany.operation';
import * as generate from './generate.operation';

const get = getOperation(MUSIC);
const getMany = getManyOperation(MUSIC);

export { generate, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['music'] } },
		options: [
			{
				name: 'Generate',
				value: 'generate',
				action: 'Generate a music track',
				description: 'Make a track from a prompt with Suno and get the audio as binary data (3 credits)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a music track',
				description: 'Collect one track by its musicId: wait for it if still running and download it (no credits spent)',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many music tracks',
				description: 'List your tracks with their status and URLs, optionally only those in one status',
			},
		],
		default: 'generate',
	},
	...generate.description,
	...get.description,
	...getMany.description,
];
