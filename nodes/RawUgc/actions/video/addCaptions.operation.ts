import type { INodeProperties } from 'n8n-workflow';

import { zodInputError } from '../../helpers/parameters';
import { captionsRequestSchema } from '../../kinds/videoEdits';
import { videoEditOperation } from './edit';

const properties: INodeProperties[] = [
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		default: '',
		placeholder: 'e.g. en',
		description: 'Language of the speech, as a code such as en or es. Empty: RawUGC detects it.',
	},
];

/** `Video > Add Captions`: styled captions of the speech; 1 credit. */
export const addCaptions = videoEditOperation({
	nodeOperation: 'addCaptions',
	operation: 'captions',
	adds: 'captions',
	properties,
	readBody(ctx, itemIndex) {
		const language = ctx.getNodeParameter('language', itemIndex, '') as unknown;
		const candidate = language === '' || language === null || language === undefined ? {} : { language };
		const parsed = captionsRequestSchema.safeParse(candidate);
		if (!parsed.success) throw zodInputError(ctx, itemIndex, parsed.error);
		// Spaces alone mean "detect it", like an empty field.
		return parsed.data.language ? parsed.data : {};
	},
});
