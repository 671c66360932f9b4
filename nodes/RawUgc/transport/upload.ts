import { createHash } from 'node:crypto';

import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inputError } from '../helpers/parameters';
import { pause } from '../helpers/pause';
import { recall, remember, type Asked } from '../helpers/retryMemory';
import { settle } from '../helpers/settle';
import { MAX_UPLOAD_BYTES, uploadResultSchema } from '../schema';
import { AmbiguousRequestError, type RawUgcApi } from './api';
import { StreamedFile, StreamingForm } from './streamingForm';

/** Which parameter named the binary, for errors: `inputBinaryFields` or `binaryPropertyName`. */
export interface BinarySource {
	itemIndex: number;
	field: string;
	parameter: string;
	/** Types POST /upload may receive from this parameter. */
	accepted: readonly string[];
}

export interface UploadedFile {
	url: string;
	contentType?: string;
	size?: number;
}

/** An input binary, checked and ready to send. */
export interface CheckedBinary {
	binary: IBinaryData;
	mimeType: string;
	size: number;
	fileName: string;
}

// An upload may be ambiguous (reset, 5xx): sending it again at worst stores a second copy.
const UPLOAD_ATTEMPTS = 3;
const UPLOAD_RETRY_PAUSE_MS = 1_000;

/** Limits the checks apply; tests lower `maxBytes` to try the size check cheaply. */
export const uploadLimits = { maxBytes: MAX_UPLOAD_BYTES };

/** The named binary fields of one item, each to be uploaded as one of the accepted types. */
export function binarySources(itemIndex: number, parameter: string, fields: string[], accepted: readonly string[]): BinarySource[] {
	return fields.map((field) => ({ itemIndex, field, parameter, accepted }));
}

function problem(ctx: IExecuteFunctions, source: BinarySource, text: string): NodeOperationError {
	return inputError(ctx, source.itemIndex, `${source.parameter} (${source.field})`, text);
}

function megabytes(bytes: number): string {
	return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** The stored size: the binary store's own record first, since Content-Length must be exact. */
async function sizeOf(ctx: IExecuteFunctions, binary: IBinaryData): Promise<number | undefined> {
	if (binary.id) {
		const metadata = await settle(ctx.helpers.getBinaryMetadata(binary.id));
		if (metadata.ok && Number.isFinite(metadata.value.fileSize)) return metadata.value.fileSize;
		return typeof binary.bytes === 'number' ? binary.bytes : undefined;
	}
	// Exact for base64 broken into lines too: decoding skips what is not base64, byteLength would count it.
	if (typeof binary.data === 'string') return Buffer.byteLength(binary.data.replace(/[^A-Za-z0-9+/_-]/g, ''), 'base64');
	return undefined;
}

/** Checks a binary before anything is sent: it exists, its type is accepted, it fits. */
export async function checkBinary(ctx: IExecuteFunctions, source: BinarySource): Promise<CheckedBinary> {
	const binaries = ctx.getInputData()[source.itemIndex]?.binary ?? {};
	const binary = binaries[source.field];
	if (!binary) {
		const present = Object.keys(binaries);
		throw problem(
			ctx,
			source,
			`names no binary field of the incoming item${present.length ? ` (it has: ${present.join(', ')})` : ' (it has none)'}`,
		);
	}
	const mimeType = (binary.mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (!source.accepted.includes(mimeType)) {
		throw problem(ctx, source, `is ${mimeType || 'of unknown type'}; RawUGC takes ${source.accepted.join(', ')}`);
	}
	const size = await sizeOf(ctx, binary);
	if (size === undefined) throw problem(ctx, source, 'has no data that can be read');
	if (size > uploadLimits.maxBytes) {
		throw problem(ctx, source, `is ${megabytes(size)} (${size} bytes); RawUGC takes at most ${megabytes(uploadLimits.maxBytes)}`);
	}
	const fileName = binary.fileName || `${source.field}.${binary.fileExtension ?? mimeType.split('/')[1]}`;
	return { binary, mimeType, size, fileName };
}

/** An upload sends the same file again when it is the same stored binary (its id) or the same bytes. */
function uploadAsked(source: BinarySource, binary: IBinaryData): Asked {
	let file = binary.id;
	const request = () => {
		file ??= createHash('sha256').update(binary.data ?? '').digest('hex');
		return { field: source.field, file };
	};
	return { itemIndex: source.itemIndex, what: 'upload', request };
}

/**
 * Uploads one binary of the incoming item with POST /upload, streamed from n8n's binary store
 * (in filesystem mode from disk, never whole in memory), a fresh stream for each attempt.
 */
export async function uploadFile(
	ctx: IExecuteFunctions,
	api: RawUgcApi,
	source: BinarySource,
	deadlineMs: number,
): Promise<UploadedFile> {
	const { binary, mimeType, size, fileName } = await checkBinary(ctx, source);
	// A retry of this run of the node (Retry On Fail) does not send the file again.
	const asked = uploadAsked(source, binary);
	const earlier = recall(ctx, asked) as UploadedFile | undefined;
	if (earlier) return earlier;
	const binaryId = binary.id;
	const open = binaryId
		? async () => (await ctx.helpers.getBinaryStream(binaryId)) as unknown as AsyncIterable<Uint8Array>
		: async () => [await ctx.helpers.getBinaryDataBuffer(source.itemIndex, source.field)];
	const send = async () =>
		await api.request<unknown>({
			method: 'POST',
			path: '/upload',
			json: false,
			noRedirects: true,
			body: async () => {
				const form = new StreamingForm();
				form.append('file', new StreamedFile(fileName, mimeType, size, open));
				return form as never;
			},
			what: `uploading binary field "${source.field}" of item ${source.itemIndex}`,
			context: { itemIndex: source.itemIndex },
			deadlineMs,
		});
	let body: unknown;
	for (let attempt = 1; ; attempt++) {
		const sent = await settle(send());
		if (sent.ok) {
			body = sent.value;
			break;
		}
		if (!(sent.error instanceof AmbiguousRequestError)) throw sent.error;
		if (attempt >= UPLOAD_ATTEMPTS) throw sent.error.cause;
		await pause(UPLOAD_RETRY_PAUSE_MS * attempt, api.signal);
	}
	const parsed = uploadResultSchema.safeParse(typeof body === 'string' ? safeJson(body) : body);
	if (!parsed.success) {
		throw new NodeOperationError(ctx.getNode(), `RawUGC accepted the upload of "${source.field}" but gave no usable URL`, {
			itemIndex: source.itemIndex,
			description: `Answer: ${String(typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 300)}`,
		});
	}
	const { url, contentType, size: storedSize } = parsed.data;
	const uploaded = { url, contentType, size: storedSize };
	remember(ctx, asked, uploaded);
	return uploaded;
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}
