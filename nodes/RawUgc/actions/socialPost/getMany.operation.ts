import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../helpers/listLimit';
import { jobJson } from '../../helpers/output';
import { inputError, readBoolean } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/perItem';
import { POST } from '../../kinds/post';
import { readJobPage } from '../../kinds/read';
import { entriesOf, walkPages } from '../../transport/pager';
import { readDateBound } from './times';

const MAX_LIMIT = 100;

const properties: INodeProperties[] = [
	{
		displayName: 'From Date',
		name: 'fromDate',
		type: 'dateTime',
		default: '',
		description: 'Optional: only posts from this time on (read in the workflow’s time zone unless it carries an offset)',
	},
	{
		displayName: 'To Date',
		name: 'toDate',
		type: 'dateTime',
		default: '',
		description: 'Optional: only posts up to this time',
	},
	{
		displayName: 'Include Drafts',
		name: 'includeDrafts',
		type: 'boolean',
		default: false,
		description: 'Whether to list drafts too',
	},
	...returnAllAndLimit(MAX_LIMIT),
];

export const description = updateDisplayOptions({ show: { resource: ['socialPost'], operation: ['getMany'] } }, properties);

interface PostQuery {
	qs: IDataObject;
	limit?: number;
}

function readQuery(ctx: IExecuteFunctions, itemIndex: number): PostQuery {
	const qs: IDataObject = { includeDrafts: readBoolean(ctx, itemIndex, 'includeDrafts', false) };
	const fromDate = readDateBound(ctx, itemIndex, 'fromDate');
	const toDate = readDateBound(ctx, itemIndex, 'toDate');
	if (fromDate !== undefined) qs.fromDate = fromDate;
	if (toDate !== undefined) qs.toDate = toDate;
	if (fromDate !== undefined && toDate !== undefined && fromDate > toDate) throw inputError(ctx, itemIndex, 'toDate', 'must not be before fromDate');
	if (readBoolean(ctx, itemIndex, 'returnAll', false)) return { qs };
	const limit = Number(ctx.getNodeParameter('limit', itemIndex, 50));
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw inputError(ctx, itemIndex, 'limit', `must be a whole number from 1 to ${MAX_LIMIT}`);
	return { qs, limit };
}

/** Posts in a date range, one item each (the API answers the whole range at once). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, readQuery, async (api, query, itemIndex) => {
		// Not paged: one answer holds the whole range.
		const walk = await walkPages(api, {
			path: POST.path,
			qs: query.qs,
			pageParam: false,
			what: 'listing the posts',
			context: { itemIndex },
			read: (body) => readJobPage(POST, body),
		});
		const posts = entriesOf(walk).map((post) => jobJson(POST, post));
		return query.limit === undefined ? posts : posts.slice(0, query.limit);
	});
}
