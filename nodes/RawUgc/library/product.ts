import { z } from 'zod';

import { httpUrl, IMAGE_INPUT_MIME_TYPES, optionalText, requiredText } from '../schema';
import { textProperty, type RecordResource } from './record';

const photoUrls = z.array(httpUrl, { invalid_type_error: 'must be URLs' });

const description = textProperty('Description', 'description', 'What the product is, up to 1,000 characters', 3);
const messaging = textProperty('Messaging', 'messaging', 'What to say about the product (claims, benefits, tone), up to 5,000 characters', 4);
const photoUrlsProperty = {
	...textProperty('Photo URLs', 'photoUrls', 'Public http(s) URLs of product photos, one per line or comma-separated, or an expression giving an array'),
	placeholder: 'e.g. https://example.com/bottle.png',
};

/** Products with photos, used by RawUGC's prompts and styles (`{productName}`, `{messaging}`). */
export const PRODUCT: RecordResource = {
	name: 'product',
	title: 'Product',
	noun: 'product',
	path: '/products',
	idParameter: 'productId',
	listField: 'products',
	nameField: 'name',
	idExample: '66a0c0ffee00000000000001',
	apiNames: { photoUrls: 'photos' },
	create: {
		properties: [
			{ ...textProperty('Name', 'name', 'The product’s name, up to 200 characters'), required: true },
			{ ...photoUrlsProperty, description: `${photoUrlsProperty.description}. At least one photo in all, with Input Binary Fields.` },
			{
				...textProperty(
					'Input Binary Fields',
					'inputBinaryFields',
					'Comma-separated binary fields of the incoming item holding photos (PNG, JPEG or WebP): each is uploaded and its URL joins Photo URLs',
				),
				placeholder: 'e.g. data',
			},
		],
		additionalFields: [description, messaging],
		schema: z.object({
			name: requiredText(200),
			photoUrls: photoUrls.min(1, 'needs at least one photo: give URLs in photoUrls or binary fields in inputBinaryFields'),
			description: optionalText(1000),
			messaging: optionalText(5000),
		}),
		urls: {
			parameter: 'photoUrls',
			uploadParameter: 'inputBinaryFields',
			noun: 'photo',
			min: 1,
			max: Number.POSITIVE_INFINITY,
			accepted: IMAGE_INPUT_MIME_TYPES,
		},
	},
	update: {
		fields: [
			description,
			messaging,
			textProperty('Name', 'name', 'The product’s new name, up to 200 characters'),
			{ ...photoUrlsProperty, description: `${photoUrlsProperty.description}: they replace the product’s photos` },
		],
		schema: z.object({
			name: requiredText(200).optional(),
			description: optionalText(1000),
			photoUrls: photoUrls.min(1, 'needs at least one photo URL').optional(),
			messaging: optionalText(5000),
		}),
	},
};
