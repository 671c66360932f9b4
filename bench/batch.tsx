/**
 * Batch benchmark (issue 4): batches of 1, 20 and 50 images through the real engine against the
 * fake RawUGC in its own process, with a tight rate limit (10 requests per 6 s) and jobs of 2-4 s.
 *
 * Lower bound the rate limit sets, for N images: N submits and at least one status call, so
 * N + 1 requests; under a sliding window of L per W, request k (from 0) can go at floor(k / L) x W
 * at the earliest, and the one status call that sees the last job done cannot come before that
 * job's submit plus the shortest job time:
 *     bound(N) = max(floor(N / L) x W, floor((N - 1) / L) x W + shortestJob)
 * Downloads go to the storage host, which is not rate limited, and are left out of the bound.
 */
import { runRawUgc } from '../test/engine/runRawUgc';
import { startFakeProcess, type FakeProcess } from './fakeProcess';

const LIMIT = 10;
const WINDOW_MS = 6_000;
const JOB_MS = { min: 2_000, max: 4_000 };
const SIZES = [1, 20, 50];
const RESULT_BYTES = 200_000;
const TARGET_CALLS_PER_IMAGE = 1.15;
const TARGET_TIME_RATIO = 1.25;

export interface BatchFigures {
	images: number;
	ok: number;
	apiCalls: number;
	callsPerImage: number;
	rateLimited: number;
	byRoute: Record<string, number>;
	wallMs: number;
	boundMs: number;
	peakRssMb: number;
	peakHeapMb: number;
}

export function lowerBoundMs(images: number): number {
	const slot = (k: number) => Math.floor(k / LIMIT) * WINDOW_MS;
	return Math.max(slot(images), slot(images - 1) + JOB_MS.min);
}

/** Samples this process's memory while a run goes on; peaks in MB. */
function memorySampler() {
	let rss = 0;
	let heap = 0;
	const sample = () => {
		const usage = process.memoryUsage();
		rss = Math.max(rss, usage.rss);
		heap = Math.max(heap, usage.heapUsed);
	};
	sample();
	const timer = setInterval(sample, 20);
	return () => {
		clearInterval(timer);
		sample();
		return { rssMb: rss / 2 ** 20, heapMb: heap / 2 ** 20 };
	};
}

async function runOne(fake: FakeProcess, images: number): Promise<BatchFigures> {
	// Let the window empty (the node's pacer learnt the last batch's state), then count afresh.
	await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 1_500));
	await fake.reset({ jobs: true, balance: 100_000 });
	global.gc?.();
	const stopSampling = memorySampler();
	const startedAt = Date.now();
	const run = await runRawUgc({
		parameters: {
			resource: 'image',
			operation: 'generate',
			model: 'nano-banana-2',
			prompt: '={{ $json.prompt }}',
			options: {},
		},
		credentials: { apiKey: fake.apiKey, baseUrl: fake.baseUrl },
		items: Array.from({ length: images }, (_, i) => ({ json: { prompt: `bench image ${i}` } })),
	});
	const wallMs = Date.now() - startedAt;
	const memory = stopSampling();
	if (run.error) throw run.error;
	const stats = await fake.stats();
	if (process.env.BENCH_TRACE) await printTrace(fake, startedAt, wallMs);
	return {
		images,
		ok: run.items.filter((item) => item.binary?.data && !item.json.error).length,
		apiCalls: stats.apiCalls,
		callsPerImage: stats.apiCalls / images,
		rateLimited: stats.rateLimited,
		byRoute: stats.byRoute,
		wallMs,
		boundMs: lowerBoundMs(images),
		peakRssMb: memory.rssMb,
		peakHeapMb: memory.heapMb,
	};
}

/** BENCH_TRACE=1: when each API request reached the fake, relative to the run's start. */
async function printTrace(fake: FakeProcess, startedAt: number, wallMs: number): Promise<void> {
	const requests = await fake.requests();
	const line = requests.map((request) => `${((request.at - startedAt) / 1000).toFixed(2)}${request.method === 'POST' ? 'P' : 'G'}`);
	console.log(`  trace (s, P=submit G=status): ${line.join(' ')} | end ${(wallMs / 1000).toFixed(2)}`);
}

function printTable(rows: BatchFigures[]): void {
	const verdict = (row: BatchFigures) => {
		if (row.images < 20) return '(no target)';
		const ok =
			row.callsPerImage <= TARGET_CALLS_PER_IMAGE &&
			row.rateLimited === 0 &&
			row.wallMs <= TARGET_TIME_RATIO * row.boundMs;
		return ok ? 'meets targets' : 'MISSES targets';
	};
	console.log(
		`\nBatch: rate limit ${LIMIT} per ${WINDOW_MS / 1000} s, jobs ${JOB_MS.min / 1000}-${JOB_MS.max / 1000} s, results ${RESULT_BYTES / 1000} kB`,
	);
	console.log('bound(N) = max(floor(N/10) x 6 s, floor((N-1)/10) x 6 s + 2 s): N submits + 1 status call, then the shortest job');
	console.log('images | done | API calls | per image | 429s | wall s | bound s | wall/bound | peak RSS MB | peak heap MB | verdict');
	for (const row of rows) {
		console.log(
			[
				String(row.images).padStart(6),
				String(row.ok).padStart(4),
				String(row.apiCalls).padStart(9),
				row.callsPerImage.toFixed(2).padStart(9),
				String(row.rateLimited).padStart(4),
				(row.wallMs / 1000).toFixed(1).padStart(6),
				(row.boundMs / 1000).toFixed(1).padStart(7),
				(row.wallMs / row.boundMs).toFixed(2).padStart(10),
				row.peakRssMb.toFixed(0).padStart(11),
				row.peakHeapMb.toFixed(0).padStart(12),
				verdict(row),
			].join(' | '),
		);
	}
	for (const row of rows) console.log(`  ${row.images} images, calls by route: ${JSON.stringify(row.byRoute)}`);
}

export async function runBatchBench(): Promise<BatchFigures[]> {
	const fake = await startFakeProcess({
		rateLimit: { limit: LIMIT, windowMs: WINDOW_MS },
		jobDurationMs: JOB_MS,
		estimatedCompletionTime: '2-4 seconds',
		resultBytes: RESULT_BYTES,
		balance: 100_000,
	});
	try {
		const rows: BatchFigures[] = [];
		for (const images of SIZES) rows.push(await runOne(fake, images));
		printTable(rows);
		return rows;
	} finally {
		await fake.stop();
	}
}
