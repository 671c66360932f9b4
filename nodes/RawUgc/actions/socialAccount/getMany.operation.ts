import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputError } from '../../helpers/parameters';
import { runPerItem } from '../../helpers/perItem';
import { accountJson, listAccounts, PLATFORM_NAMES, PLATFORMS } from './accounts';

const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Platform',
				name: 'platform',
				type: 'options',
				options: PLATFORMS.map((value) => ({ name: PLATFORM_NAMES[value], value })),
				default: 'tiktok',
				description: 'Only return the accounts of this platform',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['socialAccount'], operation: ['getMany'] } }, properties);

function readPlatform(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	const { platform } = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	if (platform === undefined || platform === '') return undefined;
	if (!PLATFORMS.includes(platform as (typeof PLATFORMS)[number])) {
		throw inputError(ctx, itemIndex, 'filters.platform', `must be one of: ${PLATFORMS.join(', ')}`);
	}
	return platform as string;
}

/** One item per connected account (inactive ones too: `isActive` says which). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem(this, items, readPlatform, async (api, platform, itemIndex) =>
		(await listAccounts(api, itemIndex)).filter((account) => !platform || account.platform === platform).map(accountJson),
	);
}
