import { z } from 'zod';

import { AUDIO_FILE } from '../helpers/audioType';
import { IMAGE_FILE } from '../helpers/imageType';
import { oneOf } from '../schema';
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
	extraFiles: [
		{
			option: 'downloadAlbumArt',
			displayName: 'Download Album Art',
			noun: 'album art',
			urlField: 'albumArtUrl',
			binaryPropertyName: 'albumArt',
			file: IMAGE_FILE,
		},
	],
};

/** Suno models, newest first (the panel's order); V5 is the API's default. */
export const MUSIC_MODELS = ['V5', 'V4_5ALL', 'V4_5PLUS', 'V4_5', 'V4', 'V3_5'] as const;
export type MusicModel = (typeof MUSIC_MODELS)[number];

/** Every track costs the same, whatever the model. */
export const CREDITS_PER_TRACK = 3;

export const MUSIC_LIMITS = { prompt: 2000, title: 200, style: 500 } as const;

const text = (max: number) =>
	z
		.string({ required_error: 'is required', invalid_type_error: 'must be text' })
		.trim()
		.max(max, `must be at most ${max} characters`);

/** The body of POST /music/generate; `title` and `style` are left out when empty. */
export const musicRequestSchema = z
	.object({
		prompt: text(MUSIC_LIMITS.prompt).min(1, 'is required'),
		model: oneOf(MUSIC_MODELS),
		instrumental: z.boolean({ invalid_type_error: 'must be true or false' }),
		title: text(MUSIC_LIMITS.title).optional(),
		style: text(MUSIC_LIMITS.style).optional(),
	})
	.strict();
export type MusicRequest = z.infer<typeof musicRequestSchema>;
