/**
 * Video benchmark (issue 11), figures not assertions, through the real engine against the fake
 * RawUGC in its own process:
 *
 * 1. Batch: 10 videos whose jobs take 15 to 25 s, under a rate limit of 10 requests per 6 s.
 *    API calls per video, 429s, and the wall time against the bound the rate limit and the
 *    jobs set. Request k (from 0) can go at floor(k / 10) x 6 s at the earliest; the N submits
 *    go first, then at least one list call that sees the last job done:
 *        bound = max(floor(N / 10) x 6 s, max over jobs i of (floor(i / 10) x 6 s + duration_i))
 *    (durations as the fake drew them, in submit order). Targets: at most 1.3 API calls per
 *    video, no 429.
 * 2. Memory: the peak RSS of the node's process downloading one 150 MB video against one small
 *    video, each in a fresh process, n8n's filesystem binary mode. Target: the 150 MB video adds
 *    at most 60 MB to the peak.
 *
 * Run: `npm run bench -- video` (`BENCH_VIDEO=batch` or `memory` for one part only).
 */
import { runRawUgc } from '../test/engine/runRawUgc';
import { answerAsChild, inFreshProcess, rssSampler } from './child';
import { startFakeProcess } from './fakeProcess';

const LIMIT = 10;
const WINDOW_MS = 6_000;
const VIDEO_MS = { min: 15_000, max: 25_000 };
const VIDEOS = 10;
const BATCH_RESULT_BYTES = 2_000_000;
const TARGET_CALLS_PER_VIDEO = 1.3;
const BIG_BYTES = 150 * 1_000_000;
const SMALL_BYTES = 1_000_000;
const TARGET_ADDED_MB = 60;
const MB = 2 ** 20;

interface Credentials {
	apiKey: string;
	baseUrl: string;
}

const generate = (download: boolean) => ({
	resource: 'video',
	operation: 'generate',
	model: 'sora-2-text-to-video',
	prompt: '={{ $json.prompt }}',
	options: { download },
});

const slot = (k: number) => Math.floor(k / LIMIT) * WINDOW_MS;

async function batchFigures(): Promise<void> {
	const fake = await startFakeProcess({
		rateLimit: { limit: LIMIT, windowMs: WINDOW_MS },
		jobDurationMsByKind: { video: VIDEO_MS },
		estimatedCompletionTime: { video: '15-25 seconds' },
		resultBytes: { video: BATCH_RESULT_BYTES },
		balance: 100_000,
	});
	try {
		const startedAt = Date.now();
		const run = await runRawUgc({
			parameters: generate(true),
			credentials: { apiKey: fake.apiKey, baseUrl: fake.baseUrl },
			binaryMode: 'filesystem',
			items: Array.from({ length: VIDEOS }, (_, i) => ({ json: { prompt: `bench video ${i}` } })),
		});
		const wallMs = Date.now() - startedAt;
		if (run.error) throw run.error;
		const stats = await fake.stats();
		const jobs = (await fake.jobs('video')).sort((a, b) => a.createdAt - b.createdAt);
		const boundMs = Math.max(slot(VIDEOS), ...jobs.map((job, i) => slot(i) + job.durationMs));
		const done = run.items.filter((item) => item.binary?.data && !item.json.error).length;
		const perVideo = stats.apiCalls / VIDEOS;
		const met = perVideo <= TARGET_CALLS_PER_VIDEO && stats.rateLimited === 0;
		console.log(`\nVideo batch: ${VIDEOS} videos of ${VIDEO_MS.min / 1000}-${VIDEO_MS.max / 1000} s, rate limit ${LIMIT} per ${WINDOW_MS / 1000} s`);
		console.log(
			`  done ${done}/${VIDEOS} | API calls ${stats.apiCalls} (${perVideo.toFixed(2)} per video) | 429s ${stats.rateLimited} | ` +
				`wall ${(wallMs / 1000).toFixed(1)} s | bound ${(boundMs / 1000).toFixed(1)} s | wall/bound ${(wallMs / boundMs).toFixed(2)} | ` +
				`targets (<= ${TARGET_CALLS_PER_VIDEO} calls per video, no 429): ${met ? 'met' : 'NOT met'}`,
		);
		console.log(`  calls by route: ${JSON.stringify(stats.byRoute)}`);
	} finally {
		await fake.stop();
	}
}

