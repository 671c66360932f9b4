import { VIDEO_FILE } from '../helpers/videoType';
import type { JobKind } from './kind';

/** Videos: Sora 2, Veo 3 and Kling, and their edits (captions, overlay). */
export const VIDEO: JobKind = {
	name: 'video',
	noun: 'video',
	title: 'Video',
	idExample: 'vid_abc123',
	idField: 'videoId',
	path: '/videos',
	listField: 'videos',
	urlField: 'url',
	// Old video objects also carried `id`.
	legacyNames: { taskId: 'videoId', id: 'videoId', resultUrl: 'url' },
	fieldOrder: [
		'videoId', 'status', 'model', 'prompt', 'url', 'version', 'operation', 'versions',
		'creditsUsed', 'newBalance', 'estimatedCompletionTime', 'createdAt', 'completedAt', 'failCode', 'failMessage',
	],
	file: VIDEO_FILE,
	usualEstimate: '1-3 minutes',
	defaultMaxWaitS: 1800,
	matchFields: ['model', 'prompt'],
};
