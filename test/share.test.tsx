/**
 * The budget share's arithmetic, on a clock the test sets: what a worker infers from the
 * X-RateLimit-* headers about other workers of the same key, and how many requests it then
 * lets go. (Through the engine and the fake: pacer-shared.test.tsx.)
 */
import { BudgetShare, OTHERS_GONE_AFTER_MS, type SentRequest } from '../nodes/RawUgc/transport/share';

const WINDOW = 4_000;
const T0 = 1_000_000;
/** The reset the API names for a request that came at `at`: its expiry, rounded up to whole seconds. */
const resetFor = (at: number) => Math.ceil((at + WINDOW) / 1000) * 1000;

/** A share that sent `count` requests at `at`, each answered then with the window as given. */
function shareThatSent(count: number, answer: { limit: number; remaining: number }, at = T0, share = new BudgetShare()): BudgetShare {
	const sent = Array.from({ length: count }, () => share.sent(at));
	for (const request of sent) share.answered({ ...answer, resetAtMs: at + WINDOW }, at, request);
	return share;
}

/** A share whose window's length an earlier answer proved (it found the window empty but for its request). */
function withKnownWindow(): BudgetShare {
	const share = new BudgetShare();
	const at = T0 - 3 * WINDOW;
	share.answered({ limit: 10, remaining: 9, resetAtMs: resetFor(at) }, at, share.sent(at));
	expect(share.windowKnown).toBe(true);
	return share;
}

