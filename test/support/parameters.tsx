/** Node parameters as a saved workflow holds them, for Image > Generate. */
import type { INodeParameters } from 'n8n-workflow';

export const TEXT_TO_IMAGE = 'nano-banana-2';
export const EDIT = 'google/nano-banana-edit';

/** Generate with the text-to-image model and a prompt; anything else as given. */
export function generateParameters(overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'image', operation: 'generate', model: TEXT_TO_IMAGE, prompt: 'A red bicycle', ...overrides };
}

/** Generate with the edit model and one image URL. */
export function editParameters(overrides: INodeParameters = {}): INodeParameters {
	return generateParameters({
		model: EDIT,
		prompt: 'Make the sky purple',
		imageUrls: 'https://example.com/photo.png',
		...overrides,
	});
}

/** Music > Generate with a prompt; anything else as given. */
export function musicParameters(overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'music', operation: 'generate', prompt: 'Calm piano for a product video', ...overrides };
}

/** An n8n expression parameter value: `={{ <code> }}`. */
export function expr(code: string): string {
	return `={{ ${code} }}`;
}

export const SORA_TEXT = 'sora-2-text-to-video';
export const SORA_IMAGE = 'sora-2-image-to-video';
export const VEO = 'veo3';
export const VEO_FAST = 'veo3_fast';
export const KLING = 'kling-2.6/motion-control';

/** Video > Generate with Sora 2 text to video and a prompt; anything else as given. */
export function videoParameters(overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'video', operation: 'generate', model: SORA_TEXT, prompt: 'A cat skateboarding', ...overrides };
}

/** Video > Generate with Kling: one image and one reference video by URL. */
export function klingParameters(overrides: INodeParameters = {}): INodeParameters {
	return videoParameters({
		model: KLING,
		prompt: '',
		imageUrls: 'https://example.com/person.png',
		videoUrls: 'https://example.com/dance.mp4',
		...overrides,
	});
}
