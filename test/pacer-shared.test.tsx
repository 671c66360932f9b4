/**
 * Queue mode: several workers spend one API key's budget, each with its own pacer (the pacer is
 * per process) and no shared state but the API's X-RateLimit-* headers. Here each worker is a
 * run whose credential spells the fake's address its own way (127.0.0.1, 127.1, 2130706433):
 * one server, one key's window, but a pacer each, as separate processes would have.
 */
import type { RecordedRequest } from './fake-rawugc';
import { withFake } from './support/fake';
import { expr, generateParameters } from './support/parameters';
import { runRawUgc } from './engine/runRawUgc';

const LIMIT = 10;
const WINDOW_MS = 4_000;
const ADDRESSES = ['127.0.0.1', '127.1', '2130706433'];

const handle = withFake(
	{ rateLimit: { limit: LIMIT, windowMs: WINDOW_MS }, jobDurationMs: () => 500 + Math.random() * 500, estimatedCompletionTime: '1 second' },
	{ perTest: true },
);

const prompts = (count: number, tag: string) => Array.from({ length: count }, (_, n) => ({ json: { prompt: `${tag} ${n}` } }));

/** One worker's execution: its own spelling of the fake's address, so its own pacer. */
async function runOn(worker: number, tag: string, images: number) {
	const baseUrl = handle.fake.baseUrl.replace('127.0.0.1', ADDRESSES[worker]);
	return await runRawUgc({
		parameters: generateParameters({ prompt: expr('$json.prompt'), options: { maxWaitTime: 120 } }),
		credentials: { apiKey: handle.fake.apiKey, baseUrl },
		items: prompts(images, tag),
	});
}

/** What the pacing decides: calls, 429s, and the wall time against the least the accepted calls need. */
function figures(requests: RecordedRequest[], wallMs: number) {
	const accepted = requests.filter((request) => request.status !== 429).length;
	const boundMs = Math.max(0, Math.ceil(accepted / LIMIT) - 1) * WINDOW_MS;
	return { calls: requests.length, rateLimited: requests.length - accepted, wallMs, boundMs, ratio: wallMs / Math.max(1, boundMs) };
}

describe.each([2, 3])('%i workers, each running 2 executions of 5 images at once', (workers) => {
	it('share the budget: at most 3 x 429 per 10 images (main’s pacer: 5 to 8), every image done', async () => {
		const started = Date.now();
		const runs = await Promise.all(
			Array.from({ length: workers * 2 }, (_, run) => runOn(run % workers, `w${run % workers}-r${run}`, 5)),
		);
		const result = figures(handle.fake.apiRequests(), Date.now() - started);
		const images = workers * 2 * 5;
		console.log(
			`${workers} workers, ${images} images: ${result.calls} calls, ${result.rateLimited} x 429, wall ${(result.wallMs / 1000).toFixed(1)} s for a bound of ${(result.boundMs / 1000).toFixed(0)} s (${result.ratio.toFixed(2)} x; machine shared)`,
		);

		for (const run of runs) {
			expect(run.error).toBeUndefined();
			expect(run.items.every((item) => item.json.status === 'completed')).toBe(true);
		}
		// The goal is 1 per 10 (met by 2 workers, not always by 3, whose first answers race: see the printed figures).
		// The bound leaves room for a loaded machine (3 workers: 4 to 6 seen) and still fails without sharing
		// (9 and 19) or without the slow start (13 with 3 workers).
		expect(result.rateLimited).toBeLessThanOrEqual((images / 10) * 3);
	});
});

describe('when the other workers stop', () => {
	it('a worker that shared the budget has all of it again: a whole window of submits at once, no 429', async () => {
		await Promise.all([runOn(0, 'w0', 10), runOn(1, 'w1', 10)]);
		// Two windows without the others (the pacer keeps their part that long).
		await new Promise((resolve) => setTimeout(resolve, 2 * WINDOW_MS + 1_500));
		handle.fake.reset();

		const alone = await runOn(0, 'alone', LIMIT);

		expect(alone.error).toBeUndefined();
		const requests = handle.fake.apiRequests();
		expect(requests.filter((request) => request.status === 429)).toHaveLength(0);
		const submits = requests.filter((request) => request.method === 'POST');
		expect(submits).toHaveLength(LIMIT);
		// All within one window: the budget was not held to a part.
		expect(submits[LIMIT - 1].at - submits[0].at).toBeLessThan(WINDOW_MS);
	});
});