describe('alone on the key', () => {
	it('slow start: two at once before any answer, then as many as were answered within the window, never past remaining', () => {
		expect(new BudgetShare().allowance(10, 0, T0)).toBe(2);
		const share = shareThatSent(4, { limit: 10, remaining: 6 });
		expect(share.contended).toBe(false);
		expect(share.allowance(6, 0, T0)).toBe(4);
		expect(share.allowance(3, 0, T0)).toBe(3);
		expect(share.allowance(6, 1, T0)).toBe(2);
	});

	it('with the window’s length unproven, holds no slot of its own to wait for, and no slot that freed is told as its own to take', () => {
		const share = shareThatSent(4, { limit: 10, remaining: 6 });
		expect(share.windowKnown).toBe(false);
		expect(share.ownSlotFreesAt(T0)).toBeUndefined();
		// The pacer waits for the API's reset (rounded up to whole seconds).
		expect(share.freedSlots(T0 + WINDOW + 1)).toBe(0);
	});

	it('with the window’s length known, takes its own slots back as they free: the reset is rounded up to a whole second', () => {
		const share = withKnownWindow();
		shareThatSent(4, { limit: 10, remaining: 6 }, T0, share);
		expect(share.contended).toBe(false);
		expect(share.ownSlotFreesAt(T0)).toBe(T0 + WINDOW);
		expect(share.freedSlots(T0 + WINDOW - 1)).toBe(0);
		expect(share.freedSlots(T0 + WINDOW)).toBe(4);
	});

	/**
	 * Two requests a millisecond apart, answered 10 ms apart; a window after the first answer its
	 * slot is taken back, and the retake is answered with `remaining` free: is the second request's
	 * slot told free again when it leaves its books?
	 */
	function secondSlotFreedAfterRetake(remaining: number): number {
		const share = withKnownWindow();
		const first = share.sent(T0);
		const second = share.sent(T0 + 1);
		share.answered({ limit: 10, remaining: 2, resetAtMs: resetFor(T0) }, T0 + 10, first);
		share.answered({ limit: 10, remaining: 2, resetAtMs: resetFor(T0) }, T0 + 20, second);
		expect(share.freedSlots(T0 + 10 + WINDOW)).toBe(1);
		const retake = share.sent(T0 + 10 + WINDOW);
		share.answered({ limit: 10, remaining, resetAtMs: resetFor(T0 + 10) }, T0 + 15 + WINDOW, retake);
		return share.freedSlots(T0 + 20 + WINDOW);
	}

	it('a slot an answer already told free is not told free again when its request leaves (it left the API’s window before that answer’s request came)', () => {
		// The API counted both gone by the retake (the second came at T0 + 5): 2 free, that slot among them.
		expect(secondSlotFreedAfterRetake(2)).toBe(0);
	});

	it('an answer that found no slot free told none free: a slot of its own that may have left is taken back when it leaves its books', () => {
		// The window was full at the retake (others took the free ones): its second slot still counted.
		expect(secondSlotFreedAfterRetake(0)).toBe(1);
	});

	it('an answer that found one slot free told at most one of its own free: the oldest', () => {
		const share = withKnownWindow();
		const sent = [0, 1, 2].map((ms) => share.sent(T0 + ms));
		for (const [index, request] of sent.entries()) share.answered({ limit: 10, remaining: 5 - index, resetAtMs: resetFor(T0) }, T0 + 10 + index, request);
		const other = share.sent(T0 + 3 + WINDOW);
		share.answered({ limit: 10, remaining: 1, resetAtMs: resetFor(T0 + 1) }, T0 + 5 + WINDOW, other);
		// The first left its books uncounted (told free), the other two are taken back as they free.
		expect(share.freedSlots(T0 + 12 + WINDOW)).toBe(2);
	});

	it('believed a second longer than it is (a request sent just before a whole second, its expiry rounded up by nearly one), its slots that left and were told free by an answer are not told free again as they leave its books', () => {
		const share = new BudgetShare();
		// Sent at T0 - 5 ms, came at T0 + 5 ms (its expiry T0 + 4.005 s, rounded up to T0 + 5 s): 5 s believed, 4 s it is.
		share.answered({ limit: 10, remaining: 9, resetAtMs: resetFor(T0 + 5) }, T0 + 15, share.sent(T0 - 5));
		expect(share.windowMs).toBe(WINDOW + 1_000);
		const eight = Array.from({ length: 8 }, () => share.sent(T0 + 100));
		for (const request of eight) share.answered({ limit: 10, remaining: 1, resetAtMs: resetFor(T0 + 5) }, T0 + 110, request);
		share.answered({ limit: 10, remaining: 0, resetAtMs: resetFor(T0 + 5) }, T0 + 3_010, share.sent(T0 + 3_000));
		// Its first slot taken back a believed window after its answer: the eight left the API's
		// window before, and the answer finds them free (the pacer then uses them).
		const firstFreesAt = T0 + 15 + WINDOW + 1_000;
		expect(share.freedSlots(firstFreesAt)).toBe(1);
		const retake = share.sent(firstFreesAt);
		retake.atOwnSlot = true;
		share.answered({ limit: 10, remaining: 8, resetAtMs: resetFor(T0 + 3_005) }, firstFreesAt + 10, retake);
		// They leave its books a believed window after their answers: told free already, not again
		// (counted twice, one process running six executions met a 429 in the share bench).
		expect(share.freedSlots(T0 + 110 + WINDOW + 1_000)).toBe(0);
	});

	it('answers one after another that each found one slot free, its own slots leaving one by one, told each of them free once: not the oldest again and again', () => {
		const share = withKnownWindow();
		const sent = [0, 1, 2].map((ms) => share.sent(T0 + ms));
		for (const [index, request] of sent.entries()) share.answered({ limit: 10, remaining: 5 - index, resetAtMs: resetFor(T0) }, T0 + 10 + index, request);
		// The first left the API's window: its slot is taken (told free), then the second's (told free).
		for (const ms of [3, 4]) share.answered({ limit: 10, remaining: 1, resetAtMs: resetFor(T0 + 1) }, T0 + ms + 2 + WINDOW, share.sent(T0 + ms + WINDOW));
		// Only the third is taken back as it leaves its books. Counting the second again, a lone
		// process met two 429s in twenty requests (in the share bench's simulated runs).
		expect(share.freedSlots(T0 + 12 + WINDOW)).toBe(1);
	});
});

