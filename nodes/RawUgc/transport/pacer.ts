import { createHash } from 'crypto';

import { abortableSleep } from '../helpers/sleep';

import { CancelledError, jitter } from '../helpers/pause';
import { BudgetShare, type SentRequest } from './share';

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

// The documented window (10 a minute). Without headers, a 429 is waited out this long; and no
// reset is believed further away than this, so a client clock behind the API's cannot stall us.
const WINDOW_MS = 60_000;
// After a 429 wait at least this long, doubling while 429s keep coming: a client clock ahead of
// the API's makes every reset look past, and this keeps that from becoming a hot loop.
const MIN_429_WAIT_MS = 1_000;
// Spread over waits that end at a reset, so processes sharing a key do not all fire at once.
// Small while nothing suggests competition; wider once a 429 showed that someone else spends it.
const RESET_JITTER_MS = 250;
const CONTENDED_JITTER_MS = 2_000;
// A slot of one's own is no one else's to race for: only a little spread, for the answers' latency.
const OWN_SLOT_JITTER_MS = 50;
const ANSWER_CHECK_MS = 1_000;

interface Waiter {
	deadlineMs?: number;
	grant: (turn: SentRequest) => void;
	refuse: (error: Error) => void;
}

/**
 * Spends one API key's request budget. Each process has one per key; its knowledge comes only
 * from the API's own headers, so several processes sharing a key stay correct (a 429 that
 * still comes is waited out by the caller), and this pacer only makes 429s rare.
 *
 * Requests take turns in FIFO order. A request may go when the last known `remaining`, less
 * the requests sent since and not yet answered, is above zero; when nothing is known, one
 * request goes alone and its answer teaches the rest. A waiter leaves the line at once when its
 * execution is cancelled, so a cancel never waits behind another execution's turns.
 */
export class Pacer {
	private remaining: number | undefined;
	private resetAtMs = 0;
	/** The reset header of the newest answer believed (`remaining` is from it): orders answers, see learn. */
	private heardResetMs = 0;
	private inFlight = 0;
	/** The last answer was a 429 (others spend the key): waits for a reset are spread wider. */
	private rateLimited = false;
	/** 429s in a row whose reset looked past: a client clock ahead of the API's (then each waits longer). */
	private pastResetsInARow = 0;
	private readonly line: Waiter[] = [];
	private pumping = false;
	/** Requests go into slots of this process's own that freed (no answer since told otherwise). */
	private atOwnSlot = false;
	/** Slots of this process's own that freed and are not taken back yet (no answer since told how many are free). */
	private ownSlotsFreed = 0;
	private wake: (() => void) | undefined;
	private lastUsedAt = Date.now();
	private readonly share = new BudgetShare();

