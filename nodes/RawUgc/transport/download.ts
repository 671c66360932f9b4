import type { IBinaryData, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeNonImage, sniffImageType, SNIFF_BYTES } from '../helpers/imageType';
import { pause, throwIfCancelled } from '../helpers/pause';
import { settle } from '../helpers/settle';

/** The parts of a Node.js readable stream the download uses (n8n hands an IncomingMessage). */
interface ByteStream {
	read(): Buffer | null;
	unshift(chunk: Buffer): void;
	once(event: string, listener: (...args: unknown[]) => void): unknown;
	removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
	destroy(): void;
	readableEnded?: boolean;
	destroyed?: boolean;
}

const MAX_ATTEMPTS = 3;
const RETRY_PAUSE_MS = 500;
const DOWNLOAD_TIMEOUT_MS = 120_000;

/** A failure worth another try: a cut-off body, a 5xx, a dropped connection. */
class TransientDownloadError extends Error {}

/** Reads the first bytes and puts them back, so the stream still yields everything. */
async function peek(stream: ByteStream, size: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let length = 0;
	while (length < size && !stream.readableEnded && !stream.destroyed) {
		const chunk = stream.read();
		if (chunk) {
			chunks.push(chunk);
			length += chunk.length;
			continue;
		}
		await new Promise<void>((resolve, reject) => {
			const done = () => {
				stream.removeListener('readable', done);
				stream.removeListener('end', done);
				stream.removeListener('error', failed);
				resolve();
			};
			const failed = (error: unknown) => {
				stream.removeListener('readable', done);
				stream.removeListener('end', done);
				reject(new TransientDownloadError(String((error as Error)?.message ?? error)));
			};
			stream.once('readable', done);
			stream.once('end', done);
			stream.once('error', failed);
		});
	}
	const head = Buffer.concat(chunks);
	if (head.length > 0) stream.unshift(head);
	return head.subarray(0, size);
}

export interface DownloadTarget {
	imageId: string;
	url: string;
	itemIndex: number;
}

/**
 * Downloads a result straight into n8n's binary store: streamed (in filesystem mode it goes to
 * disk, never whole into memory), with no API key (the file host is not the API), its type
 * read from its bytes, and its length checked; a cut-off body is fetched again.
 */
export async function downloadImage(ctx: IExecuteFunctions, target: DownloadTarget): Promise<IBinaryData> {
	const signal = ctx.getExecutionCancelSignal();
	let lastProblem = '';
	for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
		const downloaded = await settle(downloadOnce(ctx, target, signal));
		if (downloaded.ok) return downloaded.value;
		throwIfCancelled(signal);
		if (!(downloaded.error instanceof TransientDownloadError)) throw downloaded.error as NodeOperationError;
		lastProblem = downloaded.error.message;
		if (attempt < MAX_ATTEMPTS) await pause(RETRY_PAUSE_MS * attempt, signal);
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`Downloading the image failed after ${MAX_ATTEMPTS} tries (imageId ${target.imageId}): ${lastProblem}`,
		{
			itemIndex: target.itemIndex,
			description: `The image is still on RawUGC: collect it with Get, or download it from ${target.url}`,
		},
	);
}

async function downloadOnce(
	ctx: IExecuteFunctions,
	target: DownloadTarget,
	signal: AbortSignal | undefined,
): Promise<IBinaryData> {
	const requested = await settle(
		ctx.helpers.httpRequest({
			method: 'GET',
			url: target.url,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: DOWNLOAD_TIMEOUT_MS,
			abortSignal: signal,
		}) as Promise<IN8nHttpFullResponse>,
	);
	if (!requested.ok) {
		const error = requested.error as { code?: string; message?: string };
		throw new TransientDownloadError(`the connection failed (${error.code ?? error.message})`);
	}
	const response = requested.value;
	const stream = response.body as unknown as ByteStream;
	const status = response.statusCode;
	if (status < 200 || status >= 300) {
		stream.destroy();
		if (status >= 500 || status === 429) throw new TransientDownloadError(`the file host answered ${status}`);
		throw new NodeOperationError(
			ctx.getNode(),
			`Downloading the image failed: the file host answered ${status} (imageId ${target.imageId})`,
			{ itemIndex: target.itemIndex, description: `URL: ${target.url}` },
		);
	}
	const head = await peek(stream, SNIFF_BYTES);
	const type = sniffImageType(head);
	if (!type) {
		stream.destroy();
		const contentType = String(response.headers['content-type'] ?? '');
		throw new NodeOperationError(
			ctx.getNode(),
			`The result is not an image: the file host sent ${describeNonImage(head, contentType)} (imageId ${target.imageId})`,
			{ itemIndex: target.itemIndex, description: `URL: ${target.url}` },
		);
	}
	const stored = await settle(
		ctx.helpers.prepareBinaryData(stream as never, `${target.imageId}.${type.extension}`, type.mimeType),
	);
	if (!stored.ok) throw new TransientDownloadError(`the download broke off (${(stored.error as Error).message})`);
	const binary = stored.value;
	const expected = Number(response.headers['content-length']);
	const received = (binary as IBinaryData & { bytes?: number }).bytes;
	if (Number.isFinite(expected) && expected > 0 && received !== undefined && received !== expected) {
		throw new TransientDownloadError(`got ${received} of ${expected} bytes`);
	}
	binary.fileExtension = type.extension;
	binary.mimeType = type.mimeType;
	return binary;
}
