import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItem, wholeList } from '../../helpers/listLimit';
import { inputError } from '../../helpers/parameters';
import { RawUgcApi } from '../../transport/api';
import { boundedNumberProperty, queryProperty } from '../common.descriptions';

const MAX_LIMIT = 50;

const properties: INodeProperties[] = [
	queryProperty('e.g. morning skincare routine with a serum', 'What you are looking for, in plain words: RawUGC ranks its analysed viral videos by meaning'),
	boundedNumberProperty('Limit', 'limit', MAX_LIMIT, 20, 'Max number of results to return'),
];

export const description = updateDisplayOptions({ show: { resource: ['viralVideo'], operation: ['search'] } }, properties);

function read(ctx: IExecuteFunctions, itemIndex: number): { q: string; limit: number } {
	const q = String(ctx.getNodeParameter('query', itemIndex, '') ?? '').trim();
	if (!q) throw inputError(ctx, itemIndex, 'query', 'is required: say what to look for');
	const limit = Number(ctx.getNodeParameter('limit', itemIndex, 20));
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw inputError(ctx, itemIndex, 'limit', `must be a whole number from 1 to ${MAX_LIMIT}`);
	return { q, limit };
}

/** One item per result: the video's fields and its `score`. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const api = await RawUgcApi.connect(this);
	return await perItem(this, items, (itemIndex) => read(this, itemIndex), async (qs, itemIndex) => {
		const results = await wholeList(api, { path: '/viral-library/search', listField: 'results', qs, what: 'searching the viral library', context: { itemIndex } });
		return results.map((result) => ({ ...((result.video as IDataObject) ?? {}), score: result.score }));
	});
}
