/** What the memory benchmarks share: a case run in a fresh Node 24 process, its RSS sampled. */
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** Samples this process's RSS while a run goes on; returns the peak in bytes. */
export function rssSampler(): () => number {
	let peak = process.memoryUsage().rss;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 5);
	return () => {
		clearInterval(timer);
		return Math.max(peak, process.memoryUsage().rss);
	};
}

/**
 * Runs `script child <payload>` in a fresh Node 24 process (so the peak is the case's own) and
 * reads its figures from its last output line (JSON).
 */
export async function inFreshProcess<T>(script: string, payload: unknown): Promise<T> {
	const child = spawn(
		path.join(ROOT, 'scripts/node24'),
		['--expose-gc', 'node_modules/ts-node/dist/bin.js', '--transpile-only', '--prefer-ts-exts', script, 'child', JSON.stringify(payload)],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	const last = output.trim().split('\n').pop() ?? '';
	if (code !== 0 || !last.startsWith('{')) throw new Error(`bench child failed (${code}): ${output}`);
	return JSON.parse(last) as T;
}

/** In the child: runs the case with the payload, prints its figures as the last line, exits. */
export function answerAsChild<T>(run: (payload: T) => Promise<unknown>): void {
	run(JSON.parse(process.argv[3]) as T).then(
		(figures) => {
			console.log(JSON.stringify(figures));
			process.exit(0);
		},
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
