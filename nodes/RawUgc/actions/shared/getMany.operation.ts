import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { errorItem, jobJson } from '../../helpers/output';
import { returnAllAndLimit } from '../../helpers/listLimit';
import { inputError, readBoolean } from '../../helpers/parameters';
import type { JobKind } from '../../kinds/kind';
import { readJobOrUndefined } from '../../kinds/read';
import { JOB_STATUSES, type JobStatus } from '../../schema';
import { RawUgcApi } from '../../transport/api';
import { entriesOf, readListPage, walkPages } from '../../transport/pager';

const MAX_PAGE_SIZE = 100;

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

/**
 * `<kind> > Get Many`: lists jobs without downloading; one page per request, each paced by the
 * key's budget. One definition serves every kind.
 */
export function getManyOperation(kind: JobKind) {
	const { noun, title } = kind;
	const properties: INodeProperties[] = [
		{
			displayName: `Outputs one item per ${noun} (${kind.idField}, status, URL), without downloading: use ${title} > Get to download one. Each page of up to 100 is one of the 10 requests a minute your key allows.`,
			name: 'getManyNotice',
			type: 'notice',
			default: '',
		},
		...returnAllAndLimit(MAX_PAGE_SIZE),
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
						{ name: 'Completed', value: 'completed', description: `Finished: the URL of the ${noun} is in the result` },
						{ name: 'Failed', value: 'failed', description: 'Did not generate: failCode and failMessage say why' },
						{ name: 'Pending', value: 'pending', description: 'Accepted, not started yet' },
						{ name: 'Processing', value: 'processing', description: 'Being generated' },
					],
					default: 'completed',
					description: `Only return ${noun}s in this state`,
				},
			],
		},
	];

	/** Jobs as the API lists them, in today's field names (an entry that is not a job as it came). */
	async function listJobs(api: RawUgcApi, query: ListQuery, itemIndex: number): Promise<IDataObject[]> {
		const walk = await walkPages(api, {
			path: kind.path,
			qs: query.status ? { status: query.status } : undefined,
			pageSize: query.limit,
			what: `listing ${noun}s`,
			context: { itemIndex },
			read: readListPage(kind.listField),
			// With a Limit, the first page holds it.
			stop: () => (query.returnAll ? 'next' : 'stop'),
		});
		const jobs = entriesOf(walk).map((entry) => {
			const job = readJobOrUndefined(kind, entry);
			return job ? jobJson(kind, job) : (entry as IDataObject);
		});
		return query.returnAll ? jobs : jobs.slice(0, query.limit);
	}

	return {
		description: updateDisplayOptions({ show: { resource: [kind.name], operation: ['getMany'] } }, properties),
		/** Runs once per input item (n8n's convention for list operations); each job is one output item. */
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
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
		},
	};
}
