/**
 * Music > Generate: what the panel shows, and every bad input refused before any request
 * reaches the API, with an error that names the field and the item.
 */
import { NodeOperationError, type INodeParameters, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';

import { RawUgc } from '../nodes/RawUgc/RawUgc.node';
import { visibleParameters } from './engine/visibleParameters';
import { withFake } from './support/fake';
import { expr, musicParameters } from './support/parameters';
import { numberedItems, runNode } from './support/run';

const { description } = new RawUgc();
const generate = { resource: 'music', operation: 'generate' };

/** The parameter of that name that this Music operation shows. */
function property(name: string, operation = 'generate'): INodeProperties {
	const found = description.properties.filter(
		(candidate) =>
			candidate.name === name &&
			candidate.displayOptions?.show?.resource?.includes('music') &&
			candidate.displayOptions?.show?.operation?.includes(operation),
	);
	expect(found).toHaveLength(1);
	return found[0];
}

const optionDefaults = (prop: INodeProperties) =>
	Object.fromEntries((prop.options as INodeProperties[]).map((option) => [option.name, option.default]));

describe('the panel', () => {
	it('Music is a resource with Generate, Get and Get Many', () => {
		const resource = description.properties.find((prop) => prop.name === 'resource')!;
		expect((resource.options as INodePropertyOptions[]).map((option) => option.value)).toContain('music');
		const operation = description.properties.find(
			(prop) => prop.name === 'operation' && prop.displayOptions?.show?.resource?.includes('music'),
		)!;
		expect((operation.options as INodePropertyOptions[]).map((option) => option.value)).toEqual(['generate', 'get', 'getMany']);
	});

	it('Generate shows the contract’s parameters, none of the image ones', () => {
		expect(visibleParameters(description, generate)).toEqual([
			'resource', 'operation', 'prompt', 'model', 'instrumental', 'title', 'style', 'waitForCompletion', 'options',
		]);
	});

	it('Get and Get Many show musicId, and the list parameters', () => {
		expect(visibleParameters(description, { resource: 'music', operation: 'get' })).toEqual([
			'resource', 'operation', 'musicId', 'waitForCompletion', 'options',
		]);
		expect(visibleParameters(description, { resource: 'music', operation: 'getMany' })).toEqual([
			'resource', 'operation', 'getManyNotice', 'returnAll', 'limit', 'filters',
		]);
	});

	it('the models are the API’s six, V5 first and by default; instrumental on by default', () => {
		expect((property('model').options as INodePropertyOptions[]).map((option) => option.value)).toEqual([
			'V5', 'V4_5ALL', 'V4_5PLUS', 'V4_5', 'V4', 'V3_5',
		]);
		expect(property('model').default).toBe('V5');
		expect(property('instrumental').default).toBe(true);
		expect(property('prompt').required).toBe(true);
	});

	it('the options: Max Wait Time 900 s, download on, album art off, Max Credits', () => {
		expect(optionDefaults(property('options'))).toEqual({
			binaryPropertyName: 'data', maxCredits: 40, download: true, downloadAlbumArt: false, maxWaitTime: 900,
		});
		expect(optionDefaults(property('options', 'get'))).toEqual({
			binaryPropertyName: 'data', download: true, downloadAlbumArt: false, maxWaitTime: 900,
		});
	});

	it('Image > Generate keeps its options (no album art there)', () => {
		const imageOptions = description.properties.find(
			(prop) => prop.name === 'options' && prop.displayOptions?.show?.resource?.includes('image') && prop.displayOptions?.show?.operation?.includes('generate'),
		)!;
		expect(Object.keys(optionDefaults(imageOptions)).sort()).toEqual(['binaryPropertyName', 'download', 'maxCredits', 'maxWaitTime']);
	});
});

const handle = withFake();

const badInputs: Array<[string, INodeParameters, string]> = [
	['an empty prompt (from an expression)', musicParameters({ prompt: expr('""') }), 'prompt is required'],
	['a blank prompt', musicParameters({ prompt: expr('"   "') }), 'prompt is required'],
	['a prompt of 2001 characters', musicParameters({ prompt: expr('"a".repeat(2001)') }), 'prompt must be at most 2000 characters'],
	['a prompt that is not text', musicParameters({ prompt: expr('({ a: 1 })') }), 'prompt must be text'],
	['model "V6"', musicParameters({ model: expr('"V6"') }), 'model must be one of: V5, V4_5ALL, V4_5PLUS, V4_5, V4, V3_5 (got "V6")'],
	['model "v5" (wrong case)', musicParameters({ model: expr('"v5"') }), 'model must be one of'],
	['instrumental "maybe"', musicParameters({ instrumental: expr('"maybe"') }), 'instrumental must be true or false'],
	['a title of 201 characters', musicParameters({ title: expr('"t".repeat(201)') }), 'title must be at most 200 characters'],
	['a title that is a number', musicParameters({ title: expr('42') }), 'title must be text'],
	['a style of 501 characters', musicParameters({ style: expr('"s".repeat(501)') }), 'style must be at most 500 characters'],
	['maxWaitTime 0', musicParameters({ options: { maxWaitTime: 0 } }), 'maxWaitTime'],
	['maxCredits -1', musicParameters({ options: { maxCredits: expr('-1') } }), 'maxCredits'],
	['downloadAlbumArt "yes please"', musicParameters({ options: { downloadAlbumArt: expr('"yes please"') } }), 'options.downloadAlbumArt must be true or false'],
	[
		'the audio and the album art in one binary field',
		musicParameters({ options: { binaryPropertyName: 'albumArt', downloadAlbumArt: true } }),
		'options.binaryPropertyName must not be "albumArt"',
	],
	['waitForCompletion "perhaps"', musicParameters({ waitForCompletion: expr('"perhaps"') }), 'waitForCompletion'],
];

describe.each(badInputs)('%s', (_, parameters, message) => {
	it(`is refused before any request: "${message}", naming the item`, async () => {
		const result = await runNode(handle, { parameters, items: numberedItems(1) });

		expect(handle.fake.apiRequests()).toEqual([]);
		const error = result.error as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(error.message).toContain('[item 0]');
		expect(error.context.itemIndex).toBe(0);
		expect(result.items).toEqual([]);
	});
});

it('a bad second item stops the whole batch before anything is sent', async () => {
	const result = await runNode(handle, {
		parameters: musicParameters({ title: expr('$json.n === 1 ? "x".repeat(300) : ""') }),
		items: numberedItems(3),
	});

	expect(handle.fake.apiRequests()).toEqual([]);
	expect(result.error?.message).toContain('title must be at most 200 characters [item 1]');
});

it('Music > Get without a musicId is refused before any request', async () => {
	const result = await runNode(handle, { parameters: { resource: 'music', operation: 'get', musicId: expr('""') } });

	expect(handle.fake.apiRequests()).toEqual([]);
	expect(result.error?.message).toContain('musicId is required');
	expect(result.error?.message).toContain('[item 0]');
});
