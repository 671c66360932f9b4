import type { RateLimitState } from './pacer';

// No window is believed longer than the documented minute.
const MAX_WINDOW_MS = 60_000;
const OTHERS_FORGOTTEN_AFTER_WINDOWS = 1.5;
// Others that held no slot for this long sent nothing for this long: a sharer retakes its slots
// when they free (up to a second late, the window being known to whole seconds), so these are
// done, or wait for their jobs.
export const OTHERS_GONE_AFTER_MS = 2_000;
// A guessed window may be this much shorter than the real one (resets are whole seconds).
const UNPROVEN_WINDOW_SLACK_MS = 1_000;
// A late starter's first answers come this long after the window's oldest request, or more (workers
// start together; on a loaded machine first answers took 60 to 110 ms): a reset that lies this much
// short of one more whole second ahead is guessed as that second. Guessed a second short, workers
// took their own slots back early (15 of a run's 22 x 429); a second long (an oldest request whose
// expiry was rounded up by over 0.8 s), they take them back late, and no 429 comes of it.
const LATE_FIRST_ANSWER_MS = 200;
// A slot free this long (and twice the slowest answer lately) is no sharer's that freed a moment
// ago: each takes its own back as it frees, within about an answer's time.
const UNCLAIMED_AFTER_MS = 200;

/** One request of this process: when it left, and when its answer came (it counted by then). */
export interface SentRequest {
	sentAt: number;
	answeredAt?: number;
	/** Sent when the slot of this process's oldest request freed, not at a reset the API named. */
	atOwnSlot?: boolean;
	/** An answer came when it may have left the window already: that answer's free count had its slot. */
	toldFree?: boolean;
	/** Sent past its part to look whether the others are gone (othersGoneLookAt). */
	look?: boolean;
}

/**
 * This process's share of an API key's budget when other processes (queue-mode workers) spend
 * it too, inferred from nothing but the API's headers and this process's own requests: the
 * window holds `limit - remaining` requests; those that are not this process's (sent within
 * the window) are someone else's. While others hold some, this process keeps to its part of
 * the whole limit (as if among as many sharers as the holdings suggest), counting the slots it
 * holds itself; once their requests leave the window, it has the whole budget again.
 */
export class BudgetShare {
	/**
	 * The sliding window's length, from answers. At most: the least `reset - sent` of an answer
	 * that found the window empty but for its own request (the reset is that request's expiry,
	 * rounded up). More than: any `reset - 1 s - answered` (the oldest request came before the
	 * answer). Until an answer proves the most, seen: the furthest a reset lay ahead, a guess that
	 * other workers' older requests make too short.
	 */
	private windowAtMostMs: number | undefined;
	private windowOverMs = 0;
	private seenWindowMs = 0;
	/** Requests sent when the window was believed whole seconds long met 429s at its own slots: it is not. */
	private wholeSecondsRefuted = false;
	/**
	 * When a request at its own slot last met a 429 that its own request may explain (none at its
	 * own slot got through since). One such 429 is more often another worker that took the slot in
	 * the moment it was free; believing the window a second longer for good on it, this process
	 * would take every slot of its own back late, and lose it to others. A second one, a second
	 * or more later, refutes the whole seconds.
	 */
	private ownSlotMet429At: number | undefined;
	/** This process's requests that may still count, oldest first. */
	private readonly mine: SentRequest[] = [];
	/**
	 * When those that left `mine` were answered: with the window's length only guessed (and the
	 * guess may be short), they may still count for a while; taken for others', they would keep
	 * this process to a part for good.
	 */
	private readonly minePrunedLately: number[] = [];
	private limit: number | undefined;
	private othersHeld = 0;
	/** Slots of this process's that freed while others held slots, not yet told (see freedSlots). */
	private freed = 0;
	/** The chance that decides whether a fraction of a slot is taken, and when it was drawn. */
	private draw = 0;
	private drawnAt = -Infinity;
	/** How many slots this process and the others held as answers came within the last window. */
	private readonly held: Array<{ at: number; mine: number; others: number }> = [];
	/** When others were last seen holding slots: their part is kept for a window and a half after. */
	private othersSeenAt = 0;
	/** Since when answers in a row found the others holding no slot (while this process kept to its part). */
	private othersAbsentSince: number | undefined;
	/**
	 * When the request of that first answer was sent: its answer may tell of any moment since (a
	 * late one, of a window before others came), and the two answers say nothing of the time
	 * between unless they lie less than a window apart however late the first one came.
	 */
	private othersAbsentSentAt = 0;
	/** The next request granted goes past the part to look (see allowance). */
	private lookNext = false;
	/**
	 * A look met a 429 (the others were there): answers to its own slots taken back, as the window
	 * turns, found them holding nothing only because theirs had freed a moment before its own and
	 * they take them back a moment after. Two workers whose turns follow each other would otherwise
	 * look, and meet a 429, every window.
	 */
	private turnAbsencesDoubted = false;
	/** The last answer: when it came, and until when no slot of the window it found can free (its reset's second). */
	private lastAnswer: { at: number; nothingFreesBefore: number } | undefined;
	/** Slots free since before the last answer but one, nobody's: taken past the part (see noteUnclaimed). */
	private unclaimed = 0;
	/** The next request granted takes one of them (then it keeps what it holds: see kept). */
	private takeUnclaimedNext = false;
	/**
	 * Having taken such slots, it keeps what it then held as its part while the others hold no more
	 * than they did: the others' part estimate would give them back a moment later, unused again.
	 */
	private kept: { slots: number; whileOthersAtMost: number } | undefined;

