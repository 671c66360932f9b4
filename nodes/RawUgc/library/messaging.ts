import { z } from 'zod';

import { requiredText } from '../schema';
import { textProperty, type RecordResource } from './record';

const properties = (required: boolean) => [
	{ ...textProperty('Body', 'body', 'The positioning itself: claims, proof, tone, up to 5,000 characters', 4), required },
	{ ...textProperty('Name', 'name', 'A name for this messaging, up to 200 characters'), required },
];

/** Messaging: the brand's positioning, reused across prompts. */
export const MESSAGING: RecordResource = {
	name: 'messaging',
	title: 'Messaging',
	noun: 'messaging',
	path: '/messaging',
	idParameter: 'messageId',
	listField: 'messages',
	nameField: 'name',
	idExample: '66a0c0ffee00000000000003',
	create: {
		properties: properties(true).reverse(),
		additionalFields: [],
		schema: z.object({ name: requiredText(200), body: requiredText(5000) }),
	},
	update: {
		fields: properties(false),
		schema: z.object({ name: requiredText(200).optional(), body: requiredText(5000).optional() }),
	},
};
