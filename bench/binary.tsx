/**
 * Binary benchmark (issue 5): peak memory (RSS) of the node's process while it downloads 1 and
 * 5 results of 25 MB each, through the real engine in n8n's filesystem binary mode, against the
 * fake RawUGC in its own process. Each case runs in a fresh child process, so peaks are its own.
 * Target: the 5-image peak at most 1.2 x the 1-image peak. Also: the peak above the start of
 * the run for one 90 MB upload (File > Upload), which a buffered upload would raise by 90 MB+.
 *
 * Run: `npm run bench` (or `npm run bench -- binary`).
 */
import { runRawUgc } from '../test/engine/runRawUgc';
import { answerAsChild, inFreshProcess, rssSampler } from './child';
import { startFakeProcess } from './fakeProcess';

const RESULT_BYTES = 25_000_000;
const UPLOAD_BYTES = 90 * 2 ** 20;
const TARGET_RATIO = 1.2;
const MB = 2 ** 20;

interface Credentials {
	apiKey: string;
	baseUrl: string;
}

type Case = { kind: 'download'; images: number } | { kind: 'upload'; bytes: number };

interface CaseFigures {
	label: string;
	baselineRssMb: number;
	peakRssMb: number;
	peakAboveBaselineMb: number;
	wallMs: number;
}

const generate = (download: boolean) => ({
	resource: 'image',
	operation: 'generate',
	model: 'nano-banana-2',
	prompt: '={{ $json.prompt }}',
	options: { download },
});

/** In the child: one warm-up run (code loaded, sockets made), then the measured case. */
async function runCase(credentials: Credentials, which: Case): Promise<CaseFigures> {
	const warmUp = await runRawUgc({ parameters: generate(false), credentials, items: [{ json: { prompt: 'warm up' } }] });
	if (warmUp.error) throw warmUp.error;

	// The upload's input file is built before the baseline: only what the upload adds counts.
	const input = which.kind === 'upload' ? Buffer.alloc(which.bytes, 7) : undefined;
	if (input) input.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	global.gc?.();
	const baseline = process.memoryUsage().rss;
	const stop = rssSampler();
	const startedAt = Date.now();
	const run =
		which.kind === 'download'
			? await runRawUgc({
					parameters: generate(true),
					credentials,
					binaryMode: 'filesystem',
					items: Array.from({ length: which.images }, (_, i) => ({ json: { prompt: `bench image ${i}` } })),
				})
			: await runRawUgc({
					parameters: { resource: 'file', operation: 'upload' },
					credentials,
					binaryMode: 'filesystem',
					items: [{ json: {}, binary: { data: { data: input!, mimeType: 'image/png', fileName: 'big.png' } } }],
				});
	const wallMs = Date.now() - startedAt;
	const peak = stop();
	if (run.error) throw run.error;
	if (which.kind === 'download') {
		const sizes = run.items.map((item) => item.binary?.data?.bytes);
		if (sizes.length !== which.images || sizes.some((size) => size !== RESULT_BYTES)) {
			throw new Error(`unexpected results: ${JSON.stringify(sizes)}`);
		}
	} else if (run.items[0]?.json.size !== which.bytes) {
		throw new Error(`unexpected upload answer: ${JSON.stringify(run.items[0]?.json)}`);
	}
	const label =
		which.kind === 'download' ? `download ${which.images} x ${RESULT_BYTES / 1e6} MB` : `upload 1 x ${which.bytes / MB} MB`;
	return {
		label,
		baselineRssMb: baseline / MB,
		peakRssMb: peak / MB,
		peakAboveBaselineMb: (peak - baseline) / MB,
		wallMs,
	};
}

/** Runs one case in a fresh Node 24 process. */
async function inChild(credentials: Credentials, which: Case): Promise<CaseFigures> {
	return await inFreshProcess<CaseFigures>('bench/binary.tsx', { credentials, which });
}

const round = (value: number) => Math.round(value * 10) / 10;

export async function runBinaryBench(): Promise<{ one: CaseFigures; five: CaseFigures; ratio: number; upload: CaseFigures }> {
	const fake = await startFakeProcess({
		resultBytes: RESULT_BYTES,
		jobDurationMs: 300,
		estimatedCompletionTime: '1 second',
		rateLimit: { limit: 1_000, windowMs: 60_000 },
		balance: 100_000,
	});
	try {
		const credentials = { apiKey: fake.apiKey, baseUrl: fake.baseUrl };
		const one = await inChild(credentials, { kind: 'download', images: 1 });
		const five = await inChild(credentials, { kind: 'download', images: 5 });
		const upload = await inChild(credentials, { kind: 'upload', bytes: UPLOAD_BYTES });
		const ratio = five.peakRssMb / one.peakRssMb;
		console.log('\nBinary benchmark (filesystem binary mode, each case in a fresh Node 24 process)');
		for (const figures of [one, five, upload]) {
			console.log(
				`  ${figures.label.padEnd(24)} peak RSS ${round(figures.peakRssMb)} MB ` +
					`(start of run ${round(figures.baselineRssMb)} MB, +${round(figures.peakAboveBaselineMb)} MB), ${figures.wallMs} ms`,
			);
		}
		console.log(
			`  5-image peak / 1-image peak: ${ratio.toFixed(3)} (target <= ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})`,
		);
		return { one, five, ratio, upload };
	} finally {
		await fake.stop();
	}
}

if (require.main === module && process.argv[2] === 'child') {
	answerAsChild<{ credentials: Credentials; which: Case }>(async ({ credentials, which }) => await runCase(credentials, which));
}