	sent(now = Date.now()): SentRequest {
		const request: SentRequest = { sentAt: now, look: this.lookNext || undefined };
		this.lookNext = false;
		this.mine.push(request);
		if (this.takeUnclaimedNext) this.kept = { slots: this.mine.length, whileOthersAtMost: this.othersLately };
		this.takeUnclaimedNext = false;
		return request;
	}

	/** An answer (to `request`, when known): what it tells of the window and of the others in it. */
	answered(state: RateLimitState, now = Date.now(), request?: SentRequest, status = 200): void {
		if (request) {
			request.answeredAt = now;
			// A 429 was not counted: it holds no slot.
			if (status === 429) this.forget(request);
			if (request.atOwnSlot) this.noteAtOwnSlot(status === 429 && this.ownMayStillCount(state.resetAtMs), now);
			if (request.look) this.turnAbsencesDoubted = status === 429;
		}
		this.learnWindow(state, now, status === 429 ? undefined : request);
		this.noteUnclaimed(state, now, request);
		this.markToldFree(state.remaining ?? Infinity, now);
		this.prune(now);
		if (state.limit === undefined || state.remaining === undefined) return;
		this.limit = state.limit;
		const arrived = this.arrivedBy(request, now);
		const othersHeld = Math.max(0, state.limit - state.remaining - arrived);
		// A 429 comes when this process holds nothing to speak of: as a measure of how many share
		// the budget it would count the others as a crowd for a whole window.
		if (status !== 429) this.held.push({ at: now, mine: arrived, others: othersHeld });
		// A moment without them says nothing of whether the others are gone (as a window turns,
		// they take their slots again a moment later): OTHERS_GONE_AFTER_MS without them does, and
		// so does a window and a half (then this process has the whole budget again).
		if (othersHeld > 0) {
			this.othersSeenAt = now;
			this.othersAbsentSince = undefined;
		}
		const absent = othersHeld === 0 && !(this.turnAbsencesDoubted && request?.atOwnSlot);
		const gone = absent && this.noteAbsent(now, request?.sentAt ?? now);
		if (othersHeld > 0 || gone || now - this.othersSeenAt > OTHERS_FORGOTTEN_AFTER_WINDOWS * this.windowMs) this.othersHeld = othersHeld;
	}

	/** The most the others held as answers came within the window. */
	private get othersLately(): number {
		return Math.max(0, ...this.held.map((sample) => sample.others));
	}

	private keptPart(othersLately: number): number {
		if (this.kept && othersLately > this.kept.whileOthersAtMost) this.kept = undefined;
		return this.kept?.slots ?? 0;
	}

