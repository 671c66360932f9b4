import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../../helpers/perItem';
import { POST, SOCIAL_FORBIDDEN } from '../../kinds/post';
import { postIdField } from './descriptions';
import { readIdParameter } from './ids';

export const description = updateDisplayOptions({ show: { resource: ['socialPost'], operation: ['delete'] } }, [postIdField] as INodeProperties[]);

/** Deletes a post; outputs `{ success, postId }`. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		items,
		(ctx, itemIndex) => readIdParameter(ctx, itemIndex, 'postId'),
		async (api, postId, itemIndex) => {
			const body = (await api.request({
				method: 'DELETE',
				path: `${POST.path}/${encodeURIComponent(postId)}`,
				what: 'deleting the post',
				context: { itemIndex, job: { idField: POST.idField, id: postId, noun: POST.noun }, forbidden: SOCIAL_FORBIDDEN },
			})) as { success?: unknown } | undefined;
			return { success: body?.success !== false, postId };
		},
	);
}
