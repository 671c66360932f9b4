import { IMAGE_FILE } from '../helpers/imageType';
import type { JobKind } from './kind';

/** Images: nano banana 2 (text to image) and nano banana edit. Their request rules are in schema.ts. */
export const IMAGE: JobKind = {
	name: 'image',
	noun: 'image',
	title: 'Image',
	idExample: 'img_abc123',
	idField: 'imageId',
	path: '/images',
	listField: 'images',
	urlField: 'url',
	legacyNames: { taskId: 'imageId', resultUrl: 'url' },
	fieldOrder: [
		'imageId', 'status', 'model', 'prompt', 'url', 'imageSize', 'resolution', 'outputFormat',
		'creditsUsed', 'newBalance', 'estimatedCompletionTime', 'createdAt', 'completedAt', 'failCode', 'failMessage',
	],
	file: IMAGE_FILE,
	usualEstimate: '10-30 seconds',
	defaultMaxWaitS: 600,
	matchFields: ['model', 'prompt'],
};
