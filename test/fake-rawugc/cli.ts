/**
 * Runs the fake RawUGC as its own process (benchmarks, real-n8n e2e runs):
 *   scripts/node24 node_modules/ts-node/dist/bin.js --transpile-only test/fake-rawugc/cli.ts '<options json>'
 * Prints one JSON line { baseUrl, storageOrigin, apiKey, pid } once listening; stops on SIGTERM/SIGINT
 * or by itself after maxLifetimeSeconds (default 3600).
 */
import { FakeRawUgc } from './index';
import type { FakeRawUgcOptions } from './types';

interface CliOptions extends Omit<FakeRawUgcOptions, 'shouldFail' | 'jobDurationMs'> {
	/** A fixed duration, or a uniformly random one between min and max. */
	jobDurationMs?: number | { min: number; max: number };
	/** Jobs whose prompt includes this string fail (default '[fail]'). */
	failPromptIncludes?: string;
	maxLifetimeSeconds?: number;
}

function toOptions(cli: CliOptions): FakeRawUgcOptions {
	const { failPromptIncludes, jobDurationMs, maxLifetimeSeconds: _unused, ...rest } = cli;
	const options: FakeRawUgcOptions = { ...rest };
	if (failPromptIncludes !== undefined) options.shouldFail = (prompt) => prompt.includes(failPromptIncludes);
	if (typeof jobDurationMs === 'number') options.jobDurationMs = jobDurationMs;
	else if (jobDurationMs) {
		const { min, max } = jobDurationMs;
		options.jobDurationMs = () => min + Math.random() * (max - min);
	}
	return options;
}

async function main(): Promise<void> {
	const cli = JSON.parse(process.argv[2] ?? '{}') as CliOptions;
	const fake = await FakeRawUgc.start(toOptions(cli));
	let stopping = false;
	const stop = (code: number) => {
		if (stopping) return;
		stopping = true;
		clearTimeout(lifetime);
		fake.stop().then(
			() => process.exit(code),
			() => process.exit(1),
		);
	};
	const lifetime = setTimeout(() => stop(0), (cli.maxLifetimeSeconds ?? 3600) * 1000);
	process.on('SIGTERM', () => stop(0));
	process.on('SIGINT', () => stop(0));
	process.stdout.write(
		`${JSON.stringify({ baseUrl: fake.baseUrl, storageOrigin: fake.storageOrigin, apiKey: fake.apiKey, pid: process.pid })}\n`,
	);
}

main().catch((error) => {
	process.stderr.write(`fake-rawugc: ${(error as Error).stack ?? error}\n`);
	process.exit(1);
});