interface MemoryFigures {
	bytes: number;
	baselineRssMb: number;
	peakRssMb: number;
	wallMs: number;
}

/** In the child: one warm-up run (code loaded, sockets made), then one video downloaded. */
async function downloadOne(credentials: Credentials, bytes: number): Promise<MemoryFigures> {
	const warmUp = await runRawUgc({ parameters: generate(false), credentials, items: [{ json: { prompt: 'warm up' } }] });
	if (warmUp.error) throw warmUp.error;
	global.gc?.();
	const baseline = process.memoryUsage().rss;
	const stop = rssSampler();
	const startedAt = Date.now();
	const run = await runRawUgc({ parameters: generate(true), credentials, binaryMode: 'filesystem', items: [{ json: { prompt: 'the video' } }] });
	const wallMs = Date.now() - startedAt;
	const peak = stop();
	if (run.error) throw run.error;
	const stored = run.items[0]?.binary?.data;
	if (stored?.mimeType !== 'video/mp4' || Number(stored.bytes) < bytes) throw new Error(`unexpected result: ${JSON.stringify(stored)}`);
	return { bytes: Number(stored.bytes), baselineRssMb: baseline / MB, peakRssMb: peak / MB, wallMs };
}

async function memoryFigures(): Promise<void> {
	const round = (value: number) => (Math.round(value * 10) / 10).toFixed(1);
	const figures: MemoryFigures[] = [];
	for (const bytes of [SMALL_BYTES, BIG_BYTES]) {
		const fake = await startFakeProcess({
			resultBytes: { video: bytes },
			jobDurationMs: 300,
			estimatedCompletionTime: '1 second',
			rateLimit: { limit: 1_000, windowMs: 60_000 },
			balance: 100_000,
		});
		try {
			figures.push(await inFreshProcess<MemoryFigures>('bench/video.tsx', { credentials: { apiKey: fake.apiKey, baseUrl: fake.baseUrl }, bytes }));
		} finally {
			await fake.stop();
		}
	}
	const [small, big] = figures;
	// Two readings: peak against peak (which also carries the two processes' different starting
	// RSS), and what each run added to its own start (the download's own need).
	const peakToPeak = big.peakRssMb - small.peakRssMb;
	const grown = big.peakRssMb - big.baselineRssMb - (small.peakRssMb - small.baselineRssMb);
	const verdict = (mb: number) => (mb <= TARGET_ADDED_MB ? 'met' : 'NOT met');
	console.log('\nVideo download memory (filesystem binary mode, each in a fresh Node 24 process)');
	for (const row of figures) {
		console.log(`  ${(row.bytes / 1e6).toFixed(0).padStart(4)} MB video: peak RSS ${round(row.peakRssMb)} MB (start of run ${round(row.baselineRssMb)} MB), ${row.wallMs} ms`);
	}
	console.log(`  the 150 MB video adds ${round(peakToPeak)} MB peak to peak (target <= ${TARGET_ADDED_MB}: ${verdict(peakToPeak)})`);
	console.log(`  and ${round(grown)} MB more growth above its own start than the small one (target <= ${TARGET_ADDED_MB}: ${verdict(grown)})`);
}

export async function runVideoBench(): Promise<void> {
	if (process.env.BENCH_VIDEO !== 'memory') await batchFigures();
	if (process.env.BENCH_VIDEO !== 'batch') await memoryFigures();
}

if (require.main === module && process.argv[2] === 'child') {
	answerAsChild<{ credentials: Credentials; bytes: number }>(async ({ credentials, bytes }) => await downloadOne(credentials, bytes));
}
