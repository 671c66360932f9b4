import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../helpers/parameters';
import { IMAGE_INPUT_MIME_TYPES, MAX_UPLOAD_BYTES, uploadResultSchema } from '../schema';
import type { RawUgcApi } from './api';

function binaryOf(ctx: IExecuteFunctions, itemIndex: number, field: string): IBinaryData {
	const binary = ctx.getInputData()[itemIndex]?.binary?.[field];
	if (!binary) {
		const present = Object.keys(ctx.getInputData()[itemIndex]?.binary ?? {});
		throw inputError(
			ctx,
			itemIndex,
			`inputBinaryFields (${field})`,
			`names no binary field of the incoming item${present.length ? ` (it has: ${present.join(', ')})` : ' (it has none)'}`,
		);
	}
	return binary;
}

/** Checks an input binary before anything is sent: it exists, is an accepted image, fits. */
export function checkInputBinary(ctx: IExecuteFunctions, itemIndex: number, field: string): void {
	const binary = binaryOf(ctx, itemIndex, field);
	const mimeType = (binary.mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (!(IMAGE_INPUT_MIME_TYPES as readonly string[]).includes(mimeType)) {
		throw inputError(
			ctx,
			itemIndex,
			`inputBinaryFields (${field})`,
			`is ${mimeType || 'of unknown type'}; RawUGC takes ${IMAGE_INPUT_MIME_TYPES.join(', ')}`,
		);
	}
	const bytes = (binary as IBinaryData & { bytes?: number }).bytes;
	if (bytes !== undefined && bytes > MAX_UPLOAD_BYTES) {
		throw inputError(ctx, itemIndex, `inputBinaryFields (${field})`, `is ${bytes} bytes; RawUGC takes at most 100 MB`);
	}
}

/** Uploads one binary of the incoming item with POST /upload and returns its public URL. */
export async function uploadBinary(
	ctx: IExecuteFunctions,
	api: RawUgcApi,
	itemIndex: number,
	field: string,
	deadlineMs: number,
): Promise<string> {
	const binary = binaryOf(ctx, itemIndex, field);
	const fileName = binary.fileName ?? `${field}.${binary.fileExtension ?? 'bin'}`;
	const body = await api.request({
		method: 'POST',
		path: '/upload',
		json: false,
		body: async () => {
			const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, field);
			const form = new FormData();
			form.append('file', new Blob([buffer], { type: binary.mimeType }), fileName);
			return form;
		},
		what: `uploading binary field "${field}"`,
		context: { itemIndex },
		deadlineMs,
	});
	return uploadResultSchema.parse(typeof body === 'string' ? JSON.parse(body) : body).url;
}
