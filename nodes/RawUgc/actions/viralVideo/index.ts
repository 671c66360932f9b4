import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../common.descriptions';
import * as get from './get.operation';
import * as search from './search.operation';

export { get, search };

export const description: INodeProperties[] = [
	operationProperty(
		'viralVideo',
		[
			{
				name: 'Get',
				value: 'get',
				action: 'Get a viral video',
				description: 'One video of RawUGC’s viral library by its ID, with its stats and its analysis (hook, keyframes, why it performed). Free.',
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search the viral library',
				description:
					'Find proven viral TikToks by meaning (e.g. "unboxing earbuds on a run"): one item per video with its stats, link and a relevance score. Free.',
			},
		],
		'search',
	),
	...search.description,
	...get.description,
];
