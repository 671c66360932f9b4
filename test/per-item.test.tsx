/**
 * The two loops of plain requests per item (helpers/perItem.ts for Social Post and Social
 * Account, helpers/listLimit.ts for the brand library and the content plans), with more than
 * one item: a bad item anywhere stops the run before any request, each output is paired with
 * its own item, and Limit takes its largest value but no more.
 */
import { withFake } from './support/fake';
import { expr } from './support/parameters';
import { runNode } from './support/run';
import { postOperation, postParameters } from './support/social';

const handle = withFake();

async function makeId(parameters: Record<string, unknown>, idField: string): Promise<string> {
	const made = await runNode(handle, { parameters: parameters as never });
	if (made.error) throw made.error;
	return String(made.items[0].json[idField]);
}

describe('Social Post > Get with two items (perItem.ts)', () => {
	it('each post is paired with its own item', async () => {
		const ids = [await makeId(postParameters({ content: 'One' }), 'postId'), await makeId(postParameters({ content: 'Two' }), 'postId')];

		const result = await runNode(handle, { parameters: postOperation('get', { postId: expr('$json.postId') }), items: ids.map((postId) => ({ json: { postId } })) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.postId, item.pairedItem])).toEqual([
			[ids[0], { item: 0 }],
			[ids[1], { item: 1 }],
		]);
	});

	it('a bad Post ID in item 1 stops the run before item 0\'s request', async () => {
		const postId = await makeId(postParameters({ content: 'One' }), 'postId');
		handle.fake.reset();

		const result = await runNode(handle, {
			parameters: postOperation('get', { postId: expr('$json.postId') }),
			items: [{ json: { postId } }, { json: { postId: 'post 1' } }],
		});

		expect(result.error?.message).toBe('postId must be a single ID without spaces, got "post 1" [item 1]');
		expect(handle.fake.apiRequests()).toEqual([]);
	});
});

describe('Persona > Get and Get Many with two items (listLimit.ts)', () => {
	const persona = (name: string) => makeId({ resource: 'persona', operation: 'create', name, description: 'Parents with no time' }, 'id');
	const get = { resource: 'persona', operation: 'get', personaId: { __rl: true, mode: 'id', value: expr('$json.id') } };

	it('each persona is paired with its own item', async () => {
		const ids = [await persona('Busy parents'), await persona('Students')];

		const result = await runNode(handle, { parameters: get, items: ids.map((id) => ({ json: { id } })) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json._id, item.pairedItem])).toEqual([
			[ids[0], { item: 0 }],
			[ids[1], { item: 1 }],
		]);
	});

	it('a bad id in item 1 stops the run before item 0\'s request', async () => {
		const id = await persona('Busy parents');
		handle.fake.reset();

		const result = await runNode(handle, { parameters: get, items: [{ json: { id } }, { json: { id: 'not an id' } }] });

		expect(result.error?.message).toMatch(/\[item 1\]/);
		expect(handle.fake.apiRequests()).toEqual([]);
	});

	it('Limit 100 is taken, 101 refused before any request, naming the field and the item', async () => {
		const accepted = await runNode(handle, { parameters: { resource: 'persona', operation: 'getMany', returnAll: false, limit: 100 } });
		expect(accepted.error).toBeUndefined();
		handle.fake.reset();

		const refused = await runNode(handle, { parameters: { resource: 'persona', operation: 'getMany', returnAll: false, limit: expr('101') } });

		expect(refused.error?.message).toBe('limit must be a whole number from 1 to 100 [item 0]');
		expect(handle.fake.apiRequests()).toEqual([]);
	});
});
