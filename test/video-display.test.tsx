/**
 * The video panel: which parameters the editor shows for each model (n8n-workflow's own
 * display rules), the option lists and defaults of the contract, and Get / Get Many.
 */
import { NodeHelpers, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';

import { RawUgc } from '../nodes/RawUgc/RawUgc.node';
import {
	KLING_CHARACTER_ORIENTATIONS,
	KLING_MODES,
	SORA_FRAMES,
	SORA_ORIENTATIONS,
	VEO_ASPECT_RATIOS,
	VIDEO_MODEL_PARAMETERS,
	VIDEO_MODELS,
} from '../nodes/RawUgc/kinds/video';
import { visibleParameters } from './engine/visibleParameters';
import { KLING, SORA_IMAGE, SORA_TEXT, VEO, VEO_FAST } from './support/parameters';

const { description } = new RawUgc();
const generate = { resource: 'video', operation: 'generate' };
const TAIL = ['selectedCharacter', 'waitForCompletion', 'options'];

/** The video Generate parameter of that name the editor shows for `model`. */
function shownProperty(name: string, model: string): INodeProperties {
	const values = NodeHelpers.getNodeParameters(description.properties, { ...generate, model }, true, false, { typeVersion: 1 }, description)!;
	const found = description.properties.filter(
		(prop) => prop.name === name && NodeHelpers.displayParameter(values, prop, { typeVersion: 1 }, description, values),
	);
	expect(found).toHaveLength(1);
	return found[0];
}

const optionValues = (prop: INodeProperties) => (prop.options as INodePropertyOptions[]).map((option) => option.value);

describe('parameters shown for Video > Generate', () => {
	it.each([
		[SORA_TEXT, ['prompt', 'orientation', 'nFrames']],
		[SORA_IMAGE, ['prompt', 'imageUrls', 'inputBinaryFields', 'orientation', 'nFrames']],
		[VEO, ['prompt', 'imageUrls', 'inputBinaryFields', 'aspectRatio']],
		[VEO_FAST, ['prompt', 'imageUrls', 'inputBinaryFields', 'aspectRatio']],
		[KLING, ['prompt', 'imageUrls', 'inputBinaryFields', 'videoUrls', 'inputVideoBinaryField', 'characterOrientation', 'mode']],
	])('%s', (model, own) => {
		expect(visibleParameters(description, { ...generate, model })).toEqual(['resource', 'operation', 'model', ...own, ...TAIL]);
	});

	it('saved values of other models change nothing that is shown', () => {
		const saved = { orientation: 'landscape', nFrames: '15', aspectRatio: '9:16', mode: '1080p', videoUrls: 'https://example.com/a.mp4' };
		for (const model of VIDEO_MODELS) {
			expect(visibleParameters(description, { ...generate, model, ...saved })).toEqual(visibleParameters(description, { ...generate, model }));
		}
	});

	it('each model-only parameter is shown for exactly the models that send it', () => {
		const modelOnly = new Set(VIDEO_MODELS.flatMap((model) => Object.values(VIDEO_MODEL_PARAMETERS[model])));
		for (const parameter of modelOnly) {
			for (const model of VIDEO_MODELS) {
				const shown = visibleParameters(description, { ...generate, model }).includes(parameter);
				expect([parameter, model, shown]).toEqual([parameter, model, Object.values(VIDEO_MODEL_PARAMETERS[model]).includes(parameter)]);
			}
		}
	});

	it('the prompt is required for Sora text to video and Veo, optional for the others', () => {
		expect(VIDEO_MODELS.map((model) => [model, shownProperty('prompt', model).required === true])).toEqual([
			[SORA_TEXT, true],
			[SORA_IMAGE, false],
			[VEO, true],
			[VEO_FAST, true],
			[KLING, false],
		]);
	});

	it('option lists: the API’s values after "" (not sent), default ""', () => {
		const lists: Array<[string, string, readonly string[]]> = [
			['orientation', SORA_TEXT, SORA_ORIENTATIONS],
			['nFrames', SORA_IMAGE, SORA_FRAMES],
			['aspectRatio', VEO, VEO_ASPECT_RATIOS],
			['characterOrientation', KLING, KLING_CHARACTER_ORIENTATIONS],
			['mode', KLING, KLING_MODES],
		];
		for (const [name, model, values] of lists) {
			const prop = shownProperty(name, model);
			expect([name, optionValues(prop), prop.default]).toEqual([name, ['', ...values], '']);
		}
		expect(optionValues(shownProperty('model', SORA_TEXT))).toEqual([SORA_TEXT, SORA_IMAGE, VEO, VEO_FAST, KLING]);
		expect(shownProperty('model', SORA_TEXT).default).toBe(SORA_TEXT);
	});

	it('the Character list is loaded by getCharacters, default "" (none)', () => {
		const prop = shownProperty('selectedCharacter', SORA_TEXT);
		expect(prop.typeOptions?.loadOptionsMethod).toBe('getCharacters');
		expect(prop.default).toBe('');
		expect(typeof new RawUgc().methods.loadOptions.getCharacters).toBe('function');
	});

	it('options: Max Wait Time 1800 s by default, download on, binary field "data", Max Credits offered', () => {
		const options = Object.fromEntries(
			(shownProperty('options', VEO).options as INodeProperties[]).map((option) => [option.name, option.default]),
		);
		expect(options).toEqual({ binaryPropertyName: 'data', maxCredits: 40, download: true, maxWaitTime: 1800 });
		expect(shownProperty('waitForCompletion', VEO).default).toBe(true);
	});
});

describe('Video > Get and Get Many', () => {
	it('Get: videoId, wait, options (no Max Credits)', () => {
		expect(visibleParameters(description, { resource: 'video', operation: 'get' })).toEqual([
			'resource', 'operation', 'videoId', 'waitForCompletion', 'options',
		]);
	});

	it('Get Many: Return All, Limit (when not all), filters, the notice', () => {
		expect(visibleParameters(description, { resource: 'video', operation: 'getMany' })).toEqual([
			'resource', 'operation', 'getManyNotice', 'returnAll', 'limit', 'filters',
		]);
		expect(visibleParameters(description, { resource: 'video', operation: 'getMany', returnAll: true })).toEqual([
			'resource', 'operation', 'getManyNotice', 'returnAll', 'filters',
		]);
	});

	it('the Video resource offers Generate, Get and Get Many', () => {
		const resource = description.properties.find((prop) => prop.name === 'resource')!;
		expect(optionValues(resource)).toContain('video');
		const operation = description.properties.find((prop) => prop.name === 'operation' && prop.displayOptions?.show?.resource?.includes('video'))!;
		expect(optionValues(operation)).toEqual(['addCaptions', 'addOverlay', 'generate', 'get', 'getMany']);
	});
});
