/**
 * `npm run bench`: figures, not assertions. Runs the batch benchmark (issue 4), then the binary
 * benchmark (issue 5) when bench/binary.tsx exists; it exports `runBinaryBench(): Promise<unknown>`
 * (a default export or `main` is accepted too).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { runBatchBench } from './batch';
import { runPostsBench } from './posts';
import { runShareBench } from './share';
import { runVideoBench } from './video';

type BenchModule = { runBinaryBench?: () => Promise<unknown>; main?: () => Promise<unknown>; default?: () => Promise<unknown> };

async function runBinaryBenchIfPresent(): Promise<void> {
	const file = ['binary.tsx', 'binary.js'].map((name) => path.join(__dirname, name)).find((candidate) => existsSync(candidate));
	if (!file) {
		console.log('\n(bench/binary.tsx is not there yet: no binary figures)');
		return;
	}
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const binary = require(file) as BenchModule;
	const entry = binary.runBinaryBench ?? binary.main ?? binary.default;
	if (typeof entry === 'function') await entry();
}

async function main(): Promise<void> {
	const only = process.argv[2];
	if (!only || only === 'batch') await runBatchBench();
	if (!only || only === 'binary') await runBinaryBenchIfPresent();
	if (!only || only === 'video') await runVideoBench();
	if (!only || only === 'posts') await runPostsBench();
	if (!only || only === 'share') await runShareBench();
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
