import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItem, readLimit, returnAllAndLimit, wholeList } from '../../helpers/listLimit';
import { RawUgcApi } from '../../transport/api';

/** The plans list is answered whole; Limit keeps its first ones. */
const LIMIT = { max: 100, fallback: 50 };

const properties: INodeProperties[] = [
	{
		displayName: 'RawUGC lists each plan’s planId, scrapeId, brief and createdAt; a plan’s content comes only with Create Content Plan',
		name: 'plansNotice',
		type: 'notice',
		default: '',
	},
	...returnAllAndLimit(LIMIT.max),
];

export const description = updateDisplayOptions({ show: { resource: ['research'], operation: ['getManyContentPlans'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const api = await RawUgcApi.connect(this);
	return await perItem(this, items, (itemIndex) => readLimit(this, itemIndex, LIMIT.max, LIMIT.fallback), async (limit, itemIndex) => {
		const plans = await wholeList(api, { path: '/content-plans', listField: 'plans', what: 'listing the content plans', context: { itemIndex } });
		return limit === undefined ? plans : plans.slice(0, limit);
	});
}
