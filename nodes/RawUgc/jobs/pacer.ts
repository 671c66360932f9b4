import { createHash } from 'crypto';

import { jitter, pause, throwIfCancelled } from '../helpers/pause';

/** What a response's X-RateLimit-* headers say. */
export interface RateLimitState {
	limit?: number;
	remaining?: number;
	/** When the window frees up, ms epoch (the header gives Unix seconds). */
	resetAtMs?: number;
}

/** Thrown when the next free slot comes after the caller's deadline. */
export class RateLimitWaitExceeded extends Error {
	constructor(readonly resetAtMs: number) {
		super('The rate limit would not free up before the wait ran out');
		this.name = 'RateLimitWaitExceeded';
	}
}

function headerNumber(headers: Record<string, unknown>, name: string): number | undefined {
	const raw = headers[name] ?? headers[name.toLowerCase()];
	const value = Number(Array.isArray(raw) ? raw[0] : raw);
	return raw === undefined || raw === null || raw === '' || Number.isNaN(value) ? undefined : value;
}

export function readRateLimitHeaders(headers: Record<string, unknown> = {}): RateLimitState {
	const reset = headerNumber(headers, 'x-ratelimit-reset');
	return {
		limit: headerNumber(headers, 'x-ratelimit-limit'),
		remaining: headerNumber(headers, 'x-ratelimit-remaining'),
		resetAtMs: reset === undefined ? undefined : reset * 1000,
	};
}

// Without headers to go by, a 429 is waited out for the documented one-minute window.
const DEFAULT_WINDOW_MS = 60_000;
// How often a waiter looks again while the answers it depends on are still in flight.
const IN_FLIGHT_CHECK_MS = 25;
// Spread over waits that end at a reset, so competing processes do not all fire at once.
const RESET_JITTER_MS = 400;

/**
 * Spends one API key's request budget. Each process has one per key; its knowledge comes only
 * from the API's own headers, so several processes sharing a key stay correct (a 429 that
 * still comes is waited out by the caller), and this pacer only makes 429s rare.
 *
 * Requests take turns in FIFO order. A request may go when the last known `remaining`, less
 * the requests sent since and not yet answered, is above zero; when nothing is known, one
 * request goes alone and its answer teaches the rest.
 */
export class Pacer {
	private remaining: number | undefined;
	private resetAtMs = 0;
	private inFlight = 0;
	private queue: Promise<void> = Promise.resolve();

	/** Waits for a turn and a free slot; every acquire must be followed by one `release`. */
	async acquire(signal?: AbortSignal, deadlineMs?: number): Promise<void> {
		const turn = this.queue.then(async () => await this.waitForSlot(signal, deadlineMs));
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	/** Records the answer's headers (or a lost answer) and frees the in-flight slot. */
	release(answer?: { status: number; headers: Record<string, unknown> }): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		if (!answer) return;
		const state = readRateLimitHeaders(answer.headers);
		if (answer.status === 429) {
			this.remaining = 0;
			this.resetAtMs = Math.max(this.resetAtMs, state.resetAtMs ?? Date.now() + DEFAULT_WINDOW_MS);
			return;
		}
		if (state.remaining !== undefined) this.remaining = state.remaining;
		if (state.resetAtMs !== undefined) this.resetAtMs = state.resetAtMs;
	}

	/** When the budget next frees up, if it is spent (for callers that report waits). */
	get blockedUntilMs(): number | undefined {
		return this.remaining !== undefined && this.remaining - this.inFlight <= 0 ? this.resetAtMs : undefined;
	}

	private async waitForSlot(signal?: AbortSignal, deadlineMs?: number): Promise<void> {
		for (;;) {
			throwIfCancelled(signal);
			const now = Date.now();
			const free = this.remaining === undefined ? (this.inFlight === 0 ? 1 : 0) : this.remaining - this.inFlight;
			if (free > 0) {
				this.inFlight++;
				return;
			}
			const spent = this.remaining !== undefined && this.inFlight === 0;
			if (spent && now >= this.resetAtMs) {
				// The window moved on: at least one slot is free; the next answer tells how many.
				this.remaining = undefined;
				continue;
			}
			const waitMs = spent ? this.resetAtMs - now + jitter(RESET_JITTER_MS) : IN_FLIGHT_CHECK_MS;
			if (deadlineMs !== undefined && now + waitMs > deadlineMs) {
				throw new RateLimitWaitExceeded(spent ? this.resetAtMs : now + waitMs);
			}
			await pause(waitMs, signal);
		}
	}
}

const pacers = new Map<string, Pacer>();

/** The process-wide pacer of one API key, found by a hash (the key itself is never kept). */
export function pacerFor(apiKey: string, baseUrl: string): Pacer {
	const id = createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex');
	let pacer = pacers.get(id);
	if (!pacer) {
		pacer = new Pacer();
		pacers.set(id, pacer);
	}
	return pacer;
}