	/**
	 * Free slots that no sharer takes back: an answer's free count, when its request went a while
	 * (UNCLAIMED_AFTER_MS, and twice its slowest answer) after the last answer came and it came
	 * before any slot of the window that answer found could free (a second before that answer's
	 * reset). No slot freed between the two: the ones free now were free then, and a sharer takes
	 * its own back as it frees, so these are nobody's (a worker that finished, or waits for its
	 * jobs). Left to the others' parts, they stay
	 * unused until that worker's requests leave the books; as a window turns, a free slot is
	 * mostly a sharer's that frees a moment before it takes it back, and taking it would race it.
	 */
	private noteUnclaimed(state: RateLimitState, now: number, request: SentRequest | undefined): void {
		const last = this.lastAnswer;
		const slowest = Math.max(0, ...this.mine.map((own) => (own.answeredAt ?? now) - own.sentAt));
		const nothingFreedSince = last !== undefined && request !== undefined && now < last.nothingFreesBefore && request.sentAt - last.at >= Math.max(UNCLAIMED_AFTER_MS, 2 * slowest);
		this.unclaimed = nothingFreedSince ? Math.max(0, state.remaining ?? 0) : 0;
		if (state.resetAtMs !== undefined) this.lastAnswer = { at: now, nothingFreesBefore: state.resetAtMs - 1000 };
	}

	/**
	 * Requests that may have left the window before this answer's request came: its free count
	 * may hold their slots, and counting them free again when they leave would overspend. But no
	 * more of them than it counted free (the oldest most likely left first): marked when the
	 * answer found the window full, a slot still held is never taken back, and another worker
	 * takes it (one worker lost three of its four slots so, and waited 30 s on one slot).
	 */
	private markToldFree(freeCount: number, now: number): void {
		let free = freeCount;
		for (const own of this.mine) {
			// Counted from the least the window can be: believed a second longer than it is, a slot
			// that left would be told free again as it leaves the books (one process met a 429).
			if (free <= 0 || own.sentAt + this.windowOverMs > now) return;
			// Told free by an earlier answer: this one's free slots are others of its own.
			if (own.toldFree) continue;
			own.toldFree = true;
			free--;
		}
	}

	/** Whether requests of others were seen in the window lately. */
	get contended(): boolean {
		return this.othersHeld > 0;
	}

	/** Whether the window's length was shown by an answer of this process's own (see windowAtMostMs). */
	get windowKnown(): boolean {
		return this.windowAtMostMs !== undefined;
	}

	/**
	 * Whether its own slots are taken back when they free by its own clock: the window's length
	 * proven, or guessed in whole seconds (see windowMs) and no 429 at its own slot said otherwise.
	 */
	get ownSlotsTimed(): boolean {
		return this.windowKnown || (!this.wholeSecondsRefuted && this.seenWindowMs >= 1000);
	}

	/**
	 * The window's length: the most it can be, or rather the whole seconds it lies within (the
	 * documented window is a minute, the reset is given in whole seconds; the most it can be is
	 * up to a second too long, and each window would be waited that much longer). Unproven, the
	 * whole seconds below the furthest a reset lay ahead: a reset is never a whole second past the
	 * window after an answer, and comes within that second when the window's oldest request came
	 * in the answer's second (as when workers start together), or a little more than that (see
	 * LATE_FIRST_ANSWER_MS). A worker that came while others
	 * held the window sees their older requests' resets, and guesses short: its slots taken back
	 * early meet 429s that refute the whole seconds (see noteAtOwnSlot), and the furthest reset is
	 * the guess from then on.
	 */
	get windowMs(): number {
		const atMost = this.windowAtMostMs;
		if (atMost === undefined) return this.wholeSecondsRefuted || this.seenWindowMs < 1000 ? this.seenWindowMs : Math.floor((this.seenWindowMs + LATE_FIRST_ANSWER_MS) / 1000) * 1000;
		const wholeSeconds = Math.floor(atMost / 1000) * 1000;
		return !this.wholeSecondsRefuted && wholeSeconds > this.windowOverMs ? wholeSeconds : atMost;
	}

