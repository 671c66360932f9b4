/**
 * Validation of POST /images/generate bodies. Stricter than the real API on purpose: a field
 * of the other model, an unknown field or a null is an error, so the node's leaks are caught.
 */
import { type Checked, objectBody } from './fields';
import type { Model } from './types';

export const MODELS: readonly Model[] = ['nano-banana-2', 'google/nano-banana-edit'];
export const COST: Record<Model, number> = { 'nano-banana-2': 4, 'google/nano-banana-edit': 2 };

const ASPECT_RATIOS = ['1:1', '1:4', '1:8', '2:3', '3:2', '3:4', '4:1', '4:3', '4:5', '5:4', '8:1', '9:16', '16:9', '21:9', 'auto'];
const IMAGE_SIZES = ['1:1', '9:16', '16:9', '3:4', '4:3', '3:2', '2:3', '5:4', '4:5', '21:9', 'auto'];
const RESOLUTIONS = ['1K', '2K', '4K'];
const OUTPUT_FORMATS = ['png', 'jpeg', 'jpg'];

const ONLY_FOR: Record<string, readonly Model[]> = {
	aspectRatio: ['nano-banana-2'],
	resolution: ['nano-banana-2'],
	googleSearch: ['nano-banana-2'],
	imageSize: ['google/nano-banana-edit'],
};

export interface GenerateRequest {
	model: Model;
	prompt: string;
	imageUrls?: string[];
	aspectRatio?: string;
	imageSize?: string;
	resolution?: string;
	outputFormat?: string;
	googleSearch?: boolean;
}

export type Validation = Checked<GenerateRequest>;

export function validateGenerate(body: unknown): Validation {
	const check = objectBody(body);
	if (!('input' in check)) return check;
	check.onlyKnown(['model', 'prompt', 'imageUrls', 'outputFormat', ...Object.keys(ONLY_FOR)]);
	const model = check.input.model;
	check.enumOf('model', MODELS, true);
	check.string('prompt', { required: true, min: 1, max: 20000 });
	const edit = model === 'google/nano-banana-edit';
	check.urls('imageUrls', { max: 14, required: edit ? 'At least one image URL is required for google/nano-banana-edit' : undefined });
	check.enumOf('aspectRatio', ASPECT_RATIOS);
	check.enumOf('imageSize', IMAGE_SIZES);
	check.enumOf('resolution', RESOLUTIONS);
	check.enumOf('outputFormat', OUTPUT_FORMATS);
	check.boolean('googleSearch');
	if (MODELS.includes(model as Model)) check.onlyFor(model, ONLY_FOR);
	return check.result();
}
