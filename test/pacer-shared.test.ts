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
	it('share the budget: at most 1 x 429 per 10 images, every image done', async () => {
		const started = Date.now();
		const runs = await Promise.all(
			Array.from({ length: workers * 2 }, (_, run) => runOn(run % workers, `w${run % workers}-r${run}`, 5)),
		);
		const result = figures(handle.fake.apiRequests(), Date.now() - started);
		if (process.env.SHOW_REQUESTS) console.log(handle.fake.apiRequests().map((r) => `${r.at - started} ${r.method === 'POST' ? JSON.parse(r.body.toString()).prompt : ''} ${r.method} ${r.path.slice(7)} ${r.status}`).join('\n'));
		const images = workers * 2 * 5;
		console.log(
			`${workers} workers, ${images} images: ${result.calls} calls, ${result.rateLimited} x 429, wall ${(result.wallMs / 1000).toFixed(1)} s for a bound of ${(result.boundMs / 1000).toFixed(0)} s (${result.ratio.toFixed(2)} x; machine shared)`,
		);

		for (const run of runs) {
			expect(run.error).toBeUndefined();
			expect(run.items.every((item) => item.json.status === 'completed')).toBe(true);
		}
		expect(result.rateLimited).toBeLessThanOrEqual(images / 10);
	});
});
