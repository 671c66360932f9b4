/**
 * Every bad input of the contract is refused before any request reaches the API, with an
 * error that names the field and the item. Values from expressions are checked like typed ones.
 */
import { NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { withFake } from './support/fake';
import { editParameters, expr, generateParameters } from './support/parameters';
import { generateBodies } from './support/requests';
import { numberedItems, runNode } from './support/run';

const handle = withFake();

const fifteenUrls = Array.from({ length: 15 }, (_, n) => `https://example.com/${n}.png`);

const badInputs: Array<[string, INodeParameters, string]> = [
	['an empty prompt (from an expression)', generateParameters({ prompt: expr('""') }), 'prompt'],
	['a blank prompt (from an expression)', generateParameters({ prompt: expr('"   "') }), 'prompt'],
	['a prompt of 20001 characters', generateParameters({ prompt: expr('"a".repeat(20001)') }), 'prompt'],
	['a prompt that is not text', generateParameters({ prompt: expr('({ a: 1 })') }), 'prompt'],
	['an ftp URL', editParameters({ imageUrls: 'ftp://example.com/a.png' }), 'imageUrls'],
	['something that is not a URL', editParameters({ imageUrls: 'https://example.com/a.png\nnot a url' }), 'imageUrls'],
	['a javascript: URL', generateParameters({ imageUrls: 'javascript:alert(1)' }), 'imageUrls'],
	['15 image URLs', editParameters({ imageUrls: fifteenUrls.join('\n') }), 'imageUrls'],
	['15 image URLs from an expression', generateParameters({ imageUrls: expr(JSON.stringify(fifteenUrls)) }), 'imageUrls'],
	['the edit model with no image', editParameters({ imageUrls: '' }), 'imageUrls'],
	['the edit model with an empty array', editParameters({ imageUrls: expr('[]') }), 'imageUrls'],
	['aspectRatio "banana"', generateParameters({ aspectRatio: expr('"banana"') }), 'aspectRatio must be one of: auto, 1:1,'],
	['aspectRatio 16 (a number)', generateParameters({ aspectRatio: expr('16') }), 'aspectRatio must be one of'],
	['resolution "8K"', generateParameters({ resolution: expr('"8K"') }), 'resolution must be one of: 1K, 2K, 4K (got "8K")'],
	['imageSize "banana"', editParameters({ imageSize: expr('"banana"') }), 'imageSize must be one of'],
	['imageSize "1:8" (a text-to-image ratio only)', editParameters({ imageSize: expr('"1:8"') }), 'imageSize must be one of'],
	['outputFormat "gif"', generateParameters({ outputFormat: expr('"gif"') }), 'outputFormat must be one of: png, jpeg, jpg (got "gif")'],
	['googleSearch "maybe"', generateParameters({ googleSearch: expr('"maybe"') }), 'googleSearch'],
	['model from an expression that is unknown', generateParameters({ model: expr('"dall-e"') }), 'model'],
	['maxWaitTime 0', generateParameters({ options: { maxWaitTime: 0 } }), 'maxWaitTime'],
	['maxWaitTime -5', generateParameters({ options: { maxWaitTime: expr('-5') } }), 'maxWaitTime'],
	['maxWaitTime "soon"', generateParameters({ options: { maxWaitTime: expr('"soon"') } }), 'maxWaitTime'],
	['waitForCompletion "perhaps"', generateParameters({ waitForCompletion: expr('"perhaps"') }), 'waitForCompletion'],
	['an empty binary property name', generateParameters({ options: { binaryPropertyName: expr('" "') } }), 'binaryPropertyName'],
	['maxCredits -1', generateParameters({ options: { maxCredits: expr('-1') } }), 'maxCredits'],
];

describe.each(badInputs)('%s', (_, parameters, field) => {
	it(`is refused before any request: "${field}", naming the item`, async () => {
		const result = await runNode(handle, { parameters, items: numberedItems(1) });

		expect(handle.fake.apiRequests()).toEqual([]);
		const error = result.error as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(field);
		expect(error.message).toContain('[item 0]');
		expect(error.context.itemIndex).toBe(0);
		expect(result.items).toEqual([]);
	});
});

describe('a bad item in the middle of a batch', () => {
	const parameters = generateParameters({ prompt: expr('$json.n === 1 ? "" : "A boat " + $json.n') });

	it('without Continue: nothing is submitted at all, and the error names that item', async () => {
		const result = await runNode(handle, { parameters, items: numberedItems(3) });

		expect(handle.fake.apiRequests()).toEqual([]);
		const error = result.error as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('prompt');
		expect(error.message).toContain('[item 1]');
		expect(error.context.itemIndex).toBe(1);
	});

	it('with Continue: only that item errors, the others are submitted and done', async () => {
		const { fake } = handle;
		const result = await runNode(handle, { parameters, items: numberedItems(3), continueOnFail: true });

		expect(result.error).toBeUndefined();
		expect(generateBodies(fake).map((body) => body.prompt)).toEqual(['A boat 0', 'A boat 2']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[1].json.error).toEqual(expect.stringContaining('prompt'));
		expect(result.items[1].json.error).toEqual(expect.stringContaining('[item 1]'));
		expect(result.items[1].json.imageId).toBeUndefined();
		expect(result.items[1].binary).toBeUndefined();
		for (const index of [0, 2]) {
			expect(result.items[index].json.status).toBe('completed');
			expect(await result.readBinary(result.items[index])).toEqual(fake.resultBytes(result.items[index].json.imageId as string));
		}
	});
});

it('a literal empty prompt is refused by n8n itself before the node runs', async () => {
	const result = await runNode(handle, { parameters: generateParameters({ prompt: '' }) });

	expect(handle.fake.apiRequests()).toEqual([]);
	expect(result.error).toBeDefined();
	expect(result.items).toEqual([]);
});

it('14 images in all are accepted (URLs plus expressions)', async () => {
	const result = await runNode(handle, {
		parameters: editParameters({ imageUrls: fifteenUrls.slice(0, 14).join(','), waitForCompletion: false }),
	});

	expect(result.error).toBeUndefined();
	expect(generateBodies(handle.fake)[0].imageUrls).toHaveLength(14);
});

it('a prompt of exactly 20000 characters is accepted', async () => {
	const result = await runNode(handle, {
		parameters: generateParameters({ prompt: expr('"a".repeat(20000)'), waitForCompletion: false }),
	});

	expect(result.error).toBeUndefined();
	expect(generateBodies(handle.fake)[0].prompt).toHaveLength(20000);
});
