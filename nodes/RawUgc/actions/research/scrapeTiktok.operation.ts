import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { zodInputError } from '../../helpers/parameters';
import { paidOptionsCollection, readPaidOptions } from '../../paid/options';
import type { PaidCall } from '../../paid/paidCall';
import { runPaidItems } from '../../paid/runPaid';
import { oneOf, requiredText } from '../../schema';
import { boundedNumberProperty, queryProperty } from '../common.descriptions';

export const SCRAPE: PaidCall = { name: 'scrape', noun: 'TikTok scrape', path: '/scrape-tiktok', credits: 3, idField: 'scrapeId' };

// A scrape answers with its result; how long that takes is not documented.
export const PAID_ANSWER_WAIT_MS = 300_000;

const MODES = ['hashtag', 'keyword', 'search'] as const;
const MODE_HELP: Record<(typeof MODES)[number], string> = {
	hashtag: 'Videos under the hashtag given in Query',
	keyword: 'Videos matching the keywords',
	search: 'TikTok’s own search results for the Query',
};

const requestSchema = z.object({
	query: requiredText(500),
	mode: oneOf(MODES),
	limit: z.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(10, 'must be at most 10'),
});

const properties: INodeProperties[] = [
	queryProperty('e.g. skincare routine', 'What to look for on TikTok: keywords, a hashtag or a search, up to 500 characters'),
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: MODES.map((value) => ({ name: value.charAt(0).toUpperCase() + value.slice(1), value, description: MODE_HELP[value] })),
		default: 'keyword',
	},
	boundedNumberProperty('Limit', 'limit', 10, 10, 'Max number of results to return'),
	paidOptionsCollection(SCRAPE),
];

export const description = updateDisplayOptions({ show: { resource: ['research'], operation: ['scrapeTiktok'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPaidItems(this, items, SCRAPE, (itemIndex) => {
		const candidate = {
			query: this.getNodeParameter('query', itemIndex, ''),
			mode: this.getNodeParameter('mode', itemIndex, 'keyword'),
			limit: Number(this.getNodeParameter('limit', itemIndex, 10)),
		};
		const parsed = requestSchema.safeParse(candidate);
		if (!parsed.success) throw zodInputError(this, itemIndex, parsed.error);
		return { request: parsed.data, maxCredits: readPaidOptions(this, itemIndex).maxCredits, waitMs: PAID_ANSWER_WAIT_MS };
	});
}