	/** Waits for a turn and a free slot; every acquire must be followed by one `release` (given the turn). */
	async acquire(signal?: AbortSignal, deadlineMs?: number): Promise<SentRequest> {
		if (signal?.aborted) throw new CancelledError();
		this.lastUsedAt = Date.now();
		return await new Promise<SentRequest>((resolve, reject) => {
			const leave = () => {
				const at = this.line.indexOf(waiter);
				if (at >= 0) this.line.splice(at, 1);
				signal?.removeEventListener('abort', onAbort);
			};
			const onAbort = () => {
				leave();
				reject(new CancelledError());
				this.wake?.();
			};
			const waiter: Waiter = {
				deadlineMs,
				grant: (turn) => {
					leave();
					resolve(turn);
				},
				refuse: (error) => {
					leave();
					reject(error);
				},
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.line.push(waiter);
			// A sleeping pump looks again, so a newcomer whose deadline is too near hears it now.
			this.wake?.();
			void this.pump();
		});
	}

	/** Records the answer's headers (or a lost answer: undefined) to the request of `turn` and frees its in-flight slot. */
	release(answer: { status: number; headers: Record<string, unknown> } | undefined, turn: SentRequest): void {
		this.lastUsedAt = Date.now();
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.learn(answer, turn);
		this.wake?.();
	}

	/** When the budget next frees up, if it is spent (for callers that report waits). */
	get blockedUntilMs(): number | undefined {
		return this.remaining !== undefined && this.remaining - this.inFlight <= 0 ? this.resetAtMs : undefined;
	}

	/** Unused for `idleMs`, nothing waiting or on its way, its window passed: it knows nothing a new one would not. */
	isIdle(now: number, idleMs: number): boolean {
		return this.line.length === 0 && this.inFlight === 0 && now >= this.resetAtMs && now - this.lastUsedAt >= idleMs;
	}

	private learn(answer: { status: number; headers: Record<string, unknown> } | undefined, turn: SentRequest): void {
		const state = readRateLimitHeaders(answer?.headers);
		if (answer) this.share.answered(state, Date.now(), turn, answer.status);
		else turn.answeredAt = Date.now();
		if (answer) {
			this.atOwnSlot = false;
			this.ownSlotsFreed = 0;
		}
		if (answer?.status === 429) {
			// A burst of requests sent together meets one 429 each: that is one refusal, not many,
			// so only a 429 after the last wait ended doubles the next wait.
			const alreadyWaiting = this.remaining === 0 && Date.now() < this.resetAtMs;
			if (!alreadyWaiting) this.rateLimited = true;
			this.remaining = 0;
			this.heardResetMs = Math.max(this.heardResetMs, state.resetAtMs ?? 0);
			// A reset ahead is believed (a sharer took the slot); one that looks past is a clock ahead.
			const resetAhead = state.resetAtMs !== undefined && state.resetAtMs > Date.now();
			// Only resets that keep looking past double the wait: one that looks past after 429s whose
			// resets lay ahead (others' slots, a worker starving) is a slot that has just freed.
			if (!alreadyWaiting) this.pastResetsInARow = resetAhead ? 0 : this.pastResetsInARow + 1;
			const floorMs = resetAhead ? 0 : Date.now() + MIN_429_WAIT_MS * 2 ** Math.min(5, Math.max(0, this.pastResetsInARow - 1));
			const resetAtMs = Math.min(state.resetAtMs ?? Date.now() + WINDOW_MS, Date.now() + WINDOW_MS);
			this.resetAtMs = Math.max(this.resetAtMs, resetAtMs, floorMs);
			return;
		}
		if (answer) {
			this.rateLimited = false;
			this.pastResetsInARow = 0;
		}
		if (state.remaining === undefined) {
			// No headers (a proxy's error page, a lost answer): the request most likely counted.
			if (this.remaining !== undefined) this.remaining = Math.max(0, this.remaining - 1);
			return;
		}
		if (!this.isNewer(state.remaining, state.resetAtMs)) return;
		this.remaining = state.remaining;
		if (state.resetAtMs === undefined) return;
		this.heardResetMs = state.resetAtMs;
		this.resetAtMs = Math.min(state.resetAtMs, Date.now() + WINDOW_MS);
	}

	/**
	 * Whether an answer tells of a later moment at the API than the one believed. Answers sent
	 * together come back in any order: believing a late one counted early would give back slots
	 * that the others already spent. In a sliding window the reset (the oldest request's expiry)
	 * never moves back, and while it stays the same nothing leaves the window, so the remaining
	 * count only falls: the later moment has the later reset, or the same reset and fewer left.
	 */
	private isNewer(remaining: number, resetAtMs: number | undefined): boolean {
		if (this.remaining === undefined) return (resetAtMs ?? Infinity) >= this.heardResetMs;
		if (resetAtMs === undefined || resetAtMs === this.heardResetMs) return remaining < this.remaining;
		return resetAtMs > this.heardResetMs;
	}

	/** Hands out slots to the line, in order, for as long as anyone waits. */
	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.line.length > 0) {
				const now = Date.now();
				// A slot of this process's own freed: one more is free than was last heard.
				const freed = this.share.freedSlots(now);
				if (freed > 0 && this.remaining !== undefined) {
					this.remaining += freed;
					this.ownSlotsFreed += freed;
					this.atOwnSlot = true;
				}
				const retaking = this.ownSlotsFreed > 0;
				const free = this.remaining === undefined ? (this.inFlight === 0 ? 1 : 0) : this.share.allowance(this.remaining, this.inFlight, now, retaking, this.line.length === 1);
				if (free > 0) {
					if (retaking) this.ownSlotsFreed--;
					this.inFlight++;
					const turn = this.share.sent(now);
					turn.atOwnSlot = this.atOwnSlot;
					this.line[0].grant(turn);
					continue;
				}
				const spent = this.remaining !== undefined && this.inFlight === 0;
				const slotAt = this.nextSlotAt(now);
				if (spent && now >= slotAt) {
					// The window moved on: at least one slot is free; the next answer tells how many.
					this.remaining = undefined;
					this.atOwnSlot = slotAt < this.resetAtMs;
					continue;
				}
				// Spent: sleep until the reset. Else answers are still coming: sleep until one does.
				// Sharers each wait for a slot of their own (no race); one that holds none races, spread out.
				const ownSlot = this.share.ownSlotFreesAt(now) !== undefined;
				const contended = !ownSlot && (this.rateLimited || this.share.contended);
				// Others seen holding nothing are looked for again a moment later (share.othersGoneLookAt).
				const lookAt = this.share.othersGoneLookAt(this.remaining === undefined ? undefined : this.remaining - this.inFlight) ?? Infinity;
				const wakeAt = spent ? Math.min(lookAt, slotAt + jitter(contended ? CONTENDED_JITTER_MS : ownSlot ? OWN_SLOT_JITTER_MS : RESET_JITTER_MS)) : undefined;
				if (wakeAt !== undefined) this.refuseLate(wakeAt);
				await this.sleep(wakeAt);
			}
		} finally {
			this.pumping = false;
		}
	}

	/**
	 * When a slot frees for this process: the reset; or the one its own oldest request holds,
	 * which needs no reset (rounded up to whole seconds, and most often someone else's slot),
	 * once the window's length is known or guessed in whole seconds (share.ownSlotsTimed). A 429
	 * met on a slot not its own does not make its own slots later (429s at its own slots may refute
	 * the whole seconds: see share). Else not before the reset either.
	 */
	private nextSlotAt(now: number): number {
		const ownSlotAt = this.share.ownSlotFreesAt(now);
		if (ownSlotAt === undefined) return this.resetAtMs;
		return this.share.ownSlotsTimed ? ownSlotAt : Math.max(this.resetAtMs, ownSlotAt);
	}

	/** Waiters whose deadline comes before the next free slot are told now, not at the slot. */
	private refuseLate(slotAtMs: number): void {
		for (const waiter of [...this.line]) {
			if (waiter.deadlineMs !== undefined && waiter.deadlineMs < slotAtMs) waiter.refuse(new RateLimitWaitExceeded(slotAtMs));
		}
	}

	/** Until `untilMs` (or until an answer comes), or until woken by a release, a newcomer or a cancel. */
	private async sleep(untilMs: number | undefined): Promise<void> {
		const alarm = new AbortController();
		this.wake = () => {
			this.wake = undefined;
			alarm.abort();
		};
		// Awaiting answers, look again now and then anyway: a slot is never lost to a missed wake.
		const ms = untilMs === undefined ? ANSWER_CHECK_MS : Math.max(0, untilMs - Date.now());
		await abortableSleep(ms, alarm.signal).catch(() => undefined);
		this.wake = undefined;
	}
}

const pacers = new Map<string, Pacer>();

/** How long the pacer of a key nobody uses is kept (tests lower it). */
export const pacerLimits = { idleMs: 600_000 };

/** The id a key's pacer is known by: a hash, so the key itself is never kept. */
export function pacerId(apiKey: string, baseUrl: string): string {
	return createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex');
}

/** The process-wide pacer of one API key, found by a hash of it; idle ones of other keys are dropped. */
export function pacerFor(apiKey: string, baseUrl: string): Pacer {
	const id = pacerId(apiKey, baseUrl);
	const now = Date.now();
	for (const [known, pacer] of pacers) if (known !== id && pacer.isIdle(now, pacerLimits.idleMs)) pacers.delete(known);
	let pacer = pacers.get(id);
	if (!pacer) {
		pacer = new Pacer();
		pacers.set(id, pacer);
	}
	return pacer;
}

/** The ids of the pacers this process holds (for tests: they are hashes, never keys). */
export function knownPacerIds(): string[] {
	return [...pacers.keys()];
}
