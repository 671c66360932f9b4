/**
 * Image > Generate end to end, through n8n-core's engine against the fake: what the fake
 * received, the output item (json in the contract's names, binary with the exact bytes).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { withFake } from './support/fake';
import { EDIT, editParameters, expr, generateParameters, TEXT_TO_IMAGE } from './support/parameters';
import { apiRoutes, generateBodies } from './support/requests';
import { numberedItems, runNode } from './support/run';

const handle = withFake();

const JOB_FIELDS = [
	'imageId', 'status', 'model', 'prompt', 'url', 'imageSize', 'resolution', 'outputFormat',
	'creditsUsed', 'newBalance', 'createdAt', 'completedAt',
];

function expectImageBinary(item: INodeExecutionData, ext: 'png' | 'jpg', mimeType: string, property = 'data') {
	const binary = item.binary?.[property];
	const imageId = item.json.imageId as string;
	expect(binary).toMatchObject({ mimeType, fileExtension: ext, fileName: `${imageId}.${ext}` });
}

describe('nano-banana-2 (text to image)', () => {
	it('sends exactly the chosen fields and outputs the job and the exact image bytes', async () => {
		const { fake } = handle;
		const result = await runNode(handle, {
			parameters: generateParameters({
				prompt: 'A red bicycle against a yellow wall',
				aspectRatio: '16:9',
				resolution: '2K',
				googleSearch: true,
				outputFormat: 'png',
			}),
		});

		expect(result.error).toBeUndefined();
		expect(generateBodies(fake)).toEqual([
			{
				model: TEXT_TO_IMAGE,
				prompt: 'A red bicycle against a yellow wall',
				aspectRatio: '16:9',
				resolution: '2K',
				googleSearch: true,
				outputFormat: 'png',
			},
		]);
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual(expect.objectContaining({ status: 'completed', model: TEXT_TO_IMAGE, creditsUsed: 4 }));
		for (const field of JOB_FIELDS) expect(item.json).toHaveProperty(field);
		expect(item.json).not.toHaveProperty('taskId');
		expect(item.json).not.toHaveProperty('resultUrl');
		const imageId = item.json.imageId as string;
		expect(imageId).toMatch(/^img_/);
		expect(item.json).toMatchObject({
			prompt: 'A red bicycle against a yellow wall',
			imageSize: '16:9',
			resolution: '2K',
			outputFormat: 'png',
			newBalance: 996,
			url: `${fake.storageOrigin}/results/${imageId}.png`,
		});
		expectImageBinary(item, 'png', 'image/png');
		expect(await result.readBinary(item)).toEqual(fake.resultBytes(imageId));
	});

	it('leaves unset fields to the API: the default output format is its jpg, detected from the bytes', async () => {
		const { fake } = handle;
		const result = await runNode(handle, { parameters: generateParameters({ prompt: 'A lighthouse' }) });

		expect(result.error).toBeUndefined();
		// Parameters at their defaults are sent as the editor shows them; outputFormat '' is not sent.
		expect(generateBodies(fake)).toEqual([
			{ model: TEXT_TO_IMAGE, prompt: 'A lighthouse', aspectRatio: 'auto', resolution: '1K', googleSearch: false },
		]);
		const [item] = result.items;
		expect(item.json.outputFormat).toBe('jpg');
		expectImageBinary(item, 'jpg', 'image/jpeg');
		expect(await result.readBinary(item)).toEqual(fake.resultBytes(item.json.imageId as string));
	});

	it('never sends the edit model’s imageSize, even when the saved parameters hold one', async () => {
		const { fake } = handle;
		const result = await runNode(handle, {
			parameters: generateParameters({ imageSize: '4:3', aspectRatio: '1:1' }),
		});

		expect(result.error).toBeUndefined();
		const [body] = generateBodies(fake);
		expect(body).not.toHaveProperty('imageSize');
		expect(body.aspectRatio).toBe('1:1');
	});

	it('puts the image in the binary property named in the options', async () => {
		const { fake } = handle;
		const result = await runNode(handle, {
			parameters: generateParameters({ options: { binaryPropertyName: 'picture' } }),
		});

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(Object.keys(item.binary ?? {})).toEqual(['picture']);
		expect(await result.readBinary(item, 'picture')).toEqual(fake.resultBytes(item.json.imageId as string));
	});
});

describe('google/nano-banana-edit', () => {
	it('sends imageUrls and imageSize, never a text-to-image field, and outputs the png', async () => {
		const { fake } = handle;
		const result = await runNode(handle, {
			parameters: editParameters({
				prompt: 'Make the sky purple',
				imageUrls: 'https://example.com/a.png\nhttps://example.com/b.jpg',
				imageSize: '9:16',
				// Left over from when the node was set to the other model:
				aspectRatio: '21:9',
				resolution: '4K',
				googleSearch: true,
			}),
		});

		expect(result.error).toBeUndefined();
		expect(generateBodies(fake)).toEqual([
			{
				model: EDIT,
				prompt: 'Make the sky purple',
				imageUrls: ['https://example.com/a.png', 'https://example.com/b.jpg'],
				imageSize: '9:16',
			},
		]);
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		for (const field of JOB_FIELDS.filter((name) => name !== 'resolution')) expect(item.json).toHaveProperty(field);
		expect(item.json).toMatchObject({ model: EDIT, status: 'completed', imageSize: '9:16', outputFormat: 'png', creditsUsed: 2, newBalance: 998 });
		expectImageBinary(item, 'png', 'image/png');
		expect(await result.readBinary(item)).toEqual(fake.resultBytes(item.json.imageId as string));
	});

	it('honours an explicit jpeg output format', async () => {
		const { fake } = handle;
		const result = await runNode(handle, { parameters: editParameters({ outputFormat: 'jpeg' }) });

		expect(result.error).toBeUndefined();
		expect(generateBodies(fake)[0].outputFormat).toBe('jpeg');
		const [item] = result.items;
		expectImageBinary(item, 'jpg', 'image/jpeg');
		expect(await result.readBinary(item)).toEqual(fake.resultBytes(item.json.imageId as string));
	});
});

describe('imageUrls', () => {
	it.each([
		['one per line', 'https://example.com/1.png\nhttps://example.com/2.png\n\n'],
		['comma-separated', 'https://example.com/1.png, https://example.com/2.png'],
		['mixed, with blanks', ' https://example.com/1.png ,\n https://example.com/2.png,'],
		['an expression giving an array', expr('["https://example.com/1.png", "https://example.com/2.png"]')],
	])('are read from %s', async (_, imageUrls) => {
		const { fake } = handle;
		const result = await runNode(handle, { parameters: editParameters({ imageUrls }) });

		expect(result.error).toBeUndefined();
		expect(generateBodies(fake)[0].imageUrls).toEqual(['https://example.com/1.png', 'https://example.com/2.png']);
	});

	it('are read per item from an expression over the item’s json', async () => {
		const { fake } = handle;
		const result = await runNode(handle, {
			parameters: editParameters({ imageUrls: expr('$json.urls') }),
			items: [{ json: { urls: ['https://example.com/x.png'] } }, { json: { urls: ['https://example.com/y.png', 'https://example.com/z.png'] } }],
		});

		expect(result.error).toBeUndefined();
		expect(generateBodies(fake).map((body) => body.imageUrls)).toEqual([
			['https://example.com/x.png'],
			['https://example.com/y.png', 'https://example.com/z.png'],
		]);
	});

	it('are optional reference images for nano-banana-2', async () => {
		const { fake } = handle;
		const result = await runNode(handle, {
			parameters: generateParameters({ imageUrls: 'https://example.com/ref.png' }),
		});

		expect(result.error).toBeUndefined();
		expect(generateBodies(fake)[0].imageUrls).toEqual(['https://example.com/ref.png']);
	});
});

describe('several items', () => {
	it('outputs one item per input item, in input order, paired, each with its own image', async () => {
		const { fake } = handle;
		const result = await runNode(handle, {
			parameters: generateParameters({ prompt: expr('"picture " + $json.n') }),
			items: numberedItems(3),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items.map((item) => item.json.prompt)).toEqual(['picture 0', 'picture 1', 'picture 2']);
		for (const item of result.items) {
			expect(await result.readBinary(item)).toEqual(fake.resultBytes(item.json.imageId as string));
		}
		expect(new Set(result.items.map((item) => item.json.imageId)).size).toBe(3);
	});
});

describe('waitForCompletion off', () => {
	it('outputs the submitted job at once: no status look, no download, no binary', async () => {
		const { fake } = handle;
		const result = await runNode(handle, { parameters: generateParameters({ waitForCompletion: false }) });

		expect(result.error).toBeUndefined();
		expect(apiRoutes(fake)).toEqual(['POST /images/generate']);
		expect(fake.storageRequests()).toEqual([]);
		const [item] = result.items;
		expect(item.binary).toBeUndefined();
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({ status: 'pending', model: TEXT_TO_IMAGE, creditsUsed: 4, newBalance: 996 });
		expect(item.json.imageId).toMatch(/^img_/);
		expect(fake.jobs.has(item.json.imageId as string)).toBe(true);
	});
});

describe('options.download off', () => {
	it('outputs the url only, with no request to storage', async () => {
		const { fake } = handle;
		const result = await runNode(handle, { parameters: generateParameters({ options: { download: false } }) });

		expect(result.error).toBeUndefined();
		expect(fake.storageRequests()).toEqual([]);
		const [item] = result.items;
		expect(item.binary).toBeUndefined();
		expect(item.json.status).toBe('completed');
		expect(item.json.url).toBe(`${fake.storageOrigin}/results/${item.json.imageId as string}.jpg`);
	});
});
