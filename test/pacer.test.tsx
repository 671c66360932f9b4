/**
 * The pacer: requests spaced by the API's X-RateLimit-* headers, 429s waited out, one budget per
 * API key shared by concurrent executions, keyed by a hash. Each test gets its own fake, so its
 * own base URL and so its own pacer.
 */
import { FakeRawUgc, type RecordedRequest } from './fake-rawugc';
import { knownPacerIds, Pacer, pacerFor, RateLimitWaitExceeded } from '../nodes/RawUgc/transport/pacer';
import { FAST_FAKE, withFake } from './support/fake';
import { expr, generateParameters } from './support/parameters';
import { runNode, teachPacer } from './support/run';

const prompts = (count: number, tag = 'image') => Array.from({ length: count }, (_, n) => ({ json: { prompt: `${tag} ${n}` } }));
const parameters = (options = {}) => generateParameters({ prompt: expr('$json.prompt'), options });

/** The most requests the fake saw within any `windowMs` (its sliding window's view). */
function busiestWindow(requests: RecordedRequest[], windowMs: number): number {
	return Math.max(...requests.map((request) => requests.filter((other) => other.at > request.at - windowMs && other.at <= request.at).length));
}

async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('with a tight limit (3 requests per 2 s)', () => {
	const handle = withFake({ rateLimit: { limit: 3, windowMs: 2_000 } }, { perTest: true });

	it('a batch meets no 429: the fake never saw more requests in a window than the headers allowed', async () => {
		const result = await runNode(handle, { parameters: parameters(), items: prompts(5) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(Array(5).fill('completed'));
		expect(handle.fake.rateLimited).toBe(0);
		expect(busiestWindow(handle.fake.apiRequests(), 2_000)).toBeLessThanOrEqual(3);
		expect(handle.fake.apiRequests().filter((request) => request.method === 'POST')).toHaveLength(5);
	});

	it('two executions at once with the same key share one budget: no 429, every image done', async () => {
		const [first, second] = await Promise.all([
			runNode(handle, { parameters: parameters(), items: prompts(3, 'first') }),
			runNode(handle, { parameters: parameters(), items: prompts(3, 'second') }),
		]);

		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect([...first.items, ...second.items].every((item) => item.json.status === 'completed')).toBe(true);
		expect(handle.fake.rateLimited).toBe(0);
		expect(busiestWindow(handle.fake.apiRequests(), 2_000)).toBeLessThanOrEqual(3);
	});
});

describe('a 429 that still comes', () => {
	const handle = withFake({ rateLimit: { limit: 100, windowMs: 1_500 } }, { perTest: true });

	it('on the submit: waited out until the reset, then sent again; one job, the item does not fail', async () => {
		handle.fake.failNext({ method: 'POST', path: '/images/generate' }, { status: 429 });

		const result = await runNode(handle, { parameters: parameters(), items: prompts(1) });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('completed');
		expect(handle.fake.jobs.size).toBe(1);
		const [refused, again] = handle.fake.apiRequests();
		expect(refused.status).toBe(429);
		expect(again).toMatchObject({ method: 'POST', status: 201 });
		// The window was empty, so the 429's X-RateLimit-Reset was its arrival plus the window, in whole seconds.
		expect(again.at).toBeGreaterThanOrEqual(Math.ceil((refused.at + 1_500) / 1000) * 1000);
	});

	it('on status looks (list and single): waited out, never a failure', async () => {
		handle.fake.failNext({ method: 'GET' }, { status: 429 }, 2);

		const result = await runNode(handle, { parameters: parameters(), items: prompts(2) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		expect(handle.fake.apiRequests().filter((request) => request.status === 429)).toHaveLength(2);
	});
});

describe('when the budget stays spent past Max Wait Time', () => {
	const handle = withFake({ rateLimit: { limit: 2, windowMs: 5_000 } }, { perTest: true });

	it('submits held back are refused at once, saying nothing was sent; submitted jobs not looked at in time say so, with their imageId', async () => {
		const result = await runNode(handle, {
			parameters: parameters({ maxWaitTime: 2 }),
			items: prompts(4),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		const [first, second, third, fourth] = result.items.map((item) => item.json);
		const submitted = [...handle.fake.jobs.keys()];
		expect(submitted).toHaveLength(2);
		// Max Wait Time counts from the run's start: the budget frees up only after it, so no look.
		for (const [waited, imageId] of [[first, submitted[0]], [second, submitted[1]]] as const) {
			expect(waited.imageId).toBe(imageId);
			expect(waited.error).toMatch(/rate limit left no room to check on the image within 2 s: collect it with Get/);
		}
		for (const refused of [third, fourth]) {
			expect(refused.error).toMatch(/rate limit/i);
			expect(refused.description).toMatch(/nothing was charged/);
			expect(refused.imageId).toBeUndefined();
		}
		expect(handle.fake.rateLimited).toBe(0);
	});
});

describe('one pacer per API key', () => {
	const handle = withFake({ rateLimit: { limit: 2, windowMs: 20_000 } }, { perTest: true });

	it('another key is not held up behind a key whose budget is spent', async () => {
		const other = await FakeRawUgc.start({ ...FAST_FAKE, apiKey: 'rug_other_key_0000000000000000' });
		try {
			let spentFinished = false;
			const controller = new AbortController();
			const spent = runNode(handle, { parameters: parameters(), items: prompts(4), signal: controller.signal }).finally(
				() => (spentFinished = true),
			);
			await until(() => handle.fake.jobs.size === 2);

			const elsewhere = await runNode(
				{ fake: other, credentials: () => ({ apiKey: other.apiKey, baseUrl: other.baseUrl }) },
				{ parameters: parameters(), items: prompts(1) },
			);

			expect(elsewhere.error).toBeUndefined();
			expect(elsewhere.items[0].json.status).toBe('completed');
			expect(spentFinished).toBe(false);
			controller.abort();
			await spent;
		} finally {
			await other.stop();
		}
	});

	it('a cancelled execution leaves the line at once, even behind another execution waiting for the reset', async () => {
		const first = new AbortController();
		const second = new AbortController();
		let firstFinished = false;
		const waiting = runNode(handle, { parameters: parameters(), items: prompts(4), signal: first.signal }).finally(
			() => (firstFinished = true),
		);
		await until(() => handle.fake.jobs.size === 2);
		const behind = runNode(handle, { parameters: parameters(), items: prompts(1, 'behind'), signal: second.signal });
		await new Promise((resolve) => setTimeout(resolve, 200));

		second.abort();
		const cancelled = await behind;

		expect(cancelled.error?.message).toMatch(/cancel/i);
		expect(firstFinished).toBe(false);
		expect(handle.fake.apiRequests()).toHaveLength(2);
		first.abort();
		const stopped = await waiting;
		// The stopped run names both images it had submitted.
		const named = `${stopped.error?.message} ${stopped.error?.description}`;
		for (const imageId of handle.fake.jobs.keys()) expect(named).toContain(imageId);
	});

	it('is found by a hash of the key: the same key shares it, another key does not, and no key is kept', () => {
		const key = 'rug_secret_key_for_the_hash_test';
		const baseUrl = 'http://127.0.0.1:1/api/v1';
		expect(pacerFor(key, baseUrl)).toBe(pacerFor(key, baseUrl));
		expect(pacerFor(`${key}2`, baseUrl)).not.toBe(pacerFor(key, baseUrl));
		const ids = knownPacerIds();
		expect(ids.length).toBeGreaterThan(0);
		for (const id of ids) {
			expect(id).toMatch(/^[0-9a-f]{64}$/);
			expect(id).not.toContain(key);
		}
	});
});

describe('a cancelled execution that waited in line', () => {
	const WINDOW_MS = 3_000;
	const handle = withFake({ rateLimit: { limit: 2, windowMs: WINDOW_MS } }, { perTest: true });

	it('takes no turn with it: the key keeps its whole budget (the next run sends two submits together, not a window apart)', async () => {
		const ahead = runNode(handle, { parameters: parameters(), items: prompts(3) });
		await until(() => handle.fake.jobs.size === 2);
		const controller = new AbortController();
		const behind = runNode(handle, { parameters: parameters(), items: prompts(1, 'behind'), signal: controller.signal });
		await new Promise((resolve) => setTimeout(resolve, 200));

		controller.abort();
		expect((await behind).error?.message).toMatch(/cancel/i);
		const done = await ahead;
		expect(done.items.map((item) => item.json.status)).toEqual(Array(3).fill('completed'));
		// Every slot free again, then two more images.
		await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 1_000));
		handle.fake.requests.length = 0;
		const next = await runNode(handle, { parameters: parameters(), items: prompts(2, 'next') });

		expect(next.error).toBeUndefined();
		const [first, second] = handle.fake.apiRequests().filter((request) => request.method === 'POST');
		// A turn handed to the cancelled waiter is never given back: one slot fewer for good, and
		// the second submit would wait for the first one's slot, a window later.
		expect(second.at - first.at).toBeLessThan(WINDOW_MS / 2);
	}, 60_000);
});

describe('Pacer and a cancel', () => {
	it('an execution already cancelled gets no turn: refused at once, no slot taken', async () => {
		const pacer = new Pacer();
		const cancelled = new AbortController();
		cancelled.abort();

		await expect(pacer.acquire(cancelled.signal)).rejects.toMatchObject({ name: 'CancelledError' });
		// The pacer knows nothing of the window: one request may go alone, and it is still free.
		const next = await Promise.race([pacer.acquire(), new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 1_000))]);
		expect(next).not.toBe('waiting');
	});
});

describe('Pacer without the help of headers', () => {
	it('an answer without headers still spends a known slot', async () => {
		const pacer = new Pacer();
		const first = await pacer.acquire();
		pacer.release({ status: 200, headers: { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 60) } }, first);
		expect(pacer.blockedUntilMs).toBeUndefined();
		const second = await pacer.acquire();
		pacer.release({ status: 502, headers: {} }, second);
		expect(pacer.blockedUntilMs).toBeDefined();
	});

	it('empty rate-limit headers (a proxy that blanks them) count as none: one slot spent, not the whole budget', async () => {
		const pacer = new Pacer();
		const first = await pacer.acquire();
		const reset = String(Math.ceil(Date.now() / 1000) + 60);
		pacer.release({ status: 200, headers: { 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': reset } }, first);
		const second = await pacer.acquire();
		pacer.release({ status: 200, headers: { 'x-ratelimit-remaining': '', 'x-ratelimit-reset': reset } }, second);

		expect(pacer.blockedUntilMs).toBeUndefined();
	});

	it('a 429 whose reset looks past (a client clock ahead of the API) still waits, and longer each time', async () => {
		const pacer = new Pacer();
		const past = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) - 30) };
		const first = await pacer.acquire();
		pacer.release({ status: 429, headers: past }, first);
		const firstWait = (pacer.blockedUntilMs ?? 0) - Date.now();
		expect(firstWait).toBeGreaterThan(500);
		const second = await pacer.acquire();
		pacer.release({ status: 429, headers: past }, second);
		expect((pacer.blockedUntilMs ?? 0) - Date.now()).toBeGreaterThan(firstWait);
	});

	it('a 429 whose reset looks past after 429s whose resets lay ahead (a worker that starved) waits a second, not longer', async () => {
		const pacer = new Pacer();
		for (let n = 0; n < 3; n++) {
			const turn = await pacer.acquire();
			pacer.release({ status: 429, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1) } }, turn);
		}
		const turn = await pacer.acquire();
		pacer.release({ status: 429, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) - 1) } }, turn);
		expect((pacer.blockedUntilMs ?? 0) - Date.now()).toBeLessThanOrEqual(1_000);
	});

	it('after a 429 that tells only when the window frees, processes sharing the key try again spread over two seconds, not all at the reset', async () => {
		const pacers = Array.from({ length: 8 }, () => new Pacer());
		const resetAt = Math.ceil(Date.now() / 1000) + 1;
		for (const pacer of pacers) pacer.release({ status: 429, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) } }, await pacer.acquire());
		const turns = await Promise.all(pacers.map(async (pacer) => await pacer.acquire().then(() => Date.now())));
		expect(Math.min(...turns)).toBeGreaterThanOrEqual(resetAt * 1000);
		// Spread as wide as the one wait for a reset after a 429 (2 s), not the narrow one of a quiet key (250 ms).
		expect(Math.max(...turns) - Math.min(...turns)).toBeGreaterThan(250);
	});

	it('an answer that got through ends the doubling: the next 429 whose reset looks past waits the least again', async () => {
		const pacer = new Pacer();
		const past = () => ({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) - 30) });
		for (let n = 0; n < 2; n++) pacer.release({ status: 429, headers: past() }, await pacer.acquire());
		pacer.release({ status: 200, headers: { 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) } }, await pacer.acquire());

		pacer.release({ status: 429, headers: past() }, await pacer.acquire());
		// Still doubling, it would wait 4 s.
		expect((pacer.blockedUntilMs ?? 0) - Date.now()).toBeLessThanOrEqual(1_000);
	});

	it('429s of requests sent together are one refusal: the wait after a past reset does not double for each of them', async () => {
		const pacer = new Pacer();
		const taught = await pacer.acquire();
		pacer.release({ status: 200, headers: { 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) } }, taught);
		const together = [await pacer.acquire(), await pacer.acquire()];
		const past = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) - 30) };
		for (const turn of together) pacer.release({ status: 429, headers: past }, turn);

		// One refusal waits the least (1 s); counted twice it would wait 2 s.
		expect((pacer.blockedUntilMs ?? 0) - Date.now()).toBeLessThanOrEqual(1_000);
	});

	it('a full window\'s reset far ahead (a client clock behind the API) is not believed beyond the documented minute', async () => {
		const pacer = new Pacer();
		const turn = await pacer.acquire();
		pacer.release({ status: 200, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) } }, turn);
		expect((pacer.blockedUntilMs ?? 0) - Date.now()).toBeLessThanOrEqual(60_000);
	});

	it('a waiter whose deadline comes before the next free slot is refused at once, not at the slot', async () => {
		const pacer = new Pacer();
		const turn = await pacer.acquire();
		const resetAt = Math.ceil(Date.now() / 1000) * 1000 + 3_000;
		pacer.release({ status: 200, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt / 1000) } }, turn);
		const askedAt = Date.now();

		await expect(pacer.acquire(undefined, resetAt - 300)).rejects.toBeInstanceOf(RateLimitWaitExceeded);
		expect(Date.now() - askedAt).toBeLessThan(1_000);
	});

	it('a reset far ahead (a client clock behind the API) is not believed beyond the documented minute', async () => {
		const pacer = new Pacer();
		const turn = await pacer.acquire();
		pacer.release({ status: 429, headers: { 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) } }, turn);
		expect((pacer.blockedUntilMs ?? 0) - Date.now()).toBeLessThanOrEqual(60_000);
	});
});

