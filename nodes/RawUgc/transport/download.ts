import type { IBinaryData, IExecuteFunctions, IN8nHttpFullResponse, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeUnexpected, type ResultFile } from '../helpers/fileType';
import { pause, throwIfCancelled } from '../helpers/pause';
import { settle } from '../helpers/settle';
import { BodyLengthError, WatchedBody, type SourceStream } from './watchedBody';

/** The node's execute context, or the trigger's poll context: both can store binary data. */
type DownloadContext = IExecuteFunctions | IPollFunctions;

const MAX_ATTEMPTS = 3;
const RETRY_PAUSE_MS = 500;
// Until the answer's headers arrive; after that the idle watch below applies.
const DOWNLOAD_TIMEOUT_MS = 120_000;
const STALL_CHECK_MS = 250;

/** How long a body may send nothing before the try is given up; tests lower it. */
export const downloadLimits = { idleMs: 60_000 };

/** A failure worth another try: a cut-off body, a 5xx, a dropped connection, a stall. */
class TransientDownloadError extends Error {}

export interface DownloadTarget {
	/** The job the file belongs to, named in every error. */
	job: { idField: string; id: string };
	/** What is downloaded, for messages: "image", "video", "track", "album art". */
	noun: string;
	url: string;
	itemIndex: number;
	/** What counts as a good file. */
	file: ResultFile;
	/** The file's name without its extension (the job's id). */
	fileStem: string;
}

/** A download error about a job: its id and url are in the message and the context. */
function downloadError(ctx: DownloadContext, target: DownloadTarget, message: string, description: string) {
	const { idField, id } = target.job;
	const text = `${message} (${idField} ${id})`;
	const error = new NodeOperationError(ctx.getNode(), text, { itemIndex: target.itemIndex, description });
	// n8n swaps a message naming a common network code (ECONNRESET...) for stock words, which would
	// lose what failed, its URL and, in the trigger, the job's id: keep ours.
	error.message = text;
	error.context[idField] = id;
	error.context.jobIdField = idField;
	error.context.url = target.url;
	return error;
}

/**
 * Downloads a result straight into n8n's binary store: streamed (in filesystem mode it goes to
 * disk, never whole into memory), with no API key (the file host is not the API), its type
 * read from its bytes, and its length checked; a cut-off or stalled body is fetched again.
 */
export async function downloadResult(ctx: DownloadContext, target: DownloadTarget): Promise<IBinaryData> {
	// A trigger's poll has no cancel signal of its own.
	const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
	let lastProblem = '';
	for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
		const downloaded = await settle(downloadOnce(ctx, target, signal));
		if (downloaded.ok) return downloaded.value;
		throwIfCancelled(signal);
		if (!(downloaded.error instanceof TransientDownloadError)) throw downloaded.error as NodeOperationError;
		lastProblem = downloaded.error.message;
		if (attempt < MAX_ATTEMPTS) await pause(RETRY_PAUSE_MS * attempt, signal);
	}
	throw downloadError(
		ctx,
		target,
		`Downloading the ${target.noun} failed after ${MAX_ATTEMPTS} tries: ${lastProblem}; URL: ${target.url}`,
		`The ${target.noun} is still on RawUGC: collect it with Get, or download it from ${target.url}`,
	);
}

/**
 * Cuts the body when a read has waited `downloadLimits.idleMs` for bytes: a stalled body would
 * otherwise hang the item forever (the request time-out stops counting once headers came).
 */
async function watchForStall(body: WatchedBody, stop: AbortSignal, onStall: () => void): Promise<void> {
	for (;;) {
		const waited = await settle(pause(STALL_CHECK_MS, stop));
		if (!waited.ok || body.ended) return;
		if (body.waitingMs(Date.now()) >= downloadLimits.idleMs) {
			onStall();
			return;
		}
	}
}

/** The execution's cancel signal, joined with this try's own (to give up a stalled body). */
function joinSignals(execution: AbortSignal | undefined, attempt: AbortSignal): AbortSignal {
	const any = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
	if (!execution) return attempt;
	return typeof any === 'function' ? any.call(AbortSignal, [execution, attempt]) : execution;
}

