import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jobJson } from '../../helpers/output';
import { runPerItem } from '../../helpers/perItem';
import { POST } from '../../kinds/post';
import { readJob } from '../../kinds/read';
import { postIdField } from './descriptions';
import { readIdParameter } from './ids';

export const description = updateDisplayOptions({ show: { resource: ['socialPost'], operation: ['get'] } }, [postIdField] as INodeProperties[]);

/** One post by its postId, as RawUGC describes it now. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(
		this,
		items,
		(ctx, itemIndex) => readIdParameter(ctx, itemIndex, 'postId'),
		async (api, postId, itemIndex) => {
			const body = await api.request({
				method: 'GET',
				path: `${POST.path}/${encodeURIComponent(postId)}`,
				what: 'getting the post',
				context: { itemIndex, job: { idField: POST.idField, id: postId, noun: POST.noun } },
			});
			return jobJson(POST, readJob(POST, body));
		},
	);
}