describe('answers that come back out of order', () => {
	const handle = withFake({ rateLimit: { limit: 4, windowMs: 3_000 } }, { perTest: true });

	it('a late answer counted before the others does not give back slots the others spent: no 429', async () => {
		await teachPacer(handle);
		// The first submit is counted first (remaining 2) but answered last, after those counted later (1, 0).
		handle.fake.failNext({ method: 'POST', path: '/images/generate' }, { kind: 'delay', ms: 800 });

		const result = await runNode(handle, { parameters: parameters(), items: prompts(6) });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(Array(6).fill('completed'));
		expect(handle.fake.apiRequests().filter((request) => request.status === 429)).toHaveLength(0);
		expect(busiestWindow(handle.fake.apiRequests(), 3_000)).toBeLessThanOrEqual(4);
	});
});

describe('Pacer sharing a key with other processes (headers as the API would give them)', () => {
	const LIMIT = 10;
	/** Headers of an answer: `count` requests in the window, the oldest expiring at `oldestExpiresAt` (rounded up as the API does). */
	const headers = (count: number, oldestExpiresAt: number) => ({
		'x-ratelimit-limit': String(LIMIT),
		'x-ratelimit-remaining': String(LIMIT - count),
		'x-ratelimit-reset': String(Math.ceil(oldestExpiresAt / 1000)),
	});
	const windowMs = 1_000;
	const within = async <T,>(promise: Promise<T>, ms: number) =>
		await Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);

	it('takes back all of its own slots as they free, without first asking the API what is free (its answer would come too late for the others)', async () => {
		const pacer = new Pacer();
		// Its first request finds the window empty: the window's length is shown (1 s).
		const first = await pacer.acquire();
		const firstAt = Date.now();
		pacer.release({ status: 201, headers: headers(1, firstAt + windowMs) }, first);
		const more = [await pacer.acquire(), await pacer.acquire()];
		// Then others fill the window: 3 of its own, 7 theirs, nothing free (the later one answered first).
		for (const turn of more.reverse()) pacer.release({ status: 201, headers: headers(LIMIT, firstAt + windowMs) }, turn);

		// A window later its 3 slots free: 3 requests go, none answered yet.
		const three = Promise.all([pacer.acquire(), pacer.acquire(), pacer.acquire()]);

		await expect(within(three, 10_000)).resolves.toHaveLength(3);
	});

	/** A new pacer's first turn, taken `pastMs` after a whole second: the reset then comes `1000 - pastMs` ms after its slot frees. */
	async function firstTurnAfterASecond(pastMs = 20) {
		await new Promise((resolve) => setTimeout(resolve, 1_000 + pastMs - (Date.now() % 1_000)));
		const pacer = new Pacer();
		const first = await pacer.acquire();
		return { pacer, first, firstAt: Date.now() };
	}
	/** The next turn comes when its first slot frees, not at the reset (the window's oldest leaving, rounded up to a whole second). */
	async function expectTurnAtOwnSlot(pacer: Pacer, firstAt: number, oldestLeavesAt: number): Promise<void> {
		await pacer.acquire();
		expect(Date.now()).toBeGreaterThanOrEqual(firstAt + windowMs);
		expect(Date.now()).toBeLessThan(Math.ceil(oldestLeavesAt / 1000) * 1000 - 500);
	}

	it('alone, takes back its own slots as they free, not at the reset (rounded up to a whole second, each window would start late)', async () => {
		const { pacer, first, firstAt } = await firstTurnAfterASecond();
		pacer.release({ status: 201, headers: headers(1, firstAt + windowMs) }, first);
		for (let count = 2; count <= LIMIT; count++) pacer.release({ status: 201, headers: headers(count, firstAt + windowMs) }, await pacer.acquire());

		await expectTurnAtOwnSlot(pacer, firstAt, firstAt + windowMs);
	});

	it('with the window guessed in whole seconds (others held it from the start), takes back its own slots as they free, not at the reset', async () => {
		const { pacer, first, firstAt } = await firstTurnAfterASecond(300);
		// Another worker's request came just before: the reset is its expiry, rounded up (1.7 s ahead).
		pacer.release({ status: 201, headers: headers(2, firstAt - 10 + windowMs) }, first);
		// 4 more of its own; the other worker has taken 4 more by the last answer: 5 each, the window full.
		for (const count of [3, 4, 5, LIMIT]) pacer.release({ status: 201, headers: headers(count, firstAt - 10 + windowMs) }, await pacer.acquire());

		await expectTurnAtOwnSlot(pacer, firstAt, firstAt - 10 + windowMs);
	});

	it('a lone request (a last look) goes past its part while slots are free, not a window later at a slot of its own', async () => {
		const pacer = new Pacer();
		const first = await pacer.acquire();
		const firstAt = Date.now();
		pacer.release({ status: 201, headers: headers(1, firstAt + windowMs) }, first);
		// 5 of its own, and 1 other's: its part is half (5), and 4 slots are free.
		for (const count of [3, 4, 5, 6]) pacer.release({ status: 201, headers: headers(count, firstAt + windowMs) }, await pacer.acquire());

		await within(pacer.acquire(), windowMs / 2);
	});

	it('a 429 met on a slot not its own does not hold back its own slots until the reset', async () => {
		const { pacer, first, firstAt } = await firstTurnAfterASecond();
		pacer.release({ status: 201, headers: headers(1, firstAt + windowMs) }, first);
		// Two more: others took the window meanwhile; one is counted (one slot left as heard), then another took that.
		const [counted, refused] = [await pacer.acquire(), await pacer.acquire()];
		pacer.release({ status: 201, headers: headers(LIMIT - 1, firstAt + windowMs) }, counted);
		pacer.release({ status: 429, headers: headers(LIMIT, firstAt + windowMs) }, refused);

		await expectTurnAtOwnSlot(pacer, firstAt, firstAt + windowMs);
	});
});
