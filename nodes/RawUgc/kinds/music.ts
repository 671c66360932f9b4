import { AUDIO_FILE } from '../helpers/audioType';
import type { JobKind } from './kind';

/** Music: Suno tracks. */
export const MUSIC: JobKind = {
	name: 'music',
	noun: 'track',
	title: 'Music',
	idExample: 'mus_abc123',
	idField: 'musicId',
	path: '/music',
	listField: 'tracks',
	urlField: 'audioUrl',
	// The old audio field's name is not documented: `resultUrl`, as for the other kinds, is assumed.
	legacyNames: { taskId: 'musicId', resultUrl: 'audioUrl', imageUrl: 'albumArtUrl' },
	fieldOrder: [
		'musicId', 'status', 'model', 'prompt', 'title', 'audioUrl', 'albumArtUrl', 'duration',
		'creditsUsed', 'newBalance', 'estimatedCompletionTime', 'createdAt', 'completedAt', 'failCode', 'failMessage',
	],
	file: AUDIO_FILE,
	usualEstimate: '1-3 minutes',
	defaultMaxWaitS: 900,
	matchFields: ['model', 'prompt'],
};