	/**
	 * How many more requests may go now, with `remaining` free slots as last heard and `inFlight`
	 * sent since: never more than are free, and no more at once than were answered within the
	 * window (slow start: a sharer that has not shown itself yet may see the same slots, and the
	 * first answers tell), which spends them all in a few round trips. While others hold slots,
	 * no more than this process's part of the whole limit, less the slots it holds: the free
	 * slots are the others' as much as its own, and a part of what is left after each answer
	 * would take nearly all of it, one answer at a time. `retaking`: slots of its own freed.
	 * `lone`: one request waits, none on its way (the last looks of a run, or of a worker that is
	 * done submitting): it goes past the part while two or more slots are free as last heard, and
	 * does not wait a window for a slot of its own while others leave theirs unused.
	 */
	allowance(remaining: number, inFlight: number, now = Date.now(), retaking = false, lone = false): number {
		this.prune(now);
		// Never below two, so one answer held back long blocks no other request. Slots of its own
		// that just freed are taken back all at once: they are its own, not a sharer's unseen.
		const atOnce = retaking ? Infinity : Math.max(2, this.mine.length - inFlight);
		const free = Math.min(remaining, atOnce) - inFlight;
		if (this.othersHeld === 0 || this.limit === undefined) return free;
		// The most each held lately, not now: as a window turns, one holds few for a moment, and
		// the others' part would look like that of many sharers.
		const mineLately = Math.max(1, this.mine.length, ...this.held.map((sample) => sample.mine));
		const othersLately = this.othersLately;
		const sharers = 1 + Math.max(1, Math.round(othersLately / mineLately));
		// Never more than the others left: holdings guessed from different moments give parts that
		// add up to more than the limit; what each left the others does not.
		const mine = Math.min(Math.max(this.partOf(this.limit / sharers, now), this.keptPart(othersLately)), this.limit - othersLately);
		const allowed = Math.min(free, mine - this.mine.length);
		// Slots nobody took back for a while go past the part, as many as are free.
		const unclaimed = Math.min(free, this.unclaimed);
		this.takeUnclaimedNext = allowed <= 0 && unclaimed > 0;
		if (this.takeUnclaimedNext) return unclaimed;
		// The others held nothing a while ago: one request looks whether they are gone (othersGoneLookAt).
		const lookAt = this.othersGoneLookAt(remaining);
		const looks = lookAt !== undefined && now >= lookAt && inFlight === 0;
		this.lookNext = looks && allowed <= 0;
		return looks || (lone && inFlight === 0 && free >= 2) ? Math.max(allowed, Math.min(free, 1)) : allowed;
	}

	/**
	 * When one request should look whether the others are gone, while this process keeps to its
	 * part and `remaining` slots are free as last heard: an answer found them holding no slot, and
	 * if the next one, OTHERS_GONE_AFTER_MS later, does too, they sent nothing since; this process
	 * then takes the whole budget rather than leave it unused for a window and a half.
	 */
	othersGoneLookAt(remaining: number | undefined): number | undefined {
		// With no slot free as last heard, no look could go (waking for one would only spin).
		if (remaining === undefined || remaining <= 0) return undefined;
		return this.othersHeld > 0 && this.othersAbsentSince !== undefined ? this.othersAbsentSince + OTHERS_GONE_AFTER_MS : undefined;
	}

	/**
	 * An answer found the others holding no slot: whether answers did so for OTHERS_GONE_AFTER_MS
	 * (they sent nothing in that time: a request sent within a window would still be in it).
	 * Answers a window or more apart (counted from the first one's request) say nothing of the time between.
	 */
	private noteAbsent(now: number, sentAt: number): boolean {
		if (this.othersHeld === 0) return false;
		if (this.othersAbsentSince === undefined || now - this.othersAbsentSentAt >= this.windowMs) {
			this.othersAbsentSince = now;
			this.othersAbsentSentAt = sentAt;
			return false;
		}
		return now - this.othersAbsentSince >= OTHERS_GONE_AFTER_MS;
	}

	/**
	 * A part of the limit in whole slots: a fraction of a slot is taken by chance, so sharers do
	 * not all take the last one. Drawn once a window: drawn afresh at each look, the chance would
	 * come up sooner or later, and every sharer would take the last slot.
	 */
	private partOf(part: number, now: number): number {
		if (now >= this.drawnAt + this.windowMs) {
			this.drawnAt = now;
			this.draw = Math.random();
		}
		return Math.floor(part) + (this.draw < part - Math.floor(part) ? 1 : 0);
	}

	/**
	 * When the slot this process's oldest request holds frees up, while others hold slots too:
	 * a slot that frees sooner is someone else's, and taking it would race them for it. Counted
	 * from its answer: the API counted it somewhere between send and answer, and from the send
	 * the slot would look free before it is.
	 */
	ownSlotFreesAt(now = Date.now()): number | undefined {
		this.prune(now);
		const oldest = this.mine[0];
		return this.tracksOwnSlots && oldest ? (oldest.answeredAt ?? now) + this.windowMs : undefined;
	}

