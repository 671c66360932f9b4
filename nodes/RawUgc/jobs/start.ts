import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError, readBinaryFieldNames, readUrls } from '../helpers/parameters';
import type { InputCount, Job, JobKind, JobRequest } from '../kinds/kind';
import type { RawUgcApi } from '../transport/api';
import { binarySources, checkBinary, uploadFile, type BinarySource } from '../transport/upload';
import { submitJob } from './submit';

/**
 * URLs one request field takes: those typed in the panel, and binaries of the incoming item
 * that are uploaded (POST /upload) just before the submit and join them.
 */
export interface UrlInput {
	/** The request field: `imageUrls`, `videoUrls`. */
	field: string;
	typed: unknown[];
	uploads: BinarySource[];
	count: InputCount;
	/** Plain words for the count's errors: "image", "reference video". */
	noun: string;
	/** The parameter that names the binaries, for errors. */
	uploadParameter: string;
}

/** Reads one URL input of an item: the URLs typed in `field`, the binaries named in `uploadParameter`. */
export function readUrlInput(
	ctx: IExecuteFunctions,
	itemIndex: number,
	input: Omit<UrlInput, 'typed' | 'uploads'> & { accepted: readonly string[] },
): UrlInput {
	const { accepted, ...rest } = input;
	const fields = readBinaryFieldNames(ctx, itemIndex, input.uploadParameter);
	return {
		...rest,
		typed: readUrls(ctx, itemIndex, input.field),
		uploads: binarySources(itemIndex, input.uploadParameter, fields, accepted),
	};
}

// Stand-ins for uploads to come: valid URLs, so the schema counts and checks them with the typed ones.
const standIn = (n: number) => `https://upload.pending/${n}`;

/** Too few or too many URLs, typed and uploaded together; checked before the schema for plain words. */
export function checkUrlCount(ctx: IExecuteFunctions, itemIndex: number, input: UrlInput): void {
	const total = input.typed.length + input.uploads.length;
	const { min, max } = input.count;
	if (total > max) {
		throw inputError(ctx, itemIndex, input.field, `takes at most ${max} ${input.noun}${max === 1 ? '' : 's'} in all (${input.field} and ${input.uploadParameter} together), got ${total}`);
	}
	if (total < min) {
		const amount = min === max ? 'exactly' : 'at least';
		const many = min === 1 ? `one ${input.noun}` : `${min} ${input.noun}s`;
		throw inputError(ctx, itemIndex, input.field, `needs ${amount} ${many}: give URLs in ${input.field} or binary fields in ${input.uploadParameter}`);
	}
}

/** Puts each input's typed URLs and a stand-in per upload into the candidate request (none: not sent). */
export function withStandIns(candidate: Record<string, unknown>, inputs: UrlInput[]): Record<string, unknown> {
	for (const input of inputs) {
		const urls = [...input.typed, ...input.uploads.map((_, n) => standIn(n))];
		if (urls.length > 0) candidate[input.field] = urls;
	}
	return candidate;
}

/** The checked request without the stand-ins: the typed URLs only, until the uploads are done. */
export function withoutStandIns<Request extends Record<string, unknown>>(request: Request, inputs: UrlInput[]): Request {
	const typedOnly: Record<string, unknown> = { ...request };
	for (const input of inputs) {
		const urls = (typedOnly[input.field] as unknown[] | undefined)?.slice(0, input.typed.length) ?? [];
		if (urls.length > 0) typedOnly[input.field] = urls;
		else delete typedOnly[input.field];
	}
	return typedOnly as Request;
}

/** Checks every binary to upload (present, accepted type, size) before anything is sent. */
export async function checkUploads(ctx: IExecuteFunctions, inputs: UrlInput[]): Promise<void> {
	for (const input of inputs) for (const source of input.uploads) await checkBinary(ctx, source);
}

/**
 * The start of every Generate: uploads the item's binaries (streamed, one after the other),
 * adds their URLs after the typed ones, and submits the job once.
 */
export async function uploadThenSubmit(
	ctx: IExecuteFunctions,
	api: RawUgcApi,
	kind: JobKind,
	request: JobRequest,
	inputs: UrlInput[],
	itemIndex: number,
	deadlineMs: number,
): Promise<Job> {
	const complete: JobRequest = { ...request };
	for (const input of inputs) {
		if (input.uploads.length === 0) continue;
		const uploaded: string[] = [];
		for (const source of input.uploads) uploaded.push((await uploadFile(ctx, api, source, deadlineMs)).url);
		complete[input.field] = [...((complete[input.field] as string[] | undefined) ?? []), ...uploaded];
	}
	return await submitJob(ctx, api, kind, complete, itemIndex, deadlineMs);
}
