import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod';

import { RawUgcApi } from '../../transport/api';

export const PLATFORMS = ['tiktok', 'instagram', 'youtube'] as const;
export const PLATFORM_NAMES: Record<string, string> = { tiktok: 'TikTok', instagram: 'Instagram', youtube: 'YouTube' };

const accountListSchema = z
	.object({
		accounts: z
			.array(
				z
					.object({
						accountId: z.string(),
						platform: z.string().optional(),
						username: z.string().optional(),
						displayName: z.string().optional(),
						isActive: z.boolean().optional(),
					})
					.passthrough(),
			)
			.default([]),
	})
	.passthrough();

export type SocialAccount = z.infer<typeof accountListSchema>['accounts'][number];

/** GET /social/accounts: the organization's connected accounts (no pagination: all of them). */
export async function listAccounts(api: RawUgcApi, itemIndex?: number): Promise<SocialAccount[]> {
	const body = await api.request({ method: 'GET', path: '/social/accounts', what: 'listing the social accounts', context: { itemIndex } });
	return accountListSchema.parse(body ?? {}).accounts;
}

/** The account list of Social Post > Create and Update: active accounts by display name and platform; the value sent is the accountId. */
export async function getSocialAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const accounts = await listAccounts(await RawUgcApi.connect(this));
	return accounts
		.filter((account) => account.isActive !== false)
		.map((account) => {
			const platform = PLATFORM_NAMES[account.platform ?? ''] ?? account.platform ?? 'unknown platform';
			return {
				name: `${account.displayName || account.username || account.accountId} (${platform})`,
				value: account.accountId,
				description: account.username ? `@${account.username}` : account.accountId,
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** An account as an output item's json. */
export const accountJson = (account: SocialAccount): IDataObject => ({ ...account }) as IDataObject;
