/**
 * Queue mode: several workers spend one API key's budget, each with its own pacer (the pacer is
 * per process) and no shared state but the API's X-RateLimit-* headers. Here each worker is a
 * run whose credential spells the fake's address its own way (127.0.0.1, 127.1, 2130706433):
 * one server, one key's window, but a pacer each, as separate processes would have. Another
 * worker the test does not run is the fake's `spendElsewhere`.
 *
 * How many 429s the racing workers meet depends on the machine's load: it is printed here and
 * measured by `npm run test:queue` (real workers), never asserted; what is asserted holds under
 * any load.
 */
import type { RecordedRequest } from './fake-rawugc';
import { withFake } from './support/fake';
import { expr, generateParameters } from './support/parameters';
import { runRawUgc } from './engine/runRawUgc';

const LIMIT = 10;
const WINDOW_MS = 4_000;
const ADDRESSES = ['127.0.0.1', '127.1', '2130706433'];

const prompts = (count: number, tag: string) => Array.from({ length: count }, (_, n) => ({ json: { prompt: `${tag} ${n}` } }));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One worker's execution: its own spelling of the fake's address, so its own pacer. */
async function runOn(baseUrl: string, apiKey: string, worker: number, tag: string, images: number) {
	return await runRawUgc({
		parameters: generateParameters({ prompt: expr('$json.prompt'), options: { maxWaitTime: 120 } }),
		credentials: { apiKey, baseUrl: baseUrl.replace('127.0.0.1', ADDRESSES[worker]) },
		items: prompts(images, tag),
	});
}

/** What the pacing decides: calls, 429s, and the wall time against the least the accepted calls need. */
function figures(requests: RecordedRequest[], wallMs: number, windowMs: number) {
	const accepted = requests.filter((request) => request.status !== 429).length;
	const boundMs = Math.max(0, Math.ceil(accepted / LIMIT) - 1) * windowMs;
	return { calls: requests.length, rateLimited: requests.length - accepted, wallMs, boundMs, ratio: wallMs / Math.max(1, boundMs) };
}

/** One line per request: ms after the first, the worker of a submit (its prompt's tag), what and how it was answered. */
function timeline(requests: RecordedRequest[]): string {
	const first = requests[0]?.at ?? 0;
	return requests
		.map((request) => {
			const worker = /"prompt":"w(\d)/.exec(request.body.toString('utf8'))?.[1] ?? '?';
			return `${String(request.at - first).padStart(6)} ms  worker ${worker}  ${request.method.padEnd(4)} ${request.status}`;
		})
		.join('\n');
}

describe('workers racing for one budget', () => {
	const handle = withFake(
		{ rateLimit: { limit: LIMIT, windowMs: WINDOW_MS }, jobDurationMs: () => 500 + Math.random() * 500, estimatedCompletionTime: '1 second' },
		{ perTest: true },
	);
	const on = (worker: number, tag: string, images: number) => runOn(handle.fake.baseUrl, handle.fake.apiKey, worker, tag, images);

	it.each([2, 3])('%i workers, each running 2 executions of 5 images at once: every image done, each submitted once', async (workers) => {
		const started = Date.now();
		const runs = await Promise.all(Array.from({ length: workers * 2 }, (_, run) => on(run % workers, `w${run % workers}-r${run}`, 5)));
		const requests = handle.fake.apiRequests();
		const result = figures(requests, Date.now() - started, WINDOW_MS);
		const images = workers * 2 * 5;
		console.log(
			`${workers} workers, ${images} images: ${result.calls} calls, ${result.rateLimited} x 429, wall ${(result.wallMs / 1000).toFixed(1)} s for a bound of ${(result.boundMs / 1000).toFixed(0)} s (${result.ratio.toFixed(2)} x; figures, not a verdict: see npm run test:queue)`,
		);

		// RAWUGC_TIMELINE=1: each request, by worker (the address it spelled), to see where 429s come from.
		if (process.env.RAWUGC_TIMELINE === '1') console.log(timeline(requests));

		for (const run of runs) {
			expect(run.error).toBeUndefined();
			expect(run.items.every((item) => item.json.status === 'completed')).toBe(true);
		}
		// A 429 on a submit is sent again; an accepted one never is: one job per image.
		expect(requests.filter((request) => request.method === 'POST' && request.status === 201)).toHaveLength(images);
		expect(handle.fake.jobs.size).toBe(images);
	});

	it('a worker that shared the budget has all of it again when the others stop: a whole window of submits, no 429', async () => {
		await Promise.all([on(0, 'w0', 10), on(1, 'w1', 10)]);
		// A window and a half without the others (the pacer keeps their part that long).
		await pause(1.5 * WINDOW_MS + 1_500);
		handle.fake.reset();

		const alone = await on(0, 'alone', LIMIT);

		expect(alone.error).toBeUndefined();
		const requests = handle.fake.apiRequests();
		expect(requests.filter((request) => request.status === 429)).toHaveLength(0);
		const submits = requests.filter((request) => request.method === 'POST');
		expect(submits).toHaveLength(LIMIT);
		// All within one window: the budget was not held to a part.
		expect(submits[LIMIT - 1].at - submits[0].at).toBeLessThan(WINDOW_MS);
	});
});

