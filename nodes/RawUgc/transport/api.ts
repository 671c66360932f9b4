import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { jitter, pause, throwIfCancelled } from '../helpers/pause';
import { settle } from '../helpers/settle';
import { Pacer, pacerFor, pacerId, RateLimitWaitExceeded } from './pacer';
import { API_VERSION } from '../schema';
import { apiError, ErrorContext, networkError } from './errors';

export const CREDENTIAL_TYPE = 'rawUgcApi';

/** The node's execute context, the trigger's poll context, or the editor's list loading. */
export type ApiContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

type RequestBody = IHttpRequestOptions['body'];

export interface ApiCall {
	/** POST is never resent blindly (it may have acted); GET, PATCH and DELETE are safe to repeat. */
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	/** Relative to the credential's base URL, e.g. `/images/generate`. */
	path: string;
	qs?: IDataObject;
	/** The body, or a function that makes it afresh for each attempt (a stream is read once). */
	body?: RequestBody | (() => Promise<RequestBody>);
	/** False for a body that is not JSON (multipart). Default true. */
	json?: boolean;
	/** True for a streamed body: following redirects would keep all of it in memory to replay it. */
	noRedirects?: boolean;
	/** Plain words for errors: "submitting the image", "checking the image's status". */
	what: string;
	context?: ErrorContext;
	/**
	 * The caller's deadline (ms epoch): past it a 429 is no longer waited out, a transient fault
	 * no longer retried, and an answer awaited only briefly (LAST_REQUEST_TIMEOUT_MS).
	 */
	deadlineMs?: number;
	/** Called as each attempt leaves (after the wait for the rate limit). */
	onSent?: () => void;
	/**
	 * Called when an attempt was answered 429 (refused: nothing done) and the call waits for the
	 * rate limit: a cancel before the next attempt leaves nothing charged.
	 */
	onNothingDone?: () => void;
	/** How long the answer may take, for calls that work for minutes (an analysis); else the usual. */
	timeoutMs?: number;
}

/**
 * A POST that failed in a way that leaves open whether the API acted on it (a reset, a
 * time-out, a 5xx). The API has no idempotency key, so it is never blindly sent again.
 */
export class AmbiguousRequestError extends Error {
	constructor(readonly cause: Error) {
		super(cause.message);
		this.name = 'AmbiguousRequestError';
	}
}

// Transient faults on safe requests: capped exponential backoff with full jitter.
const MAX_RETRIES = 4;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;
/** How long an answer may take unless the call says otherwise; tests lower it. */
export const requestLimits = { timeoutMs: 60_000 };
// A request at (or past) its caller's deadline, such as a job's last look, still gets this long.
const LAST_REQUEST_TIMEOUT_MS = 3_000;
// Network codes that prove the request never reached the API.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

function backoffMs(attempt: number): number {
	return jitter(Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt)) + 100;
}

/** No retry wait and no answer is awaited past the caller's deadline (within the last request's grace). */
function withinDeadline(call: ApiCall, waitMs: number): boolean {
	return call.deadlineMs === undefined || Date.now() + waitMs <= call.deadlineMs;
}

/**
 * The call's own time-out (an answer that may take minutes), else the usual one, cut to the caller's
 * deadline. Not a POST's: its answer carries the paid job's id, which a short wait would lose.
 */
function timeoutMs(call: ApiCall): number {
	if (call.timeoutMs !== undefined) return call.timeoutMs;
	if (call.deadlineMs === undefined || call.method === 'POST') return requestLimits.timeoutMs;
	return Math.min(requestLimits.timeoutMs, Math.max(LAST_REQUEST_TIMEOUT_MS, call.deadlineMs - Date.now()));
}

/** The network error code of a failed request, looked for through n8n's wrapping. */
function networkCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

function isAborted(error: unknown): boolean {
	const name = (error as Error)?.name ?? '';
	return name === 'AbortError' || name === 'CanceledError' || networkCode(error) === 'ERR_CANCELED';
}

/**
 * The one way the node talks to the RawUGC API: authenticated by the credential, every request
 * pinned to today's API version, paced by the key's shared budget, 429s waited out, transient
 * faults retried where that is safe, and errors turned into plain n8n errors.
 */
export class RawUgcApi {
	private constructor(
		private readonly ctx: ApiContext,
		readonly baseUrl: string,
		/** The key's id in this process: a hash, never the key (what is kept per key is kept under it). */
		readonly keyId: string,
		readonly pacer: Pacer,
		readonly signal?: AbortSignal,
	) {}

