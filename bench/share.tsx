/**
 * `npm run bench -- share`: queue-mode workers sharing one key, in simulated time. Each worker is
 * the node's own Pacer (one per process, its two executions share it); requests meet the fake's
 * sliding-window limit (10 per 6 s, reset in whole seconds, 429s not counted) a few ms each way,
 * sometimes late (a loaded machine). Workers start up to 400 ms apart, as n8n's queue handed
 * out executions in real runs. Each execution submits 10 images, then looks at the list as the
 * node's watcher does (first look 1 s after a submit, then every 2 s, 3 s...) until its jobs
 * (1 to 2 s each) are done. Figures over many seeded runs, in seconds: calls, 429s, wall time
 * against the bound (as `npm run test:queue` counts them), how many runs met the issue's goals,
 * the capacity left unused while a single worker still waited (the tail), and how the first
 * window was split; and, to show what coordination is worth, the same executions through one
 * pacer (as if one process ran them all). A quick way to compare pacing rules
 * (RAWUGC_SHARE_RUNS=150 for finer figures); the real queue run stays the judge. The real runs'
 * worst case (late first answers, a run starting just before a whole second) is
 * RAWUGC_SHARE_WARM=1 RAWUGC_SHARE_BEFORE_SECOND=100.
 */
import FakeTimers from '@sinonjs/fake-timers';

import { Pacer } from '../nodes/RawUgc/transport/pacer';
import { SlidingWindow } from '../test/fake-rawugc/rate-limit';
import type { RunFigures } from '../test/queue/rate';

const LIMIT = 10;
const WINDOW_MS = 6_000;
const IMAGES_PER_EXECUTION = 10;
const EXECUTIONS_PER_WORKER = 2;
// After the first: the second within 150 ms, the others within 400 ms (as in real queue runs).
const START_SPREAD_MS = (process.env.RAWUGC_SHARE_SPREAD ?? '0,150,400').split(",").map(Number);
const FIRST_LOOK_MS = 1_000;
const FIRST_GAP_MS = 2_000;
const DUE_TOGETHER_MS = 1_000;

interface Call {
	at: number;
	worker: number;
	status: number;
}

export interface SimulatedRun extends RunFigures {
	/** Accepted requests of each worker in the first window. */
	firstWindow: number[];
	/** Every request, ms after the run began: who sent it, what came back. */
	requests: Call[];
	/** When each worker began and stopped waiting for a turn (ms after the run began; +1 / -1). */
	waits: Array<{ at: number; worker: number; change: 1 | -1 }>;
}

/** A small seeded generator (mulberry32): the same seed gives the same run. */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

