/**
 * The node's description: which parameters the editor shows for each model (decided by
 * n8n-workflow's own display helpers), and that the description itself is sane.
 */
import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { RawUgcApi } from '../credentials/RawUgcApi.credentials';
import { RawUgc } from '../nodes/RawUgc/RawUgc.node';
import { ASPECT_RATIOS, EDIT_IMAGE_SIZES, MODEL_FIELDS, OUTPUT_FORMATS, RESOLUTIONS } from '../nodes/RawUgc/schema';
import { visibleParameters } from './engine/visibleParameters';
import { EDIT, TEXT_TO_IMAGE } from './support/parameters';

const { description } = new RawUgc();
const generate = { resource: 'image', operation: 'generate' };

/** The parameter of that name that <resource> > Generate shows (other operations may reuse the name). */
function property(name: string, resource = 'image'): INodeProperties {
	const found = description.properties.filter(
		(candidate) =>
			candidate.name === name &&
			(candidate.displayOptions?.show?.operation ?? ['generate']).includes('generate') &&
			(candidate.displayOptions?.show?.resource ?? [resource]).includes(resource),
	);
	expect(found).toHaveLength(1);
	return found[0];
}

function optionValues(prop: INodeProperties): unknown[] {
	return (prop.options as INodePropertyOptions[]).map((option) => option.value);
}

describe('parameters shown for Image > Generate', () => {
	it('nano-banana-2: its own fields, none of the edit model’s', () => {
		expect(visibleParameters(description, { ...generate, model: TEXT_TO_IMAGE })).toEqual([
			'resource', 'operation', 'model', 'prompt', 'imageUrls', 'inputBinaryFields',
			'aspectRatio', 'resolution', 'googleSearch', 'outputFormat', 'waitForCompletion', 'options',
		]);
	});

	it('google/nano-banana-edit: imageSize and the notice, none of the text-to-image fields', () => {
		expect(visibleParameters(description, { ...generate, model: EDIT })).toEqual([
			'resource', 'operation', 'model', 'prompt', 'editNotice', 'imageUrls', 'inputBinaryFields',
			'imageSize', 'outputFormat', 'waitForCompletion', 'options',
		]);
	});

	it('a new node (defaults only) is Generate with nano-banana-2', () => {
		expect(visibleParameters(description, {})).toEqual(visibleParameters(description, { ...generate, model: TEXT_TO_IMAGE }));
	});

	it('saved values of the other model do not change what is shown', () => {
		expect(visibleParameters(description, { ...generate, model: EDIT, aspectRatio: '16:9', resolution: '4K', googleSearch: true })).toEqual(
			visibleParameters(description, { ...generate, model: EDIT }),
		);
	});

	it('each model-only API field is shown for exactly the models that take it', () => {
		const shown = {
			[TEXT_TO_IMAGE]: visibleParameters(description, { ...generate, model: TEXT_TO_IMAGE }),
			[EDIT]: visibleParameters(description, { ...generate, model: EDIT }),
		};
		const apiFields = new Set([...MODEL_FIELDS[TEXT_TO_IMAGE], ...MODEL_FIELDS[EDIT]]);
		for (const field of apiFields) {
			for (const model of [TEXT_TO_IMAGE, EDIT] as const) {
				expect([field, model, shown[model].includes(field)]).toEqual([field, model, MODEL_FIELDS[model].includes(field)]);
			}
		}
	});

	it('the options collection offers binaryPropertyName, download, maxWaitTime and maxCredits', () => {
		const options = (property('options').options as INodeProperties[]).map((option) => option.name).sort();
		expect(options).toEqual(['binaryPropertyName', 'download', 'maxCredits', 'maxWaitTime']);
	});
});

describe('the description', () => {
	it('is the contract’s node: rawUgc, version 1, usable as a tool, icon, subtitle, the rawUgcApi credential', () => {
		expect(description).toMatchObject({
			name: 'rawUgc',
			displayName: 'RawUGC',
			version: 1,
			usableAsTool: true,
			credentials: [{ name: 'rawUgcApi', required: true }],
		});
		expect(description.icon).toBeDefined();
		expect(description.subtitle).toEqual(expect.stringContaining('$parameter'));
	});

	it('the option lists are the API’s values', () => {
		expect(optionValues(property('model'))).toEqual([TEXT_TO_IMAGE, EDIT]);
		expect(optionValues(property('aspectRatio')).sort()).toEqual([...ASPECT_RATIOS].sort());
		expect(optionValues(property('aspectRatio'))).toHaveLength(15);
		expect(optionValues(property('imageSize')).sort()).toEqual([...EDIT_IMAGE_SIZES].sort());
		expect(optionValues(property('imageSize'))).toHaveLength(11);
		expect(optionValues(property('resolution'))).toEqual([...RESOLUTIONS]);
		expect(optionValues(property('outputFormat'))).toEqual(['', ...OUTPUT_FORMATS]);
	});

	it('the contract’s defaults', () => {
		expect(property('aspectRatio').default).toBe('auto');
		expect(property('resolution').default).toBe('1K');
		expect(property('imageSize').default).toBe('auto');
		expect(property('googleSearch').default).toBe(false);
		expect(property('waitForCompletion').default).toBe(true);
		const options = Object.fromEntries((property('options').options as INodeProperties[]).map((option) => [option.name, option.default]));
		expect(options).toMatchObject({ maxWaitTime: 600, download: true, binaryPropertyName: 'data' });
		expect(property('prompt').required).toBe(true);
	});

	it('every options parameter’s default is one of its values, at any depth', () => {
		const problems: string[] = [];
		const check = (properties: INodeProperties[], path: string) => {
			for (const prop of properties) {
				const where = `${path}${prop.name}`;
				if (prop.type === 'options' && !prop.typeOptions?.loadOptionsMethod) {
					if (!optionValues(prop).includes(prop.default)) problems.push(`${where}: ${String(prop.default)}`);
				}
				if (prop.type === 'multiOptions' && !prop.typeOptions?.loadOptionsMethod) {
					const values = optionValues(prop);
					for (const value of prop.default as unknown[]) if (!values.includes(value)) problems.push(`${where}: ${String(value)}`);
				}
				if (prop.type === 'collection') check(prop.options as INodeProperties[], `${where}.`);
				if (prop.type === 'fixedCollection') {
					for (const group of prop.options as INodePropertyCollection[]) check(group.values, `${where}.${group.name}.`);
				}
			}
		};
		check(description.properties, '');
		expect(problems).toEqual([]);
	});

	it('every parameter has a name, a display name and a default', () => {
		for (const prop of description.properties) {
			expect([prop.name, typeof prop.displayName, prop.default !== undefined]).toEqual([prop.name, 'string', true]);
		}
	});
});

describe('the credential', () => {
	const credential = new RawUgcApi();

	it('is rawUgcApi with apiKey (a password) and baseUrl, Bearer authenticate and a test request', () => {
		expect(credential.name).toBe('rawUgcApi');
		expect(credential.displayName).toBe('RawUGC API');
		expect(credential.properties.map((prop) => prop.name)).toEqual(['apiKey', 'baseUrl']);
		expect(credential.properties[0].typeOptions?.password).toBe(true);
		expect(credential.properties[1].default).toBe('https://rawugc.com/api/v1');
		expect(credential.authenticate).toMatchObject({ type: 'generic', properties: { headers: { Authorization: expect.stringContaining('Bearer') } } });
		expect(credential.test?.request).toBeDefined();
	});
});
