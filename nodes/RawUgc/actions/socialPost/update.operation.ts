import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readInstant } from '../../helpers/instant';
import { jobJson } from '../../helpers/output';
import { inputError, zodInputError } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/perItem';
import { CAPTION_MAX_LENGTH, POST, postUpdateSchema, SOCIAL_FORBIDDEN } from '../../kinds/post';
import { readJob } from '../../kinds/read';
import { accountIdsField, postIdField, timezoneDescription } from './descriptions';
import { readAccountIds, readIdParameter } from './ids';
import { readScheduledFor } from './times';

const properties: INodeProperties[] = [
	postIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			accountIdsField({ description: 'The accounts the post goes to (at least one). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.' }),
			{
				displayName: 'Caption',
				name: 'content',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: `The post’s text (up to ${CAPTION_MAX_LENGTH} characters)`,
			},
			{
				displayName: 'Scheduled For',
				name: 'scheduledFor',
				type: 'dateTime',
				default: '',
				description: 'A new time to publish, in the future',
			},
			{ displayName: 'Timezone', name: 'timezone', type: 'string', default: '', placeholder: 'e.g. Europe/Berlin', description: timezoneDescription },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['socialPost'], operation: ['update'] } }, properties);

interface Update {
	postId: string;
	body: IDataObject;
}

function readUpdate(ctx: IExecuteFunctions, itemIndex: number): Update {
	const postId = readIdParameter(ctx, itemIndex, 'postId');
	const fields = ctx.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const candidate: IDataObject = {};
	if (fields.content !== undefined) candidate.content = fields.content;
	if (fields.accountIds !== undefined) {
		const accountIds = readAccountIds(fields.accountIds);
		if (accountIds.length === 0) throw inputError(ctx, itemIndex, 'updateFields.accountIds', 'needs at least one account');
		candidate.accountIds = accountIds;
	}
	const hasTime = fields.scheduledFor !== undefined && fields.scheduledFor !== '';
	const hasZone = typeof fields.timezone === 'string' && fields.timezone.trim() !== '';
	if (hasTime) {
		const times = { value: fields.scheduledFor, zone: fields.timezone, valueName: 'updateFields.scheduledFor', zoneName: 'updateFields.timezone' };
		Object.assign(candidate, readScheduledFor(ctx, itemIndex, times));
	} else if (hasZone) {
		const zone = readInstant(Date.now(), fields.timezone, ctx.getTimezone());
		if (!zone.ok) throw inputError(ctx, itemIndex, 'updateFields.timezone', zone.problem);
		candidate.timezone = zone.zone;
	}
	if (Object.keys(candidate).length === 0) {
		throw inputError(ctx, itemIndex, 'updateFields', 'needs at least one field to change: Caption, Scheduled For, Timezone or Accounts');
	}
	const parsed = postUpdateSchema.safeParse(candidate);
	if (!parsed.success) {
		const named = Object.fromEntries(Object.keys(postUpdateSchema.shape).map((field) => [field, `updateFields.${field}`]));
		throw zodInputError(ctx, itemIndex, parsed.error, named);
	}
	return { postId, body: parsed.data as IDataObject };
}

/** Changes a post that is not out yet; outputs it after the change. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, readUpdate, async (api, update, itemIndex) => {
		const body = await api.request({
			method: 'PATCH',
			path: `${POST.path}/${encodeURIComponent(update.postId)}`,
			body: update.body,
			what: 'updating the post',
			context: { itemIndex, job: { idField: POST.idField, id: update.postId, noun: POST.noun }, forbidden: SOCIAL_FORBIDDEN },
		});
		return jobJson(POST, readJob(POST, { postId: update.postId, ...(body as object) }));
	});
}
