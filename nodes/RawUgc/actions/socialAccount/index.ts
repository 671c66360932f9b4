import type { INodeProperties } from 'n8n-workflow';

import * as deleteAccount from './delete.operation';
import * as getMany from './getMany.operation';
import * as sync from './sync.operation';

export { deleteAccount as delete, getMany, sync };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['socialAccount'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Disconnect a social account',
				description: 'Disconnect a TikTok, Instagram or YouTube account from RawUGC',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many social accounts',
				description: 'List the connected accounts (one item each), optionally of one platform',
			},
			{
				name: 'Sync',
				value: 'sync',
				action: 'Sync social accounts',
				description: 'Ask RawUGC to fetch the accounts connected in its scheduling provider again',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...deleteAccount.description,
];
