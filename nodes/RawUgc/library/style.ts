import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { oneOf, optionalText, requiredText } from '../schema';
import { textProperty, valueOptions, type RecordResource } from './record';

export const STYLE_TYPES = ['video', 'image'] as const;
export const STYLE_ASPECT_RATIOS = ['portrait', 'landscape', 'square'] as const;

const nameProperty = (required: boolean): INodeProperties => ({ ...textProperty('Name', 'name', 'The style’s name, up to 200 characters'), required });

const typeProperty: INodeProperties = {
	displayName: 'Type',
	name: 'type',
	type: 'options',
	options: valueOptions(STYLE_TYPES),
	default: 'video',
	description: 'Whether the style makes videos or images',
};

/** Sorted by display name, as n8n's collections are. */
const optionalFields: INodeProperties[] = [
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		options: valueOptions(STYLE_ASPECT_RATIOS),
		default: 'portrait',
	},
	textProperty('Description', 'description', 'Up to 1,000 characters', 3),
	textProperty('Prompt Template', 'promptTemplate', 'The prompt this style makes, up to 5,000 characters; may hold {productName}, {messaging} and {character}', 4),
	typeProperty,
];

const optionalRules = {
	description: optionalText(1000),
	type: oneOf(STYLE_TYPES).optional(),
	aspectRatio: oneOf(STYLE_ASPECT_RATIOS).optional(),
	promptTemplate: optionalText(5000),
};

/** Styles: prompt templates for videos or images; RawUGC's built-in ones are listed beside your own. */
export const STYLE: RecordResource = {
	name: 'style',
	title: 'Style',
	noun: 'style',
	path: '/styles',
	idParameter: 'styleId',
	listField: 'styles',
	nameField: 'name',
	idExample: '66a0c0ffee00000000000004',
	create: {
		properties: [nameProperty(true)],
		additionalFields: optionalFields,
		schema: z.object({ name: requiredText(200), ...optionalRules }),
	},
	update: {
		fields: [...optionalFields.slice(0, 2), nameProperty(false), ...optionalFields.slice(2)],
		schema: z.object({ name: requiredText(200).optional(), ...optionalRules }),
	},
	filters: [{ property: { ...typeProperty, description: 'Only styles of this type' }, query: 'type' }],
};
