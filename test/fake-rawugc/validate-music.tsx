/** Validation of POST /music/generate bodies (unknown fields and nulls are errors, as for images). */
import { type Checked, objectBody } from './fields';
import type { MusicModel } from './types';

export const MUSIC_MODELS: readonly MusicModel[] = ['V3_5', 'V4', 'V4_5', 'V4_5PLUS', 'V4_5ALL', 'V5'];

export interface MusicRequest {
	prompt: string;
	model?: MusicModel;
	instrumental?: boolean;
	title?: string;
	style?: string;
}

export function validateMusic(body: unknown): Checked<MusicRequest> {
	const check = objectBody(body);
	if (!('input' in check)) return check;
	check.onlyKnown(['prompt', 'model', 'instrumental', 'title', 'style']);
	check.string('prompt', { required: true, min: 1, max: 2000 });
	check.enumOf('model', MUSIC_MODELS);
	check.boolean('instrumental');
	check.string('title', { max: 200 });
	check.string('style', { max: 500 });
	return check.result();
}
