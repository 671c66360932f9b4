import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApiCall, RawUgcApi } from '../transport/api';
import { entriesOf, readListPage, walkPages } from '../transport/pager';
import { errorItem } from './output';
import { inputError, readBoolean } from './parameters';

/**
 * Return All / Limit for lists the API answers whole (`{ <plural>: [...], count }`, no pages):
 * one request per item through the pager, the limit applied here.
 */

/** Return All and Limit (default 50, n8n's convention). */
export function returnAllAndLimit(max: number): INodeProperties[] {
	return [
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
			typeOptions: { minValue: 1, maxValue: max },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** How many entries to keep: all (undefined), or the checked Limit. */
export function readLimit(ctx: IExecuteFunctions, itemIndex: number, max: number, defaultLimit: number): number | undefined {
	if (readBoolean(ctx, itemIndex, 'returnAll', false)) return undefined;
	const limit = Number(ctx.getNodeParameter('limit', itemIndex, defaultLimit));
	if (!Number.isInteger(limit) || limit < 1 || limit > max) {
		throw inputError(ctx, itemIndex, 'limit', `must be a whole number from 1 to ${max}`);
	}
	return limit;
}

/** A list RawUGC answers whole (`{ <plural>: [...], count }`), read through the one pager. */
export interface WholeList {
	path: string;
	/** The answer's array: `products`, `plans`, `results`. */
	listField: string;
	what: string;
	qs?: IDataObject;
	context?: ApiCall['context'];
	deadlineMs?: number;
}

/** The list's entries (objects only): one request, as the pager walks an unpaginated list. */
export async function wholeList(api: RawUgcApi, list: WholeList): Promise<IDataObject[]> {
	const { listField, ...request } = list;
	const walk = await walkPages(api, { ...request, pageParam: false, read: readListPage(listField) });
	return entriesOf(walk).filter((entry): entry is IDataObject => Boolean(entry) && typeof entry === 'object' && !Array.isArray(entry));
}

/**
 * Runs a read for each item: every item's input is checked before the first request, then one
 * item at a time; each entry it gives is an output item paired with it. With "Continue" a
 * failed item becomes an error item and the others carry on.
 */
export async function perItem<Query>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	read: (itemIndex: number) => Query | Promise<Query>,
	run: (query: Query, itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const continueOnFail = ctx.continueOnFail();
	const queries: Array<{ query: Query } | { error: unknown }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			queries.push({ query: await read(itemIndex) });
		} catch (error) {
			if (!continueOnFail) throw error as NodeOperationError;
			queries.push({ error });
		}
	}
	const output: INodeExecutionData[] = [];
	for (const [itemIndex, planned] of queries.entries()) {
		try {
			if ('error' in planned) throw planned.error;
			const entries = await run(planned.query, itemIndex);
			output.push(...entries.map((json) => ({ json, pairedItem: { item: itemIndex } })));
		} catch (error) {
			if (!continueOnFail) throw error as NodeApiError;
			output.push(errorItem(error, itemIndex));
		}
	}
	return output;
}
