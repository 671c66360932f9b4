import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPerItem } from '../../helpers/perItem';
import { SOCIAL_FORBIDDEN } from '../../kinds/post';

/** Asks RawUGC to sync the accounts from its scheduling provider; outputs `{ success }`. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		items,
		() => undefined,
		async (api, _plan, itemIndex) => {
			const body = (await api.request({
				method: 'POST',
				path: '/social/accounts',
				what: 'syncing the social accounts',
				context: { itemIndex, forbidden: SOCIAL_FORBIDDEN },
			})) as { success?: unknown } | undefined;
			return { success: body?.success !== false };
		},
	);
}
