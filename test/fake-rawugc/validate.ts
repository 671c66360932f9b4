/**
 * Validation of POST /images/generate bodies. Stricter than the real API on purpose: a field
 * of the other model, an unknown field or a null is an error, so the node's leaks are caught.
 */
import type { Model } from './types';

export const MODELS: readonly Model[] = ['nano-banana-2', 'google/nano-banana-edit'];
export const COST: Record<Model, number> = { 'nano-banana-2': 4, 'google/nano-banana-edit': 2 };

const ASPECT_RATIOS = ['1:1', '1:4', '1:8', '2:3', '3:2', '3:4', '4:1', '4:3', '4:5', '5:4', '8:1', '9:16', '16:9', '21:9', 'auto'];
const IMAGE_SIZES = ['1:1', '9:16', '16:9', '3:4', '4:3', '3:2', '2:3', '5:4', '4:5', '21:9', 'auto'];
const RESOLUTIONS = ['1K', '2K', '4K'];
const OUTPUT_FORMATS = ['png', 'jpeg', 'jpg'];
const MAX_PROMPT = 20000;
const MAX_IMAGE_URLS = 14;

const ONLY_FOR: Record<string, Model> = {
	aspectRatio: 'nano-banana-2',
	resolution: 'nano-banana-2',
	googleSearch: 'nano-banana-2',
	imageSize: 'google/nano-banana-edit',
};
const KNOWN = new Set(['model', 'prompt', 'imageUrls', 'outputFormat', ...Object.keys(ONLY_FOR)]);

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

export type Validation =
	| { ok: true; value: GenerateRequest }
	| { ok: false; errors: Record<string, string[]> };

function describe(value: unknown): string {
	if (value === null) return 'null';
	return Array.isArray(value) ? 'array' : typeof value;
}

function isHttpUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

export function validateGenerate(body: unknown): Validation {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { ok: false, errors: { body: [`Expected a JSON object, received ${describe(body)}`] } };
	}
	const input = body as Record<string, unknown>;
	const errors: Record<string, string[]> = {};
	const add = (field: string, message: string) => (errors[field] ??= []).push(message);
	const enumField = (field: string, allowed: string[]) => {
		const value = input[field];
		if (value === undefined) return;
		if (typeof value !== 'string' || !allowed.includes(value)) {
			add(field, `Invalid enum value. Expected ${allowed.map((a) => `'${a}'`).join(' | ')}, received ${JSON.stringify(value)}`);
		}
	};

	for (const field of Object.keys(input)) {
		if (!KNOWN.has(field)) add(field, `Unrecognized field '${field}'`);
	}

	const model = input.model;
	if (model === undefined) add('model', 'Required');
	else if (typeof model !== 'string' || !MODELS.includes(model as Model)) {
		add('model', `Invalid enum value. Expected ${MODELS.map((m) => `'${m}'`).join(' | ')}, received ${JSON.stringify(model)}`);
	}

	const prompt = input.prompt;
	if (prompt === undefined) add('prompt', 'Required');
	else if (typeof prompt !== 'string') add('prompt', `Expected string, received ${describe(prompt)}`);
	else if (prompt.length < 1) add('prompt', 'String must contain at least 1 character(s)');
	else if (prompt.length > MAX_PROMPT) add('prompt', `String must contain at most ${MAX_PROMPT} character(s)`);

	const imageUrls = input.imageUrls;
	if (imageUrls !== undefined) {
		if (!Array.isArray(imageUrls)) add('imageUrls', `Expected array, received ${describe(imageUrls)}`);
		else {
			if (imageUrls.length > MAX_IMAGE_URLS) add('imageUrls', `Array must contain at most ${MAX_IMAGE_URLS} element(s)`);
			imageUrls.forEach((url, index) => {
				if (!isHttpUrl(url)) add(`imageUrls.${index}`, 'Invalid url: expected a public http or https URL');
			});
		}
	}
	if (model === 'google/nano-banana-edit' && (!Array.isArray(imageUrls) || imageUrls.length === 0) && !errors.imageUrls) {
		add('imageUrls', 'At least one image URL is required for google/nano-banana-edit');
	}

	enumField('aspectRatio', ASPECT_RATIOS);
	enumField('imageSize', IMAGE_SIZES);
	enumField('resolution', RESOLUTIONS);
	enumField('outputFormat', OUTPUT_FORMATS);
	if (input.googleSearch !== undefined && typeof input.googleSearch !== 'boolean') {
		add('googleSearch', `Expected boolean, received ${describe(input.googleSearch)}`);
	}

	if (MODELS.includes(model as Model)) {
		for (const [field, owner] of Object.entries(ONLY_FOR)) {
			if (input[field] !== undefined && owner !== model) add(field, `${field} is only supported by ${owner}`);
		}
	}

	if (Object.keys(errors).length) return { ok: false, errors };
	return { ok: true, value: input as unknown as GenerateRequest };
}