	static async connect(ctx: ApiContext): Promise<RawUgcApi> {
		const credentials = await ctx.getCredentials<{ apiKey: string; baseUrl?: string }>(CREDENTIAL_TYPE);
		const baseUrl = String(credentials.baseUrl || 'https://rawugc.com/api/v1').replace(/\/+$/, '');
		// A poll has no cancel signal of its own.
		const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
		const apiKey = String(credentials.apiKey ?? '');
		return new RawUgcApi(ctx, baseUrl, pacerId(apiKey, baseUrl), pacerFor(apiKey, baseUrl), signal);
	}

	/**
	 * The same client under another signal: for a short look after a cancel, which must outlive
	 * it. n8n gives an authenticated request the context's cancel signal, so the context handed
	 * to it answers with this one.
	 */
	withSignal(signal: AbortSignal): RawUgcApi {
		const ctx = Object.create(this.ctx, { getExecutionCancelSignal: { value: () => signal } }) as ApiContext;
		return new RawUgcApi(ctx, this.baseUrl, this.keyId, this.pacer, signal);
	}

	/** Calls the API and returns the parsed JSON body of a 2xx answer. */
	async request<T = unknown>(call: ApiCall): Promise<T> {
		const node = this.ctx.getNode();
		// A POST may have created and charged: never sent again once it may have reached the API.
		const sentOnce = call.method === 'POST';
		// A DELETE sent again after an attempt that may have acted finds the thing gone: that is done.
		let mayHaveActed = false;
		// Retries of transient faults; a 429 is not one of them (it is waited out, up to the deadline).
		let attempt = 0;
		for (;;) {
			const turn = await settle(this.pacer.acquire(this.signal, call.deadlineMs));
			if (!turn.ok && turn.error instanceof RateLimitWaitExceeded) throw this.rateLimitGaveUp(call);
			if (!turn.ok) throw turn.error as NodeApiError;
			call.onSent?.();
			const sent = await settle(this.send(call));
			if (!sent.ok) {
				this.pacer.release(undefined, turn.value);
				const error = sent.error;
				if (isAborted(error) || this.signal?.aborted) throwIfCancelled(this.signal);
				const code = networkCode(error);
				const surelyNotSent = code !== undefined && NOT_SENT_CODES.has(code);
				const backoff = backoffMs(attempt);
				const retryable = (surelyNotSent || !sentOnce) && attempt < MAX_RETRIES && withinDeadline(call, backoff);
				if (retryable) {
					mayHaveActed ||= !surelyNotSent;
					attempt++;
					await pause(backoff, this.signal);
					continue;
				}
				// The code (ECONNREFUSED...) lies under n8n's wrapping: name it, not the wrapper.
				const failure = networkError(node, code ? { code } : error, call.what, call.context);
				if (sentOnce && !surelyNotSent) throw new AmbiguousRequestError(failure);
				throw failure;
			}
			const response = sent.value;
			const status = response.statusCode;
			this.pacer.release({ status, headers: response.headers as Record<string, unknown> }, turn.value);
			if (status >= 200 && status < 300) return response.body as T;
			if (status === 404 && call.method === 'DELETE' && mayHaveActed) return { success: true } as T;
			if (status === 429) {
				// Refused before anything was done: the pacer now waits until the reset.
				call.onNothingDone?.();
				continue;
			}
			if (status >= 500) {
				if (sentOnce) throw new AmbiguousRequestError(apiError(node, status, response.body, call.context));
				const backoff = backoffMs(attempt);
				if (attempt < MAX_RETRIES && withinDeadline(call, backoff)) {
					mayHaveActed = true;
					attempt++;
					await pause(backoff, this.signal);
					continue;
				}
			}
			throw apiError(node, status, response.body, call.context);
		}
	}

	/** The rate limit stayed spent past the caller's deadline; a submit then surely cost nothing. */
	private rateLimitGaveUp(call: ApiCall): NodeApiError {
		const error = apiError(this.ctx.getNode(), 429, {}, call.context);
		if (call.method === 'POST') {
			error.description = `Nothing was sent for ${call.what}, so nothing was charged. Raise Options > Max Wait Time, or send fewer items at once.`;
		}
		return error;
	}

	private async send(call: ApiCall): Promise<IN8nHttpFullResponse> {
		const body = typeof call.body === 'function' ? await call.body() : call.body;
		return (await this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx as IExecuteFunctions, CREDENTIAL_TYPE, {
			method: call.method,
			url: `${this.baseUrl}${call.path}`,
			qs: call.qs,
			body,
			json: call.json ?? true,
			disableFollowRedirect: call.noRedirects,
			headers: { 'RawUGC-Version': API_VERSION, Accept: 'application/json' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			sendCredentialsOnCrossOriginRedirect: false,
			timeout: timeoutMs(call),
			abortSignal: this.signal,
		})) as IN8nHttpFullResponse;
	}
}
