/**
 * The budget share's arithmetic, on a clock the test sets: what a worker infers from the
 * X-RateLimit-* headers about other workers of the same key, and how many requests it then
 * lets go. (Through the engine and the fake: pacer-shared.test.tsx.)
 */
import { BudgetShare } from '../nodes/RawUgc/transport/share';

const WINDOW = 4_000;
const T0 = 1_000_000;

/** A share that sent `count` requests at `at`, each answered then with the window as given. */
function shareThatSent(count: number, answer: { limit: number; remaining: number }, at = T0): BudgetShare {
	const share = new BudgetShare();
	for (let n = 0; n < count; n++) share.sent(at);
	share.answered({ ...answer, resetAtMs: at + WINDOW }, at);
	return share;
}

describe('alone on the key', () => {
	it('slow start: two at once before any answer, then as many as were answered within the window, never past remaining', () => {
		expect(new BudgetShare().allowance(10, 0)).toBe(2);
		const share = shareThatSent(4, { limit: 10, remaining: 6 });
		expect(share.contended).toBe(false);
		expect(share.allowance(6, 0)).toBe(4);
		expect(share.allowance(3, 0)).toBe(3);
		expect(share.allowance(6, 1)).toBe(2);
	});

	it('holds no slot of its own to wait for', () => {
		expect(shareThatSent(4, { limit: 10, remaining: 6 }).ownSlotFreesAt()).toBeUndefined();
	});
});

describe('when the window holds requests that are not its own', () => {
	it('takes its part of the free slots: 3 of its own and 3 others’ in the window, 4 free, 2 each', () => {
		const share = shareThatSent(3, { limit: 10, remaining: 4 });
		expect(share.contended).toBe(true);
		// Alone it would take min(4 free, 3 answered) = 3.
		expect(share.allowance(4, 0)).toBe(2);
		expect(share.allowance(4, 2)).toBe(0);
	});

	it('as many sharers as the holdings suggest: 2 of its own and 6 others’ (as if four workers), 2 free: at most 1', () => {
		const share = shareThatSent(2, { limit: 10, remaining: 2 });
		for (let n = 0; n < 50; n++) expect(share.allowance(2, 0)).toBeLessThanOrEqual(1);
	});

	it('waits for the slot its oldest request holds: a whole window after it went', () => {
		const share = shareThatSent(3, { limit: 10, remaining: 4 });
		expect(share.ownSlotFreesAt()).toBe(T0 + WINDOW);
	});

	it('keeps the others’ part while the window merely emptied, and gives it back after two windows without them', () => {
		const share = shareThatSent(3, { limit: 10, remaining: 4 });
		// One window later the window is empty (everyone waited): the others may still be there.
		share.sent(T0 + WINDOW + 1);
		share.answered({ limit: 10, remaining: 9, resetAtMs: T0 + 2 * WINDOW + 1 }, T0 + WINDOW + 1);
		expect(share.contended).toBe(true);
		// More than two windows after they were last seen: the whole budget again.
		const later = T0 + 2 * WINDOW + 10;
		share.sent(later);
		share.answered({ limit: 10, remaining: 9, resetAtMs: later + WINDOW }, later);
		expect(share.contended).toBe(false);
		expect(share.ownSlotFreesAt()).toBeUndefined();
	});

	it('learns the window from the furthest reset seen, no longer than the documented minute', () => {
		const share = new BudgetShare();
		share.sent(T0);
		share.answered({ limit: 10, remaining: 5, resetAtMs: T0 + 120_000 }, T0);
		expect(share.ownSlotFreesAt()).toBe(T0 + 60_000);
	});
});
