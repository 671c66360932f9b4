/**
 * The Character list of Video > Generate, loaded from GET /characters the way the editor loads
 * it (n8n-core's LoadOptionsContext, the stored credential): active characters by display
 * name, the username as the value, None first. An expression may give any username.
 */
import { RawUgcApi } from '../credentials/RawUgcApi.credentials';
import { RawUgc } from '../nodes/RawUgc/RawUgc.node';
import { loadOptions } from './engine/loadOptions';
import { RAWUGC_CREDENTIAL_TYPE, RAWUGC_NODE_TYPE } from './engine/runRawUgc';
import { withFake, type FakeHandle } from './support/fake';
import { expr, videoParameters } from './support/parameters';
import { routeOf, videoBodies } from './support/requests';
import { runNode } from './support/run';

const handle = withFake();

async function characterOptions(fakeHandle: FakeHandle, apiKey?: string) {
	return await loadOptions({
		nodeType: RAWUGC_NODE_TYPE,
		node: new RawUgc(),
		credentialTypes: { [RAWUGC_CREDENTIAL_TYPE]: new RawUgcApi() },
		credentials: { [RAWUGC_CREDENTIAL_TYPE]: fakeHandle.credentials(apiKey) },
		parameters: videoParameters(),
		method: 'getCharacters',
		path: 'parameters.selectedCharacter',
	});
}

describe('the Character list', () => {
	it('is None, then the active characters by display name; the value is the username', async () => {
		const options = await characterOptions(handle);

		expect(options.map(({ name, value }) => ({ name, value }))).toEqual([
			{ name: 'None', value: '' },
			{ name: 'Mia', value: 'rawugc.mia' },
			{ name: 'Sam', value: 'me.sam' },
		]);
		const [request] = handle.fake.apiRequests();
		expect(routeOf(request)).toBe('GET /characters');
		expect(request.headers.authorization).toBe(`Bearer ${handle.fake.apiKey}`);
	});

	it('a wrong key is a plain error, and the key is in none of it', async () => {
		const wrongKey = 'rug_wrong_key_for_the_list';
		await expect(characterOptions(handle, wrongKey)).rejects.toThrow(/API key/i);
		await characterOptions(handle, wrongKey).catch((error: Error) => {
			expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(wrongKey);
		});
	});

	it('a username chosen from it, or given by an expression, is what the submit sends', async () => {
		const chosen = await runNode(handle, { parameters: videoParameters({ selectedCharacter: 'me.sam' }) });
		const typed = await runNode(handle, { parameters: videoParameters({ selectedCharacter: expr('"rawugc.mia"') }) });

		expect(chosen.error).toBeUndefined();
		expect(typed.error).toBeUndefined();
		expect(videoBodies(handle.fake).map((body) => body.selectedCharacter)).toEqual(['me.sam', 'rawugc.mia']);
	});

	it('an inactive character by expression: RawUGC’s refusal is a plain error for the item', async () => {
		const result = await runNode(handle, { parameters: videoParameters({ selectedCharacter: expr('"rawugc.leo"') }) });

		expect(result.error?.message).toMatch(/^RawUGC rejected the request: selectedCharacter.*not active/);
		expect(result.error?.context.itemIndex).toBe(0);
		expect(handle.fake.videos.size).toBe(0);
	});
});
