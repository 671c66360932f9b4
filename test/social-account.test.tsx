/**
 * Social Account > Get Many, Sync and Delete, and the account list of Social Post > Create as
 * the editor loads it (active accounts by display name and platform; the value is the accountId).
 */
import { RawUgcApi } from '../credentials/RawUgcApi.credentials';
import { RawUgc } from '../nodes/RawUgc/RawUgc.node';
import { loadOptions } from './engine/loadOptions';
import { RAWUGC_CREDENTIAL_TYPE, RAWUGC_NODE_TYPE } from './engine/runRawUgc';
import { DEFAULT_SOCIAL_ACCOUNTS } from './fake-rawugc';
import { withFake } from './support/fake';
import { runNode } from './support/run';
import { postParameters, socialRoutes, YOUTUBE_INACTIVE } from './support/social';

const handle = withFake();
beforeEach(() => {
	handle.fake.social.accounts = DEFAULT_SOCIAL_ACCOUNTS.map((account) => ({ ...account }));
	handle.fake.social.readOnlyKey = false;
});

const accountParameters = (operation: string, more = {}) => ({ resource: 'socialAccount', operation, ...more });

describe('Social Account', () => {
	it('Get Many: one item per account, inactive ones too', async () => {
		const result = await runNode(handle, { parameters: accountParameters('getMany') });

		expect(result.items.map((item) => [item.json.accountId, item.json.platform, item.json.isActive])).toEqual([
			['acc_tiktok_1', 'tiktok', true],
			['acc_insta_1', 'instagram', true],
			['acc_yt_1', 'youtube', false],
		]);
		expect(socialRoutes(handle.fake)).toEqual(['GET /social/accounts']);
	});

	it('Get Many filtered by platform', async () => {
		const result = await runNode(handle, { parameters: accountParameters('getMany', { filters: { platform: 'instagram' } }) });

		expect(result.items.map((item) => item.json.accountId)).toEqual(['acc_insta_1']);
	});

	it('Sync: { success }', async () => {
		const result = await runNode(handle, { parameters: accountParameters('sync') });

		expect(result.items[0].json).toEqual({ success: true });
		expect(socialRoutes(handle.fake)).toEqual(['POST /social/accounts']);
	});

	it('Delete: { success, accountId }; an unknown account is not found', async () => {
		const gone = await runNode(handle, { parameters: accountParameters('delete', { accountId: YOUTUBE_INACTIVE }) });
		const unknown = await runNode(handle, { parameters: accountParameters('delete', { accountId: 'acc_nope' }) });

		expect(gone.items[0].json).toEqual({ success: true, accountId: YOUTUBE_INACTIVE });
		expect(handle.fake.social.accounts.map((account) => account.accountId)).toEqual(['acc_tiktok_1', 'acc_insta_1']);
		expect(unknown.error?.message).toMatch(/not found/);
	});

	it('a key that may not post: Sync says so in plain words', async () => {
		handle.fake.social.readOnlyKey = true;
		const result = await runNode(handle, { parameters: accountParameters('sync') });

		expect(result.error?.message).toMatch(/^This RawUGC API key may not post/);
	});
});

describe('the account list of Social Post > Create', () => {
	async function accountOptions() {
		return await loadOptions({
			nodeType: RAWUGC_NODE_TYPE,
			node: new RawUgc(),
			credentialTypes: { [RAWUGC_CREDENTIAL_TYPE]: new RawUgcApi() },
			credentials: { [RAWUGC_CREDENTIAL_TYPE]: handle.credentials() },
			parameters: postParameters(),
			method: 'getSocialAccounts',
			path: 'parameters.accountIds',
		});
	}

	it('offers the active accounts by display name and platform; the value is the accountId', async () => {
		const options = await accountOptions();

		expect(options.map(({ name, value, description }) => ({ name, value, description }))).toEqual([
			{ name: 'Shoes Daily (TikTok)', value: 'acc_tiktok_1', description: '@shoes.daily' },
			{ name: 'Shoes Daily IG (Instagram)', value: 'acc_insta_1', description: '@shoesdaily' },
		]);
	});

	it('an inactive account given by an expression reaches RawUGC, whose refusal names it', async () => {
		const result = await runNode(handle, { parameters: postParameters({ accountIds: `=${YOUTUBE_INACTIVE}` }) });

		expect(result.error?.message).toMatch(/^RawUGC rejected the request: accountIds: Account acc_yt_1 is not active/);
	});
});
