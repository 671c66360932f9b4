import type { RateLimitState } from './pacer';

// No window is believed longer than the documented minute.
const MAX_WINDOW_MS = 60_000;
const OTHERS_FORGOTTEN_AFTER_WINDOWS = 2;

/**
 * This process's share of an API key's budget when other processes (queue-mode workers) spend
 * it too, inferred from nothing but the API's headers and this process's own requests: the
 * window holds `limit - remaining` requests; those that are not this process's (sent within
 * the window) are someone else's. While others hold some, free slots are split as if among as
 * many sharers as the holdings suggest; once their requests leave the window, this process has
 * the whole budget again.
 */
export class BudgetShare {
	/** The sliding window's length as the headers show it: the longest a reset lay ahead. */
	private windowMs = 0;
	/** When this process's requests went out, oldest first, for as long as they may count. */
	private readonly mine: number[] = [];
	private othersHeld = 0;
	/** When others were last seen holding slots: their part is kept for two windows after. */
	private othersSeenAt = 0;

	sent(now = Date.now()): void {
		this.mine.push(now);
	}

	answered(state: RateLimitState, now = Date.now()): void {
		if (state.resetAtMs !== undefined) this.windowMs = Math.min(MAX_WINDOW_MS, Math.max(this.windowMs, state.resetAtMs - now));
		while (this.mine.length > 0 && this.mine[0] <= now - this.windowMs) this.mine.shift();
		if (state.limit === undefined || state.remaining === undefined) return;
		const othersHeld = Math.max(0, state.limit - state.remaining - this.mine.length);
		// A window that emptied while everyone waited says nothing of whether the others are gone:
		// only two windows without them do (then this process has the whole budget again).
		if (othersHeld > 0) this.othersSeenAt = now;
		if (othersHeld > 0 || now - this.othersSeenAt > OTHERS_FORGOTTEN_AFTER_WINDOWS * this.windowMs) this.othersHeld = othersHeld;
	}

	/** Whether requests of others were seen in the window lately. */
	get contended(): boolean {
		return this.othersHeld > 0;
	}

	/**
	 * How many more requests may go now, with `remaining` free slots as last heard and `inFlight`
	 * sent since: while others hold slots, this process's part of the free ones (as if among as
	 * many sharers as the holdings suggest), else all free ones; and no more at once than were
	 * answered within the window (slow start: a sharer that has not shown itself yet may see the
	 * same slots, and the first answers tell), which spends them all in a few round trips.
	 */
	allowance(remaining: number, inFlight: number): number {
		// Never below two, so one answer held back long blocks no other request.
		const atOnce = Math.max(2, this.mine.length - inFlight);
		if (this.othersHeld === 0) return Math.min(remaining, atOnce) - inFlight;
		const sharers = 1 + Math.max(1, Math.round(this.othersHeld / Math.max(1, this.mine.length)));
		const part = remaining / sharers;
		// A fraction of a slot is taken by chance, so sharers do not all take the last one.
		return Math.min(atOnce, Math.floor(part) + (Math.random() < part - Math.floor(part) ? 1 : 0)) - inFlight;
	}

	/**
	 * When the slot this process's oldest request holds frees up, while others hold slots too:
	 * a slot that frees sooner is someone else's, and taking it would race them for it.
	 */
	ownSlotFreesAt(): number | undefined {
		return this.othersHeld > 0 && this.mine.length > 0 ? this.mine[0] + this.windowMs : undefined;
	}
}
