import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { RawUgcApi } from '../transport/api';
import { errorItem } from './output';
import { settle } from './settle';

/**
 * Operations that make one plain request per item (get, list, change, delete): every item's
 * input is read and checked before the first request, then the requests go one after the
 * other through the key's pacer. Each item gives any number of output items, paired with it;
 * with "Continue" a failed item becomes an error item and the others carry on.
 */
export async function runPerItem<Plan>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	read: (ctx: IExecuteFunctions, itemIndex: number) => Plan,
	call: (api: RawUgcApi, plan: Plan, itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const continueOnFail = ctx.continueOnFail();
	const plans = items.map((_, itemIndex) => {
		try {
			return { ok: true as const, plan: read(ctx, itemIndex) };
		} catch (error) {
			if (!continueOnFail) throw error as NodeOperationError;
			return { ok: false as const, error };
		}
	});
	const api = await RawUgcApi.connect(ctx);
	const output: INodeExecutionData[] = [];
	for (const [itemIndex, planned] of plans.entries()) {
		const answered = planned.ok ? await settle(call(api, planned.plan, itemIndex)) : planned;
		if (!answered.ok && !continueOnFail) throw answered.error as NodeApiError;
		if (!answered.ok) {
			output.push(errorItem(answered.error, itemIndex));
			continue;
		}
		const jsons = Array.isArray(answered.value) ? answered.value : [answered.value];
		output.push(...jsons.map((json) => ({ json, pairedItem: { item: itemIndex } })));
	}
	return output;
}
