import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/perItem';
import { SOCIAL_FORBIDDEN } from '../../kinds/post';
import { readIdParameter } from '../socialPost/ids';

const properties: INodeProperties[] = [
	{
		displayName: 'Account ID',
		name: 'accountId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. acc_abc123',
		description: 'The accountId to disconnect (Social Account > Get Many lists them)',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['socialAccount'], operation: ['delete'] } }, properties);

/** Disconnects the account; outputs `{ success, accountId }`. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		items,
		(ctx, itemIndex) => readIdParameter(ctx, itemIndex, 'accountId'),
		async (api, accountId, itemIndex) => {
			const body = (await api.request({
				method: 'DELETE',
				path: `/social/accounts/${encodeURIComponent(accountId)}`,
				what: `disconnecting account ${accountId}`,
				context: { itemIndex, forbidden: SOCIAL_FORBIDDEN },
			})) as { success?: unknown } | undefined;
			return { success: body?.success !== false, accountId };
		},
	);
}
