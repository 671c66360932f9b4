import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { zodInputError } from '../../helpers/parameters';
import { claimPlan, findLostPlan, trackPlan } from '../../paid/lostPlan';
import { paidOptionsCollection, readPaidOptions } from '../../paid/options';
import type { PaidCall } from '../../paid/paidCall';
import { runPaidItems } from '../../paid/runPaid';
import { requiredText } from '../../schema';
import { PAID_ANSWER_WAIT_MS } from './scrapeTiktok.operation';

export const CONTENT_PLAN: PaidCall = {
	name: 'plan',
	noun: 'content plan',
	path: '/content-plans',
	credits: 3,
	idField: 'planId',
	findLost: findLostPlan,
	foundButGone: 'RawUGC lists the plan (Research > Get Many Content Plans) but cannot give its content again: no endpoint returns a plan. It was not asked for again, so it is not paid for twice.',
	claim: claimPlan,
	track: trackPlan,
};

const requestSchema = z.object({
	scrapeId: requiredText(200).refine((id) => !/\s/.test(id), 'must be a single ID without spaces'),
	brief: requiredText(5000),
});

const properties: INodeProperties[] = [
	{
		displayName: 'Scrape ID',
		name: 'scrapeId',
		type: 'string',
		required: true,
		default: '={{ $json.scrapeId }}',
		placeholder: 'e.g. scr_abc123',
		description: 'The scrapeId of a Research > Scrape TikTok result (by default the incoming item’s)',
	},
	{
		displayName: 'Brief',
		name: 'brief',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. A vitamin C serum for busy mornings; we want 3 video ideas for TikTok',
		description: 'What the plan is for: the product, the audience, the goal; up to 5,000 characters',
	},
	paidOptionsCollection(CONTENT_PLAN),
];

export const description = updateDisplayOptions({ show: { resource: ['research'], operation: ['createContentPlan'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPaidItems(this, items, CONTENT_PLAN, (itemIndex) => {
		const candidate = { scrapeId: this.getNodeParameter('scrapeId', itemIndex, ''), brief: this.getNodeParameter('brief', itemIndex, '') };
		const parsed = requestSchema.safeParse(candidate);
		if (!parsed.success) throw zodInputError(this, itemIndex, parsed.error);
		return { request: parsed.data, maxCredits: readPaidOptions(this, itemIndex).maxCredits, waitMs: PAID_ANSWER_WAIT_MS };
	});
}
