import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { errorItem, jobJson } from '../../helpers/output';
import { inputError, readBoolean } from '../../helpers/parameters';
import { JOB_STATUSES, jobListSchema, jobSchema, type JobStatus } from '../../schema';
import { RawUgcApi } from '../../transport/api';

const MAX_PAGE_SIZE = 100;

const properties: INodeProperties[] = [
	{
		displayName:
			'Outputs one item per image (imageId, status, URL), without downloading: use Image > Get to download one. Each page of up to 100 is one of the 10 requests a minute your key allows.',
		name: 'getManyNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Completed', value: 'completed', description: 'Finished: the URL of the image is in the result' },
					{ name: 'Failed', value: 'failed', description: 'Did not generate: failCode and failMessage say why' },
					{ name: 'Pending', value: 'pending', description: 'Accepted, not started yet' },
					{ name: 'Processing', value: 'processing', description: 'Being generated' },
				],
				default: 'completed',
				description: 'Only return images in this state',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['image'], operation: ['getMany'] } }, properties);

interface ListQuery {
	returnAll: boolean;
	limit: number;
	status?: JobStatus;
}

function readQuery(ctx: IExecuteFunctions, itemIndex: number): ListQuery {
	const returnAll = readBoolean(ctx, itemIndex, 'returnAll', false);
	const limit = returnAll ? MAX_PAGE_SIZE : Number(ctx.getNodeParameter('limit', itemIndex, 50));
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
		throw inputError(ctx, itemIndex, 'limit', `must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
	}
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const status = filters.status;
	if (status !== undefined && status !== '' && !JOB_STATUSES.includes(status as JobStatus)) {
		throw inputError(ctx, itemIndex, 'filters.status', `must be one of: ${JOB_STATUSES.join(', ')}`);
	}
	return { returnAll, limit, status: status ? (status as JobStatus) : undefined };
}

/** Jobs as the API lists them, in today's field names; one page per request, each paced by the key's budget. */
async function listJobs(api: RawUgcApi, query: ListQuery, itemIndex: number): Promise<IDataObject[]> {
	const jobs: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const qs: IDataObject = { limit: query.limit, page };
		if (query.status) qs.status = query.status;
		const body = jobListSchema.parse(
			await api.request({ method: 'GET', path: '/images', qs, what: 'listing images', context: { itemIndex } }),
		);
		for (const raw of body.images) {
			const parsed = jobSchema.safeParse(raw);
			jobs.push(parsed.success ? jobJson(parsed.data) : (raw as IDataObject));
		}
		const more = body.pagination?.hasMore === true && body.images.length > 0;
		if (!query.returnAll) return jobs.slice(0, query.limit);
		if (!more) return jobs;
	}
}

/** Runs once per input item (n8n's convention for list operations); each job is one output item. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	// Every item's input is checked before the first request.
	const queries = items.map((_, itemIndex) => {
		try {
			return readQuery(this, itemIndex);
		} catch (error) {
			if (!this.continueOnFail()) throw error as NodeOperationError;
			return error as NodeOperationError;
		}
	});
	const api = await RawUgcApi.connect(this);
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const query = queries[itemIndex];
		try {
			if (query instanceof NodeOperationError) throw query;
			const jobs = await listJobs(api, query, itemIndex);
			output.push(...jobs.map((json) => ({ json, pairedItem: { item: itemIndex } })));
		} catch (error) {
			if (!this.continueOnFail()) throw error as NodeApiError;
			output.push(errorItem(error, itemIndex));
		}
	}
	return output;
}