async function downloadOnce(
	ctx: DownloadContext,
	target: DownloadTarget,
	signal: AbortSignal | undefined,
): Promise<IBinaryData> {
	const attempt = new AbortController();
	try {
		const requested = await settle(
			ctx.helpers.httpRequest({
				method: 'GET',
				url: target.url,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: DOWNLOAD_TIMEOUT_MS,
				// The bytes as stored: a compressed answer's Content-Length would not count the file's bytes.
				headers: { 'Accept-Encoding': 'identity' },
				abortSignal: joinSignals(signal, attempt.signal),
			}) as Promise<IN8nHttpFullResponse>,
		);
		if (!requested.ok) {
			const error = requested.error as { code?: string; message?: string };
			throw new TransientDownloadError(`the connection failed (${error.code ?? error.message})`);
		}
		const response = requested.value;
		const source = response.body as unknown as SourceStream;
		const status = response.statusCode;
		if (status < 200 || status >= 300) {
			source.destroy();
			if (status >= 500 || status === 429) throw new TransientDownloadError(`the file host answered ${status}`);
			throw downloadError(
				ctx,
				target,
				`Downloading the ${target.noun} failed: the file host answered ${status}`,
				`URL: ${target.url}`,
			);
		}
		const announced = Number(response.headers['content-length']);
		const body = new WatchedBody(source, Number.isFinite(announced) && announced > 0 ? announced : undefined);
		let stalled = false;
		void watchForStall(body, attempt.signal, () => {
			stalled = true;
			attempt.abort(); // lets the connection go
			body.cut(new Error('the file host stopped sending'));
		});
		const stored = await settle(storeFile(ctx, target, response, body));
		if (stored.ok) return stored.value;
		if (stalled) {
			throw new TransientDownloadError(`no data came for ${Math.round(downloadLimits.idleMs / 1000)} s`);
		}
		throw stored.error;
	} finally {
		attempt.abort();
	}
}

/**
 * Checks the first bytes, then streams the whole body into n8n's binary store. A body not as
 * long as announced fails while it is stored, so n8n keeps nothing of it (a try that failed
 * after the store took it would leave its file there until the execution is pruned).
 */
async function storeFile(
	ctx: DownloadContext,
	target: DownloadTarget,
	response: IN8nHttpFullResponse,
	body: WatchedBody,
): Promise<IBinaryData> {
	const head = await settle(body.head(target.file.sniffBytes));
	if (!head.ok) throw brokenOff(head.error);
	const type = target.file.sniff(Buffer.concat(head.value));
	if (!type) {
		body.cut();
		const contentType = String(response.headers['content-type'] ?? '');
		throw downloadError(
			ctx,
			target,
			`The result is not ${target.file.what}: the file host sent ${describeUnexpected(Buffer.concat(head.value), contentType)}`,
			`Nothing was passed on as ${target.file.what}. URL: ${target.url}`,
		);
	}
	const fileName = `${target.fileStem}.${type.extension}`;
	const stored = await settle(
		Promise.resolve().then(async () => {
			const data = WatchedBody.canRestream(response.body)
				? body.restream(head.value)
				: await wholeBody(body, head.value); // not a Node stream: no way to stream it on
			return await ctx.helpers.prepareBinaryData(data as never, fileName, type.mimeType);
		}),
	);
	if (!stored.ok) throw brokenOff(stored.error);
	const binary = stored.value;
	binary.fileExtension = type.extension;
	binary.mimeType = type.mimeType;
	binary.fileName = fileName;
	return binary;
}

function brokenOff(error: unknown): TransientDownloadError {
	if (error instanceof BodyLengthError) return new TransientDownloadError(error.message);
	return new TransientDownloadError(`the download broke off (${(error as Error).message})`);
}

async function wholeBody(body: WatchedBody, head: Buffer[]): Promise<Buffer> {
	const chunks = [...head];
	for (let chunk = await body.next(); chunk; chunk = await body.next()) chunks.push(chunk);
	return Buffer.concat(chunks);
}
