import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jobJson } from '../../helpers/output';
import { runPerItem } from '../../helpers/perItem';
import { POST, SOCIAL_FORBIDDEN } from '../../kinds/post';
import { readJob } from '../../kinds/read';
import { postIdField, timezoneDescription } from './descriptions';
import { readIdParameter } from './ids';
import { readScheduledFor } from './times';

const properties: INodeProperties[] = [
	postIdField,
	{
		displayName: 'Scheduled For',
		name: 'scheduledFor',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'The new time to publish, in the future, read in Timezone unless it carries an offset or Z',
	},
	{ displayName: 'Timezone', name: 'timezone', type: 'string', default: '', placeholder: 'e.g. Europe/Berlin', description: timezoneDescription },
];

export const description = updateDisplayOptions({ show: { resource: ['socialPost'], operation: ['reschedule'] } }, properties);

function readReschedule(ctx: IExecuteFunctions, itemIndex: number) {
	const postId = readIdParameter(ctx, itemIndex, 'postId');
	const times = {
		value: ctx.getNodeParameter('scheduledFor', itemIndex, '') as unknown,
		zone: ctx.getNodeParameter('timezone', itemIndex, '') as unknown,
		valueName: 'scheduledFor',
		zoneName: 'timezone',
	};
	return { postId, body: readScheduledFor(ctx, itemIndex, times) };
}

/** Moves a post to another time; outputs it after the change. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, readReschedule, async (api, { postId, body }, itemIndex) => {
		const answer = await api.request({
			method: 'POST',
			path: `${POST.path}/${encodeURIComponent(postId)}/reschedule`,
			body,
			what: 'rescheduling the post',
			context: { itemIndex, job: { idField: POST.idField, id: postId, noun: POST.noun }, forbidden: SOCIAL_FORBIDDEN },
		});
		return jobJson(POST, readJob(POST, { postId, ...(answer as object) }));
	});
}