async function simulate(workers: number, random: () => number, onePacer: boolean): Promise<SimulatedRun> {
	const startedAt = Date.now();
	const limiter = new SlidingWindow(LIMIT, WINDOW_MS);
	const calls: Call[] = [];
	const waits: SimulatedRun['waits'] = [];
	const delay = async (ms: number) => await new Promise<void>((resolve) => setTimeout(resolve, ms));
	// Most answers take a few ms each way; one in twenty comes late (a busy worker or API).
	const network = () => (random() < 0.05 ? 50 + random() * 150 : 8 + random() * 17);
	// RAWUGC_SHARE_WARM=1: each worker's first second is slower, 20 to 60 ms more each way (its
	// process warming up on a loaded machine: real first answers took 60 to 110 ms).
	const firstCallAt = new Map<number, number>();
	const warming = (worker: number) => {
		const since = Date.now() - (firstCallAt.get(worker) ?? Date.now());
		return process.env.RAWUGC_SHARE_WARM === '1' && since < 1000 ? 20 + random() * 40 : 0;
	};

	/** One API call through the pacer; 429s are waited out as the node does (api.ts). Resolves when the API counted it. */
	async function call(pacer: Pacer, worker: number): Promise<number> {
		for (;;) {
			waits.push({ at: Date.now() - startedAt, worker, change: 1 });
			const turn = await pacer.acquire();
			waits.push({ at: Date.now() - startedAt, worker, change: -1 });
			if (!firstCallAt.has(worker)) firstCallAt.set(worker, Date.now());
			await delay(network() + warming(worker));
			const at = Date.now();
			const decision = limiter.take('key', at);
			const status = decision.allowed ? 200 : 429;
			calls.push({ at, worker, status });
			await delay(network() + warming(worker));
			const headers = Object.fromEntries(Object.entries(decision.headers).map(([name, value]) => [name.toLowerCase(), value]));
			pacer.release({ status, headers }, turn);
			if (decision.allowed) return at;
		}
	}

	async function execution(pacer: Pacer, worker: number, startAt: number): Promise<number> {
		await delay(startAt);
		const jobs = await Promise.all(
			Array.from({ length: IMAGES_PER_EXECUTION }, async () => {
				const submittedAt = await call(pacer, worker);
				return { doneAt: submittedAt + 1_000 + random() * 1_000, nextLookAt: Date.now() + FIRST_LOOK_MS, gapMs: FIRST_GAP_MS };
			}),
		);
		let pending = jobs;
		while (pending.length > 0) {
			const nextLookAt = Math.min(...pending.map((job) => job.nextLookAt));
			await delay(Math.max(0, nextLookAt - Date.now()));
			const due = pending.filter((job) => job.nextLookAt <= Date.now() + DUE_TOGETHER_MS);
			const lookedAt = await call(pacer, worker);
			for (const job of due) {
				job.nextLookAt = Date.now() + job.gapMs;
				job.gapMs = Math.min(30_000, Math.round(job.gapMs * 1.5));
			}
			pending = pending.filter((job) => job.doneAt > lookedAt);
		}
		return Date.now() - startedAt;
	}

	let shared: Pacer | undefined;
	const finishes = Array.from({ length: workers }, (_, worker) => {
		const pacer = onePacer ? (shared ??= new Pacer()) : new Pacer();
		const startAt = random() * START_SPREAD_MS[Math.min(worker, START_SPREAD_MS.length - 1)];
		return Promise.all(Array.from({ length: EXECUTIONS_PER_WORKER }, () => execution(pacer, worker, startAt + random() * 60)));
	});
	const finishedMs = (await Promise.all(finishes)).map((ends) => Math.max(...ends));
	const accepted = calls.filter((request) => request.status !== 429);
	const first = calls[0]?.at ?? startedAt;
	return {
		workers,
		images: workers * EXECUTIONS_PER_WORKER * IMAGES_PER_EXECUTION,
		calls: calls.length,
		rateLimited: calls.length - accepted.length,
		wallMs: Math.max(...finishedMs),
		boundMs: Math.max(0, Math.ceil(accepted.length / LIMIT) - 1) * WINDOW_MS,
		firstWindow: Array.from({ length: workers }, (_, worker) => accepted.filter((request) => request.worker === worker && request.at < first + WINDOW_MS).length),
		requests: calls.map((request) => ({ ...request, at: request.at - startedAt })),
		waits,
	};
}

