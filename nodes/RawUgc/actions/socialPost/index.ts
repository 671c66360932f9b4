import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deletePost from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as publish from './publish.operation';
import * as reschedule from './reschedule.operation';
import * as update from './update.operation';

export { create, deletePost as delete, get, getMany, publish, reschedule, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['socialPost'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a social post',
				description: 'Post a video to TikTok, Instagram or YouTube: as a draft, scheduled, or now',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a social post', description: 'Delete a post' },
			{ name: 'Get', value: 'get', action: 'Get a social post', description: 'Get one post by its postId' },
			{ name: 'Get Many', value: 'getMany', action: 'Get many social posts', description: 'List the posts of a date range' },
			{ name: 'Publish', value: 'publish', action: 'Publish a social post', description: 'Publish a draft now' },
			{ name: 'Reschedule', value: 'reschedule', action: 'Reschedule a social post', description: 'Move a post to another time' },
			{ name: 'Update', value: 'update', action: 'Update a social post', description: 'Change the caption, time or accounts of a post' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
	...reschedule.description,
	...publish.description,
	...deletePost.description,
];
