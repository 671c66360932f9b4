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