describe('the window’s length', () => {
	it('an answer that found the window empty but for its request shows it: the whole seconds below its rounded-up reset', () => {
		const share = new BudgetShare();
		const sentAt = T0 + 250;
		const request = share.sent(sentAt);
		share.answered({ limit: 10, remaining: 9, resetAtMs: resetFor(sentAt) }, sentAt + 5, request);
		expect(share.windowKnown).toBe(true);
		// The reset lies 4.75 s after the send; the window is 4 s.
		expect(share.windowMs).toBe(WINDOW);
	});

	it('a reset far ahead (a client clock behind the API\'s) is not guessed a window longer than the documented minute', () => {
		const share = new BudgetShare();
		// Others hold the window: its length is only guessed, from how far ahead the reset lies.
		share.answered({ limit: 10, remaining: 5, resetAtMs: T0 + 3_600_000 }, T0 + 5, share.sent(T0));
		expect(share.windowKnown).toBe(false);
		expect(share.windowMs).toBeLessThanOrEqual(60_000);
		expect(share.ownSlotFreesAt(T0 + 5)).toBeLessThanOrEqual(T0 + 5 + 60_000);
	});

	it('whole seconds are not believed below what any reset proved: the window is then the most it can be', () => {
		const share = new BudgetShare();
		const request = share.sent(T0);
		share.answered({ limit: 10, remaining: 9, resetAtMs: T0 + 4_500 }, T0 + 5, request);
		// Another answer's reset lay 4.2 s ahead; less the rounding's second, the window is over 3.2 s...
		share.answered({ limit: 10, remaining: 8, resetAtMs: T0 + 100 + 4_200 }, T0 + 100);
		// ...which leaves 4 s possible; one whose reset lay 5.1 s ahead proves it over 4.1 s: 4 s is ruled out.
		expect(share.windowMs).toBe(4_000);
		share.answered({ limit: 10, remaining: 7, resetAtMs: T0 + 200 + 5_100 }, T0 + 200);
		expect(share.windowMs).toBe(4_500);
	});

	it('answers that found others in the window prove nothing: their resets are the others’ older requests', () => {
		const share = new BudgetShare();
		const request = share.sent(T0);
		// The others' oldest request expires 1.2 s from now: a window of 1.2 s is all this shows.
		share.answered({ limit: 10, remaining: 2, resetAtMs: T0 + 1_200 }, T0, request);
		expect(share.windowKnown).toBe(false);
	});

	it('guessed from others’ resets, it is the whole seconds below the furthest a reset lay ahead: workers that start together guess it right', () => {
		const share = new BudgetShare();
		// Another worker's request came at T0 + 250; this one's 40 ms later finds it there (the reset is its expiry, rounded up).
		const first = share.sent(T0 + 290);
		share.answered({ limit: 10, remaining: 8, resetAtMs: resetFor(T0 + 250) }, T0 + 295, first);
		expect(share.windowKnown).toBe(false);
		expect(share.windowMs).toBe(WINDOW);
		expect(share.ownSlotsTimed).toBe(true);
	});

	it('guessed from others’ resets, a reset a little short of one more whole second ahead counts as that second: a late starter’s first answer came some 100 ms after the window’s oldest request', () => {
		const share = new BudgetShare();
		// The oldest request came 150 ms before this answer; its expiry was rounded up by 30 ms: 3.88 s ahead.
		share.answered({ limit: 10, remaining: 6, resetAtMs: T0 + 3_880 }, T0, share.sent(T0 - 60));
		expect(share.windowKnown).toBe(false);
		// 3 s would take its own slots back a second early (15 of a real run's 22 x 429).
		expect(share.windowMs).toBe(WINDOW);
	});

	it('guessed short (it came while others held the window), its slot taken back meets 429s: then the furthest reset is the guess, and its slots wait for resets', () => {
		const share = new BudgetShare();
		const first = share.sent(T0);
		// The others' oldest request expires 1.75 s from now (the window is longer: it came earlier).
		share.answered({ limit: 10, remaining: 0, resetAtMs: T0 + 1_750 }, T0, first);
		expect(share.windowMs).toBe(1_000);
		expect(share.freedSlots(T0 + 1_000)).toBe(1);
		const atOwnSlot = share.sent(T0 + 1_000);
		atOwnSlot.atOwnSlot = true;
		share.answered({ limit: 10, remaining: 0, resetAtMs: T0 + 1_750 }, T0 + 1_005, atOwnSlot, 429);
		// One says little (another worker may have taken the slot in the moment it was free); a second, a second later, tells.
		expect(share.windowMs).toBe(1_000);
		const again = share.sent(T0 + 2_005);
		again.atOwnSlot = true;
		share.answered({ limit: 10, remaining: 0, resetAtMs: T0 + 2_950 }, T0 + 2_010, again, 429);
		expect(share.windowMs).toBe(1_750);
		expect(share.ownSlotsTimed).toBe(false);
	});

	/**
	 * A share whose first request, sent at SENT_AT, found the window empty (proving it); a window after
	 * its answer it takes that slot back (as the pacer does, once it freed) and meets a 429 whose reset is `resetAtMs`.
	 */
	const SENT_AT = T0 + 250;
	function ownSlotMet429(resetAtMs: number): BudgetShare {
		const share = new BudgetShare();
		const first = share.sent(SENT_AT);
		share.answered({ limit: 10, remaining: 9, resetAtMs: resetFor(SENT_AT) }, SENT_AT + 5, first);
		share.freedSlots(SENT_AT + 5 + WINDOW);
		const atOwnSlot: SentRequest = share.sent(SENT_AT + 5 + WINDOW);
		atOwnSlot.atOwnSlot = true;
		share.answered({ limit: 10, remaining: 0, resetAtMs }, SENT_AT + 10 + WINDOW, atOwnSlot, 429);
		return share;
	}

	/** One more request at its own slot, `afterMs` after the first 429, answered with `status`. */
	function atOwnSlotAgain(share: BudgetShare, afterMs: number, status: number): void {
		const at = SENT_AT + 10 + WINDOW + afterMs;
		const request = share.sent(at);
		request.atOwnSlot = true;
		share.answered({ limit: 10, remaining: status === 429 ? 0 : 1, resetAtMs: resetFor(SENT_AT) + 1000 }, at + 5, request, status);
	}

	it('one 429 met at its own slot refutes nothing yet: more often another worker took the slot in the moment it was free', () => {
		// The 429's reset is the latest its first request could leave: it may still have been in the window.
		const share = ownSlotMet429(resetFor(SENT_AT) + 1000);
		expect(share.windowMs).toBe(WINDOW);
	});

	it('a second 429 at its own slot, a second or more later, refutes the whole seconds: the most the window can be, from then on', () => {
		const share = ownSlotMet429(resetFor(SENT_AT) + 1000);
		atOwnSlotAgain(share, 1_000, 429);
		expect(share.windowMs).toBe(resetFor(SENT_AT) - SENT_AT);
	});

	it('429s at its own slots taken back together are one; one at its own slot that got through in between starts over', () => {
		const together = ownSlotMet429(resetFor(SENT_AT) + 1000);
		atOwnSlotAgain(together, 5, 429);
		expect(together.windowMs).toBe(WINDOW);
		const through = ownSlotMet429(resetFor(SENT_AT) + 1000);
		atOwnSlotAgain(through, 500, 201);
		atOwnSlotAgain(through, 1_500, 429);
		expect(through.windowMs).toBe(WINDOW);
	});

	it('a 429 at its own slot whose reset comes after its request surely left refutes nothing: another worker took the slot first', () => {
		// The window's oldest request leaves 2 s after the reset its first request could have had at the latest.
		const share = ownSlotMet429(resetFor(SENT_AT) + 2000);
		expect(share.windowMs).toBe(WINDOW);
		// Nor does a second such 429 a second later (two at its own slots would refute the whole seconds).
		const at = SENT_AT + 10 + WINDOW + 1_000;
		const again = share.sent(at);
		again.atOwnSlot = true;
		share.answered({ limit: 10, remaining: 0, resetAtMs: resetFor(SENT_AT) + 2000 }, at + 5, again, 429);
		expect(share.windowMs).toBe(WINDOW);
	});

	it('a 429 met by a request not sent at its own slot refutes nothing (the others raced it)', () => {
		const share = new BudgetShare();
		const sentAt = T0 + 250;
		const first = share.sent(sentAt);
		share.answered({ limit: 10, remaining: 9, resetAtMs: resetFor(sentAt) }, sentAt + 5, first);
		share.answered({ limit: 10, remaining: 0, resetAtMs: resetFor(sentAt) }, sentAt + 10, share.sent(sentAt + 6), 429);
		expect(share.windowMs).toBe(WINDOW);
	});

	it('is never believed longer than the documented minute', () => {
		const share = new BudgetShare();
		const request = share.sent(T0);
		share.answered({ limit: 10, remaining: 9, resetAtMs: T0 + 120_000 }, T0, request);
		expect(share.windowMs).toBe(60_000);
	});
});

