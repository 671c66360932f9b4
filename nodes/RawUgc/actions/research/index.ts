import type { INodeProperties } from 'n8n-workflow';

import { operationProperty } from '../common.descriptions';
import * as analyzeVideo from './analyzeVideo.operation';
import * as createContentPlan from './createContentPlan.operation';
import * as getManyContentPlans from './getManyContentPlans.operation';
import * as scrapeTiktok from './scrapeTiktok.operation';

export { analyzeVideo, createContentPlan, getManyContentPlans, scrapeTiktok };

export const description: INodeProperties[] = [
	operationProperty(
		'research',
		[
			{
				name: 'Analyze Video',
				value: 'analyzeVideo',
				action: 'Analyze a video',
				description:
					'Analyse any video (a TikTok, Instagram or YouTube link, a file URL, or a binary): its hook, keyframes, why it performed, what to copy and hooks to test. Costs 1 credit; may take minutes.',
			},
			{
				name: 'Create Content Plan',
				value: 'createContentPlan',
				action: 'Create a content plan',
				description:
					'Turn a TikTok scrape (its scrapeId) and a brief into a content plan: top wins, gaps to test, and blueprints with video ideas (hook, opening shot, outline, CTA). Costs 3 credits.',
			},
			{
				name: 'Get Many Content Plans',
				value: 'getManyContentPlans',
				action: 'Get many content plans',
				description: 'List the content plans made so far (planId, scrapeId, brief, createdAt)',
			},
			{
				name: 'Scrape TikTok',
				value: 'scrapeTiktok',
				action: 'Scrape TikTok',
				description: 'Find up to 10 TikTok videos for a keyword, hashtag or search, with their stats; outputs a scrapeId for a content plan. Costs 3 credits.',
			},
		],
		'scrapeTiktok',
	),
	...scrapeTiktok.description,
	...createContentPlan.description,
	...getManyContentPlans.description,
	...analyzeVideo.description,
];