	/**
	 * Whether its own slots are told as they free (ownSlotFreesAt, freedSlots): while others hold
	 * slots, or with the window's length known (then alone too: the reset is rounded up).
	 */
	private get tracksOwnSlots(): boolean {
		return this.othersHeld > 0 || this.windowKnown;
	}

	private learnWindow(state: RateLimitState, now: number, own: SentRequest | undefined): void {
		if (state.resetAtMs === undefined) return;
		this.seenWindowMs = Math.min(MAX_WINDOW_MS, Math.max(this.seenWindowMs, state.resetAtMs - now));
		this.windowOverMs = Math.max(this.windowOverMs, state.resetAtMs - 1000 - now);
		const alone = own !== undefined && state.limit !== undefined && state.remaining !== undefined && state.limit - state.remaining === 1;
		if (!alone) return;
		const atMost = Math.min(MAX_WINDOW_MS, state.resetAtMs - own.sentAt);
		this.windowAtMostMs = Math.min(this.windowAtMostMs ?? atMost, atMost);
	}

	private noteAtOwnSlot(met429: boolean, now: number): void {
		if (!met429) {
			this.ownSlotMet429At = undefined;
			return;
		}
		// 429s together (slots of its own taken back at once) are one.
		if (this.ownSlotMet429At !== undefined && now - this.ownSlotMet429At >= 1000) this.wholeSecondsRefuted = true;
		this.ownSlotMet429At ??= now;
	}

	/**
	 * Whether the request whose slot a 429 met at its own slot meant to take back may still have
	 * been in the window (the window then is longer than its whole seconds): not when the 429's
	 * reset (its window's oldest request leaving) comes after the latest that request could leave.
	 * Then it had left, and another worker took the slot first.
	 */
	private ownMayStillCount(resetAtMs: number | undefined): boolean {
		const atMost = this.windowAtMostMs;
		if (resetAtMs === undefined || atMost === undefined || this.minePrunedLately.length === 0) return true;
		const latestLeaving = Math.max(...this.minePrunedLately) + atMost;
		return resetAtMs <= Math.ceil(latestLeaving / 1000) * 1000;
	}

	/**
	 * How many of its requests the API had counted when it answered `request`: those sent before
	 * it (or together), and any answered already. One sent after and still unanswered most likely
	 * came after it, and counting it would hide another's request (which then looks like room).
	 */
	private arrivedBy(request: SentRequest | undefined, now: number): number {
		// With the window unproven, those that left its books may still count for a second: a guess
		// in whole seconds may be a second short, and a worker left alone then took its own requests
		// for others' for good (held to half the limit for 20 s). Counted, they may hide others'
		// requests for a moment: a look then meets a 429, and answers as the window turns are
		// doubted from then on (turnAbsencesDoubted).
		const lately = this.windowKnown ? 0 : this.minePrunedLately.filter((answeredAt) => answeredAt > now - this.windowMs - UNPROVEN_WINDOW_SLACK_MS).length;
		if (!request) return this.mine.length + lately;
		return this.mine.filter((own) => own.sentAt <= request.sentAt || own.answeredAt !== undefined).length + lately;
	}

	/**
	 * How many of this process's slots freed since last asked, while others hold slots: each is
	 * this process's to take again (the free count last heard does not know of them yet).
	 */
	freedSlots(now = Date.now()): number {
		this.prune(now);
		const freed = this.freed;
		this.freed = 0;
		return freed;
	}

	/** Requests answered a window ago no longer count (the API counted them before it answered). */
	private prune(now: number): void {
		// Nothing heard of the window yet: a request is kept as long as any window may last.
		const windowMs = this.windowMs || MAX_WINDOW_MS;
		while (this.mine.length > 0 && (this.mine[0].answeredAt ?? now) <= now - windowMs) {
			this.minePrunedLately.push(this.mine[0].answeredAt ?? now);
			const left = this.mine.shift();
			if (this.tracksOwnSlots && !left?.toldFree) this.freed++;
		}
		while (this.minePrunedLately.length > 0 && this.minePrunedLately[0] <= now - windowMs - UNPROVEN_WINDOW_SLACK_MS) this.minePrunedLately.shift();
		while (this.held.length > 0 && this.held[0].at <= now - windowMs) this.held.shift();
	}

	private forget(request: SentRequest): void {
		const at = this.mine.indexOf(request);
		if (at >= 0) this.mine.splice(at, 1);
	}
}
