/**
 * Validation of POST /videos/generate bodies, per model as rawugc-api.md lists it. Stricter than
 * the real API on purpose: a field of another model, an unknown field or a null is an error.
 */
import { type Checked, objectBody } from './fields';
import type { FakeCharacter, VideoModel, VideoSettings } from './types';

interface VideoModelRule {
	promptRequired: boolean;
	imageUrls: { max: number; required: boolean };
	videoUrlsRequired: boolean;
	/** Allowed aspect ratios; absent: the model takes no aspectRatio. */
	aspectRatios?: readonly string[];
}

const SORA_RATIOS = ['portrait', 'landscape'];
const VEO_RATIOS = ['16:9', '9:16', 'Auto'];

export const VIDEO_MODELS: Record<VideoModel, VideoModelRule> = {
	'sora-2-text-to-video': { promptRequired: true, imageUrls: { max: 10, required: false }, videoUrlsRequired: false, aspectRatios: SORA_RATIOS },
	'sora-2-image-to-video': { promptRequired: false, imageUrls: { max: 10, required: true }, videoUrlsRequired: false, aspectRatios: SORA_RATIOS },
	'kling-2.6/motion-control': { promptRequired: false, imageUrls: { max: 10, required: true }, videoUrlsRequired: true },
	veo3: { promptRequired: true, imageUrls: { max: 2, required: false }, videoUrlsRequired: false, aspectRatios: VEO_RATIOS },
	veo3_fast: { promptRequired: true, imageUrls: { max: 2, required: false }, videoUrlsRequired: false, aspectRatios: VEO_RATIOS },
};
const MODELS = Object.keys(VIDEO_MODELS) as VideoModel[];
const SORA: VideoModel[] = ['sora-2-text-to-video', 'sora-2-image-to-video'];
const KLING: VideoModel[] = ['kling-2.6/motion-control'];

const ONLY_FOR: Record<string, readonly VideoModel[]> = {
	aspectRatio: MODELS.filter((model) => VIDEO_MODELS[model].aspectRatios),
	nFrames: SORA,
	videoUrls: KLING,
	characterOrientation: KLING,
	mode: KLING,
};

export interface VideoRequest extends VideoSettings {
	model: VideoModel;
	prompt?: string;
}

export function validateVideo(body: unknown, characters: readonly FakeCharacter[]): Checked<VideoRequest> {
	const check = objectBody(body);
	if (!('input' in check)) return check;
	check.onlyKnown(['model', 'prompt', 'imageUrls', 'selectedCharacter', ...Object.keys(ONLY_FOR)]);
	check.enumOf('model', MODELS, true);
	const model = check.input.model as VideoModel;
	const rule = VIDEO_MODELS[model] as VideoModelRule | undefined;
	check.string('prompt', { required: rule?.promptRequired, min: 1, max: 5000 });
	check.urls('imageUrls', {
		max: rule?.imageUrls.max ?? 10,
		required: rule?.imageUrls.required ? `At least one image URL is required for ${model}` : undefined,
	});
	check.urls('videoUrls', { max: 1, required: rule?.videoUrlsRequired ? `One video URL is required for ${model}` : undefined });
	if (rule?.aspectRatios) check.enumOf('aspectRatio', rule.aspectRatios);
	check.enumOf('nFrames', ['10', '15']);
	check.enumOf('characterOrientation', ['image', 'video']);
	check.enumOf('mode', ['720p', '1080p']);
	const character = check.input.selectedCharacter;
	check.string('selectedCharacter', { min: 1, max: 200 });
	if (typeof character === 'string' && character) {
		const known = characters.find((candidate) => candidate.username === character);
		if (!known) check.add('selectedCharacter', `Unknown character '${character}'`);
		else if (!known.isActive) check.add('selectedCharacter', `Character '${character}' is not active`);
	}
	if (rule) check.onlyFor(model, ONLY_FOR);
	return check.result();
}