describe('others that stop', () => {
	it('held nothing at two answers two seconds apart: it has the whole budget again, not a window and a half later', () => {
		const share = withKnownWindow();
		shareThatSent(5, { limit: 10, remaining: 4 }, T0, share);
		expect(share.contended).toBe(true);
		// A window later its own 5 freed, and so did the other's: it takes its 5 again, and the answers find only those.
		const turned = T0 + WINDOW + 10;
		shareThatSent(5, { limit: 10, remaining: 5 }, turned, share);
		// A moment without them says little (they may take their slots again a moment later): one look two seconds later.
		expect(share.contended).toBe(true);
		expect(share.othersGoneLookAt(1)).toBe(turned + OTHERS_GONE_AFTER_MS);
		// With no slot free as last heard no look could go: none is due (a wake for it would spin).
		expect(share.othersGoneLookAt(0)).toBeUndefined();
		expect(share.allowance(0, 0, turned + OTHERS_GONE_AFTER_MS)).toBeLessThanOrEqual(0);
		expect(share.allowance(5, 0, turned + OTHERS_GONE_AFTER_MS - 1)).toBeLessThanOrEqual(0);
		expect(share.allowance(5, 0, turned + OTHERS_GONE_AFTER_MS)).toBe(1);
		expect(share.allowance(5, 1, turned + OTHERS_GONE_AFTER_MS)).toBeLessThanOrEqual(0);
		const look = turned + OTHERS_GONE_AFTER_MS;
		share.answered({ limit: 10, remaining: 4, resetAtMs: resetFor(turned) }, look, share.sent(look));
		expect(share.contended).toBe(false);
		// Alone, it still takes its own slots back as they free (the window is known): the oldest is the look's.
		expect(share.ownSlotFreesAt(look)).toBe(turned + share.windowMs);
	});

	it('back at the second answer: it keeps to its part, and looks no more', () => {
		const share = withKnownWindow();
		shareThatSent(5, { limit: 10, remaining: 4 }, T0, share);
		const turned = T0 + WINDOW + 10;
		share.answered({ limit: 10, remaining: 9, resetAtMs: resetFor(turned) }, turned, share.sent(turned));
		const look = turned + OTHERS_GONE_AFTER_MS;
		share.answered({ limit: 10, remaining: 5, resetAtMs: resetFor(turned) }, look, share.sent(look));
		expect(share.contended).toBe(true);
		expect(share.othersGoneLookAt(1)).toBeUndefined();
	});

	it('after a look met a 429, answers to its own slots taken back as the window turns do not count the others gone (their slots freed a moment before its own); other answers do', () => {
		const share = withKnownWindow();
		shareThatSent(5, { limit: 10, remaining: 0 }, T0, share);
		/** Its 5 slots taken back a window after `at` (as a window turns), answered before the others took theirs back. */
		const retakeAll = (at: number) => {
			share.freedSlots(at);
			for (let left = 9; left >= 5; left--) {
				const retake = share.sent(at);
				retake.atOwnSlot = true;
				share.answered({ limit: 10, remaining: left, resetAtMs: resetFor(at) }, at + 5, retake);
			}
		};
		const turned = T0 + WINDOW + 10;
		retakeAll(turned);
		const lookAt = share.othersGoneLookAt(5);
		expect(lookAt).toBe(turned + 5 + OTHERS_GONE_AFTER_MS);
		expect(share.allowance(5, 0, lookAt)).toBe(1);
		// The others had taken their slots back: the look meets a 429.
		share.answered({ limit: 10, remaining: 0, resetAtMs: resetFor(turned) }, lookAt! + 5, share.sent(lookAt), 429);
		expect(share.othersGoneLookAt(5)).toBeUndefined();
		const next = turned + 5 + WINDOW;
		retakeAll(next);
		expect(share.othersGoneLookAt(5)).toBeUndefined();
		// An answer to a request that is no retake, finding them holding nothing, still counts.
		const poll = next + 100;
		share.answered({ limit: 10, remaining: 4, resetAtMs: resetFor(next) }, poll, share.sent(poll));
		expect(share.othersGoneLookAt(4)).toBe(poll + OTHERS_GONE_AFTER_MS);
		// That look gets through (the others are back, with three): answers to its own slots count again.
		const look = poll + OTHERS_GONE_AFTER_MS;
		expect(share.allowance(4, 0, look)).toBe(1);
		share.answered({ limit: 10, remaining: 0, resetAtMs: resetFor(next) }, look + 5, share.sent(look));
		expect(share.contended).toBe(true);
		retakeAll(next + 5 + WINDOW);
		expect(share.othersGoneLookAt(5)).toBe(next + 10 + WINDOW + OTHERS_GONE_AFTER_MS);
	});

	it('answers a window apart say nothing of the time between (others may have come and gone)', () => {
		const share = withKnownWindow();
		shareThatSent(5, { limit: 10, remaining: 4 }, T0, share);
		// A moment later the other's request is gone (it was older); a window after that, still none.
		const soon = T0 + 100;
		share.answered({ limit: 10, remaining: 4, resetAtMs: resetFor(T0) }, soon, share.sent(soon));
		const muchLater = soon + WINDOW;
		share.answered({ limit: 10, remaining: 9, resetAtMs: resetFor(muchLater) }, muchLater, share.sent(muchLater));
		expect(share.contended).toBe(true);
		expect(share.othersGoneLookAt(1)).toBe(muchLater + OTHERS_GONE_AFTER_MS);
	});

	it('a late answer that found them holding nothing, and one a little less than a window after it, say nothing of the time between: that answer told of the moment its request came', () => {
		const share = withKnownWindow();
		shareThatSent(5, { limit: 10, remaining: 4 }, T0, share);
		// Sent when the other's request had left, answered 150 ms later: the other may have sent
		// since (a sharer that started a moment later, in a simulated run).
		const late = share.sent(T0 + 100);
		share.answered({ limit: 10, remaining: 4, resetAtMs: resetFor(T0) }, T0 + 250, late);
		// 5.9 s after that answer, 6.05 s after its request: the other's requests left a moment ago.
		const turned = T0 + 250 + WINDOW - 100;
		share.answered({ limit: 10, remaining: 9, resetAtMs: resetFor(turned) }, turned, share.sent(turned));
		expect(share.contended).toBe(true);
		expect(share.othersGoneLookAt(1)).toBe(turned + OTHERS_GONE_AFTER_MS);
	});

	// Another's older request expires `resetIn` from now: the window is guessed short (it is 4 s);
	// `resetIn` + 0.2 s on, the others' requests left, its own is still in the window.
	it.each([
		{ guess: 'not in whole seconds (maybe short)', resetIn: 800, timed: false },
		{ guess: 'in whole seconds (3 s, a second short; alone, it would keep to a part for good)', resetIn: 3_500, timed: true },
	])('its own requests past a window guessed $guess are not taken for others’ holding on', ({ resetIn, timed }) => {
		const share = new BudgetShare();
		share.answered({ limit: 10, remaining: 7, resetAtMs: T0 + resetIn }, T0, share.sent(T0));
		expect(share.ownSlotsTimed).toBe(timed);
		expect(share.contended).toBe(true);
		const later = T0 + resetIn + 200;
		share.answered({ limit: 10, remaining: 8, resetAtMs: T0 + 4_000 }, later, share.sent(later));
		expect(share.othersGoneLookAt(1)).toBe(later + OTHERS_GONE_AFTER_MS);
	});
});

