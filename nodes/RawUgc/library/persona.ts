import { z } from 'zod';

import { requiredText } from '../schema';
import { textProperty, type RecordResource } from './record';

const properties = (required: boolean) => [
	{ ...textProperty('Name', 'name', 'The audience’s name, up to 200 characters'), required },
	{ ...textProperty('Description', 'description', 'Who they are and what they care about, up to 5,000 characters', 4), required },
];

/** Personas: the target audiences content is made for. */
export const PERSONA: RecordResource = {
	name: 'persona',
	title: 'Persona',
	noun: 'persona',
	path: '/personas',
	idParameter: 'personaId',
	listField: 'personas',
	nameField: 'name',
	idExample: '66a0c0ffee00000000000002',
	create: {
		properties: properties(true),
		additionalFields: [],
		schema: z.object({ name: requiredText(200), description: requiredText(5000) }),
	},
	update: {
		fields: properties(false).reverse(),
		schema: z.object({ name: requiredText(200).optional(), description: requiredText(5000).optional() }),
	},
};