describe('a worker that sees others holding the window', () => {
	const WINDOW = 6_000;
	const handle = withFake({ rateLimit: { limit: LIMIT, windowMs: WINDOW }, jobDurationMs: 100, estimatedCompletionTime: '1 second' }, { perTest: true });
	const on = (tag: string, images: number) => runOn(handle.fake.baseUrl, handle.fake.apiKey, 0, tag, images);

	it('others that stop: the whole budget two seconds after an answer found them holding nothing, not a window and a half later', async () => {
		// Another worker took 5 slots and sends no more.
		handle.fake.spendElsewhere(5);
		const othersAt = Date.now();

		const result = await on('others-stop', 15);

		expect(result.error).toBeUndefined();
		const requests = handle.fake.apiRequests();
		expect(requests.filter((request) => request.status === 429)).toHaveLength(0);
		const submits = requests.filter((request) => request.method === 'POST');
		// While the others' slots are in the window it keeps to a part (at most 5 of 10)...
		expect(submits.filter((request) => request.at < othersAt + WINDOW).length).toBeLessThanOrEqual(5);
		// ...then, once they freed: its own again, and two seconds later, the others still holding
		// nothing, the whole window. Without that second look it kept to its part a window and a half more.
		const nextWindow = submits.filter((request) => request.at >= othersAt + WINDOW && request.at < othersAt + WINDOW + 4_500);
		expect(nextWindow).toHaveLength(LIMIT);
	});

	it('waits for the slot its own request holds, not the reset (a slot that frees sooner is the others’, and taking it races them)', async () => {
		// One image alone teaches the window's length (its reset lies a whole window ahead); then the window empties.
		expect((await on('learn', 1)).error).toBeUndefined();
		await pause(WINDOW + 1_200);
		handle.fake.reset();
		// Another worker takes 9 of the 10 slots; 4 s later this worker's first request takes the last one.
		handle.fake.spendElsewhere(LIMIT - 1);
		const othersAt = Date.now();
		await pause(4_000);

		const result = await on('shared', 2);

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.status)).toEqual(['completed', 'completed']);
		const accepted = handle.fake.apiRequests().filter((request) => request.status !== 429);
		// The scenario: the others' reset (6 to 7 s after them, whole seconds) plus the most spread a
		// worker adds after a reset (2 s) comes less than 5.5 s after this worker's first request...
		expect(Math.ceil((othersAt + WINDOW) / 1000) * 1000 + 2_000 - accepted[0].at).toBeLessThan(5_500);
		// ...so a worker that took the reset would send its next request sooner than this: it waited for its own slot.
		expect(accepted[1].at - accepted[0].at).toBeGreaterThanOrEqual(WINDOW - 500);
	});
});