describe('slots nobody takes back', () => {
	/**
	 * 5 of its own and 2 others' answered at T0 (its part: 5, 3 slots free; the reset says no slot
	 * frees before T0 + 3 s); then one more request, sent `gap` ms after, answered at `at`, finds
	 * 2 free. How many may go now?
	 */
	function afterSecondAnswer({ gap, at }: { gap: number; at: number }): { share: BudgetShare; allowed: number } {
		const share = shareThatSent(5, { limit: 10, remaining: 3 }, T0, withKnownWindow());
		expect(share.allowance(3, 0, T0)).toBeLessThanOrEqual(0);
		const request = share.sent(T0 + gap);
		share.answered({ limit: 10, remaining: 2, resetAtMs: resetFor(T0) }, at, request);
		return { share, allowed: share.allowance(2, 0, at) };
	}

	it('free at two answers with no slot freeing between them (the first one’s reset a second and more ahead), the second request sent a while after the first answer: nobody’s, taken past the part', () => {
		expect(afterSecondAnswer({ gap: 500, at: T0 + 510 }).allowed).toBe(2);
	});

	it('not when a slot may have freed between the two answers: a free slot then is most often a sharer’s, taken back a moment later', () => {
		// The first answer's reset was T0 + 4 s: a slot could free from T0 + 3 s on.
		expect(afterSecondAnswer({ gap: 3_050, at: T0 + 3_060 }).allowed).toBeLessThanOrEqual(0);
	});

	it('not when the second request went right after the first answer: a slot freed just before it is its sharer’s for a moment yet', () => {
		expect(afterSecondAnswer({ gap: 100, at: T0 + 110 }).allowed).toBeLessThanOrEqual(0);
	});

	it('not when answers come slowly: the second request went less than twice the slowest answer after the first (a sharer takes its own slot back an answer’s time after it frees)', () => {
		const share = shareThatSent(5, { limit: 10, remaining: 3 }, T0, withKnownWindow());
		// One answer took 400 ms.
		share.answered({ limit: 10, remaining: 2, resetAtMs: resetFor(T0) }, T0 + 450, share.sent(T0 + 50));
		const request = share.sent(T0 + 1_000);
		share.answered({ limit: 10, remaining: 1, resetAtMs: resetFor(T0) }, T0 + 1_010, request);
		expect(share.allowance(1, 0, T0 + 1_010)).toBeLessThanOrEqual(0);
		const later = share.sent(T0 + 1_900);
		share.answered({ limit: 10, remaining: 1, resetAtMs: resetFor(T0) }, T0 + 1_910, later);
		expect(share.allowance(1, 0, T0 + 1_910)).toBe(1);
	});

	it('having taken them, it takes all its slots back as they free (its part would give them back, unused again) until the others hold more than they did', () => {
		const { share } = afterSecondAnswer({ gap: 500, at: T0 + 510 });
		const taken = [0, 1].map((inFlight) => {
			expect(share.allowance(2, inFlight, T0 + 520)).toBe(2 - inFlight);
			return share.sent(T0 + 520);
		});
		for (const [index, request] of taken.entries()) share.answered({ limit: 10, remaining: 1 - index, resetAtMs: resetFor(T0) }, T0 + 525 + index, request);
		// 8 of its own, 2 others': as if 2 workers its part is 5.
		const turned = T0 + 530 + WINDOW;
		expect(share.freedSlots(turned)).toBe(8);
		expect(share.allowance(8, 0, turned, true)).toBe(8);
		// The others take a third slot (1 of its own, 3 others', 6 free): its part is counted from
		// the holdings again (2 or 3), no longer the 8 it kept.
		share.answered({ limit: 10, remaining: 6, resetAtMs: resetFor(turned) }, turned + 5, share.sent(turned));
		expect(share.allowance(6, 0, turned + 6, true)).toBeLessThanOrEqual(2);
	});
});