/** One run in simulated time: Date, timers and Math.random are the simulation's until it ends. */
export async function simulateRun(workers: number, seed: number, onePacer = false): Promise<SimulatedRun> {
	const random = seeded(seed);
	const realRandom = Math.random;
	// Started at a random moment within a second, as real runs are (resets are whole seconds), or
	// RAWUGC_SHARE_BEFORE_SECOND ms before a whole second (100: the late starters' first answers see
	// the window's oldest expiry rounded up by little, and guess the window a second short).
	const beforeSecond = process.env.RAWUGC_SHARE_BEFORE_SECOND;
	const offset = beforeSecond ? 1000 - Number(beforeSecond) : Math.floor(random() * 1000);
	const clock = FakeTimers.install({ now: 1_800_000_000_000 + offset, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
	Math.random = random;
	try {
		let result: SimulatedRun | undefined;
		let failure: unknown;
		simulate(workers, random, onePacer).then(
			(run) => (result = run),
			(error: unknown) => (failure = error ?? new Error('failed')),
		);
		while (result === undefined && failure === undefined && clock.now < 1_800_000_000_000 + 600_000) await clock.tickAsync(1_000);
		if (failure !== undefined) throw failure;
		if (result === undefined) throw new Error(`${workers} workers, seed ${seed}: not done after 600 simulated seconds`);
		return result;
	} finally {
		Math.random = realRandom;
		clock.uninstall();
	}
}

function quantile(values: number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Slot-seconds the window left unused while exactly one worker waited for a turn (the others done or between looks). */
function unusedWhileOneWaits(run: SimulatedRun, stepMs = 10): number {
	const accepted = run.requests.filter((request) => request.status !== 429).map((request) => request.at);
	const waiting = new Array<number>(run.workers).fill(0);
	const changes = [...run.waits].sort((a, b) => a.at - b.at);
	let next = 0;
	let unused = 0;
	for (let at = 0; at < run.wallMs; at += stepMs) {
		while (next < changes.length && changes[next].at <= at) waiting[changes[next].worker] += changes[next++].change;
		if (waiting.filter((count) => count > 0).length !== 1) continue;
		const used = accepted.filter((sent) => sent > at - WINDOW_MS && sent <= at).length;
		unused += (Math.max(0, LIMIT - used) * stepMs) / 1000;
	}
	return unused;
}

const WIDTHS = [13, 6, 14, 18, 24, 12];

function row(cells: string[]): string {
	return `    ${cells.map((cell, index) => cell.padStart(WIDTHS[index] ?? 0)).join('  ')}`;
}

function report(label: string, results: SimulatedRun[]): string {
	const runs = results.length;
	const per10 = results.map((run) => (run.rateLimited * 10) / run.images);
	const ratio = results.map((run) => run.wallMs / Math.max(1, run.boundMs));
	const met = results.filter((_, index) => per10[index] <= 1 && ratio[index] <= 1.2).length;
	const met429 = per10.filter((value) => value <= 1).length;
	const metTime = ratio.filter((value) => value <= 1.2).length;
	const split = results.map((run) => [...run.firstWindow].sort((a, b) => b - a).join('/'));
	const typical = [...new Set(split)].map((shape) => [shape, split.filter((seen) => seen === shape).length] as const).sort((a, b) => b[1] - a[1]).slice(0, 2);
	return row([
		label,
		String(quantile(results.map((run) => run.calls), 0.5)),
		`${quantile(per10, 0.5).toFixed(2)}, ${Math.max(...per10).toFixed(2)}`,
		`${quantile(ratio, 0.5).toFixed(2)}, ${quantile(ratio, 0.9).toFixed(2)}, ${Math.max(...ratio).toFixed(2)}`,
		`${met}/${runs} (${met429}, ${metTime})`,
		quantile(results.map((run) => unusedWhileOneWaits(run)), 0.5).toFixed(1),
		typical.map(([shape, count]) => `${shape} (${count})`).join(', '),
	]);
}

export async function runShareBench(runs = Number(process.env.RAWUGC_SHARE_RUNS ?? 40)): Promise<void> {
	// RAWUGC_SHARE_SEED shifts the seeds: another set of runs, to tell a change from luck.
	const seedShift = Number(process.env.RAWUGC_SHARE_SEED ?? 0);
	console.log(`\nShared key in simulated time (${LIMIT} per ${WINDOW_MS / 1000} s, ${EXECUTIONS_PER_WORKER} x ${IMAGES_PER_EXECUTION} images per worker, ${runs} seeded runs each; the goal: at most 1 x 429 per 10 images, at most 1.2 x the bound):`);
	console.log(row(['workers', 'calls', '429s/10 images', 'wall/bound', 'both goals met', 'tail slot-s', 'first window']));
	console.log(row(['', 'median', 'median, worst', 'median, p90, worst', '(429s, time)', 'median', 'typical split']));
	const runsOf = async (workers: number, onePacer: boolean) => {
		const results: SimulatedRun[] = [];
		for (let seed = 1; seed <= runs; seed++) results.push(await simulateRun(workers, seed * 7919 + workers + seedShift, onePacer));
		return results;
	};
	for (const workers of [1, 2, 3, 4]) console.log(report(String(workers), await runsOf(workers, false)));
	// What coordination would give: the same executions through one pacer (as if one process ran them all).
	for (const workers of [2, 3]) console.log(report(`${workers}, one pacer`, await runsOf(workers, true)));
	console.log('    (tail slot-s: slot-seconds the window left unused while a single worker still waited for a turn)');
}