describe('when the window holds requests that are not its own', () => {
	it('takes its part of the whole limit, less what it holds: 1 of its own and 1 other in the window, its part 5', () => {
		const share = shareThatSent(1, { limit: 10, remaining: 8 });
		expect(share.contended).toBe(true);
		const more = shareThatSent(2, { limit: 10, remaining: 6 }, T0 + 10, share);
		// 3 of its own, 1 other's: 2 more make its part of 5.
		expect(more.allowance(6, 0, T0 + 20)).toBe(2);
	});

	it('does not take a part of what is left after each answer: holding its part, it takes none of the free slots', () => {
		// 5 of its own, 1 other's, 4 free. A part of the free ones (2 of 4) after each answer would,
		// one answer at a time, take nearly all of them.
		const share = shareThatSent(5, { limit: 10, remaining: 4 });
		expect(share.contended).toBe(true);
		expect(share.allowance(4, 0, T0)).toBe(0);
	});

	it('a lone request (nothing else waits, nothing on its way) goes past its part while two or more slots are free: the last look of a run does not wait a window', () => {
		const share = shareThatSent(5, { limit: 10, remaining: 4 });
		expect(share.allowance(4, 0, T0, false, true)).toBe(1);
		expect(share.allowance(4, 1, T0, false, true)).toBeLessThanOrEqual(0);
		expect(share.allowance(1, 0, T0, false, true)).toBeLessThanOrEqual(0);
	});

	it('as many sharers as the holdings suggest: 2 of its own and 6 others’ (as if four workers): its part is 2 or 3 of 10, so at most 1 more', () => {
		const share = shareThatSent(2, { limit: 10, remaining: 2 });
		expect(share.allowance(2, 0, T0)).toBeLessThanOrEqual(1);
	});

	it('never more than the others left it: its part counted from what it held lately is 5, but the others hold 7 now: 1 more, not 2', () => {
		// Within the last window: 6 of its own, 1 other's (the window's length proven before).
		const share = shareThatSent(5, { limit: 10, remaining: 4 }, T0, withKnownWindow());
		shareThatSent(1, { limit: 10, remaining: 3 }, T0 + 50, share);
		// Now: 5 of them left the window; 2 of its own, 7 others' (10 - 1 - 2). Held lately 6 to
		// the others' 7: as if 2 workers, a part of 5; the others left 3.
		shareThatSent(1, { limit: 10, remaining: 1 }, T0 + WINDOW + 10, share);
		expect(share.allowance(5, 0, T0 + WINDOW + 20)).toBe(1);
	});

	it('a fraction of a slot is drawn once a window, not at each look: 3 workers (part 3⅓) get 3 or 4, the same each time', () => {
		// 3 of its own and 6 others': 3 sharers, its part 3⅓ of 10, the others left 4.
		const share = shareThatSent(3, { limit: 10, remaining: 1 });
		const seen = new Set(Array.from({ length: 50 }, (_, n) => share.allowance(1, 0, T0 + n)));
		expect(seen.size).toBe(1);
	});

	it('the fraction is a chance, not rounded up: of many workers with a part of 3⅓, some get 3 and some 4 (all taking 4, they would ask 12 of 10)', () => {
		const parts = Array.from({ length: 60 }, () => 3 + shareThatSent(3, { limit: 10, remaining: 1 }).allowance(1, 0, T0));
		expect(new Set(parts)).toEqual(new Set([3, 4]));
	});

	it('as the window turns it holds few for a moment: its part is still counted from what it held, not as if among many', () => {
		// 3 of its own and 7 others' a moment ago.
		const share = shareThatSent(3, { limit: 10, remaining: 0 });
		// A window later its requests left; the first one of the new window finds 1 other's there.
		const later = T0 + WINDOW + 10;
		const request = share.sent(later);
		share.answered({ limit: 10, remaining: 8, resetAtMs: later + WINDOW }, later + 5, request);
		// Its part is 3 (the others left 3): 2 more. Counted from the 1 it holds now, as if among 8: none.
		expect(share.allowance(8, 0, later + 6)).toBe(2);
	});

	it('a request answered 429 holds no slot: the others’ requests are seen for what they are', () => {
		const share = new BudgetShare();
		const refused = share.sent(T0);
		const accepted = share.sent(T0);
		share.answered({ limit: 10, remaining: 0, resetAtMs: T0 + WINDOW }, T0 + 5, refused, 429);
		share.answered({ limit: 10, remaining: 0, resetAtMs: T0 + WINDOW }, T0 + 6, accepted);
		// 10 in the window, 1 of them its own: 9 others'.
		expect(share.allowance(10, 0, T0 + 7)).toBe(0);
		expect(share.contended).toBe(true);
		const ownSlot = share.ownSlotFreesAt(T0 + 7);
		expect(ownSlot).toBe(T0 + 6 + share.windowMs);
	});

	it('a 429 (when it held nothing) does not count the others as a crowd for a window: once it has a slot, it takes its part', () => {
		const share = new BudgetShare();
		share.answered({ limit: 10, remaining: 0, resetAtMs: T0 + 2_000 }, T0, share.sent(T0), 429);
		// The others' burst left; its next request finds 3 others' in the window.
		const later = T0 + 2_500;
		share.answered({ limit: 10, remaining: 6, resetAtMs: later + WINDOW }, later, share.sent(later));
		// As if 4 workers (3 others' to its 1): a part of 2 or 3, so 1 or 2 more; counted from the 429, none.
		expect(share.allowance(6, 0, later)).toBeGreaterThanOrEqual(1);
	});

	it('an answer to an earlier request does not count a later one still on its way: another’s request is seen for what it is', () => {
		const share = new BudgetShare();
		const first = share.sent(T0);
		share.sent(T0 + 1);
		// The first one's answer: 2 in the window, its own and another's (its second came after).
		share.answered({ limit: 10, remaining: 8, resetAtMs: T0 + WINDOW }, T0 + 5, first);
		expect(share.contended).toBe(true);
	});

	it('waits for the slot its oldest request holds: a window after its answer came (the API counted it by then), not after it was sent', () => {
		const share = new BudgetShare();
		const sent = [share.sent(T0), share.sent(T0)];
		for (const request of sent) share.answered({ limit: 10, remaining: 4, resetAtMs: T0 + WINDOW }, T0 + 300, request);
		expect(share.ownSlotFreesAt(T0 + 300)).toBe(T0 + 300 + share.windowMs);
	});

	it('its slots that freed are told once each, as its own to take again', () => {
		const share = shareThatSent(3, { limit: 10, remaining: 4 });
		const windowMs = share.windowMs;
		expect(share.freedSlots(T0 + windowMs - 1)).toBe(0);
		expect(share.freedSlots(T0 + windowMs)).toBe(3);
		expect(share.freedSlots(T0 + windowMs + 1)).toBe(0);
	});

	it('keeps the others’ part while they hold nothing for a moment, and gives it back after a window and a half without them', () => {
		const share = shareThatSent(3, { limit: 10, remaining: 4 });
		// Half a window later the others hold nothing (as a window turns, they take their slots again a moment later).
		const next = T0 + WINDOW / 2;
		share.answered({ limit: 10, remaining: 6, resetAtMs: T0 + WINDOW }, next, share.sent(next));
		expect(share.contended).toBe(true);
		// More than a window and a half after they were last seen: the whole budget again.
		const later = T0 + 1.5 * WINDOW + 10;
		share.answered({ limit: 10, remaining: 9, resetAtMs: later + WINDOW }, later, share.sent(later));
		expect(share.contended).toBe(false);
		// Alone, it still takes its own slots back as they free (the window is known by now): the last one's.
		expect(share.ownSlotFreesAt(later)).toBe(later + share.windowMs);
	});
});
