/**
 * Runs the fake RawUGC as its own process (benchmarks, real-n8n e2e runs):
 *   scripts/node24 node_modules/ts-node/dist/bin.js --transpile-only test/fake-rawugc/cli.tsx '<options json>'
 * Every JSON-able FakeRawUgcOptions field passes through as is (videoFormat, audioFormat,
 * resultBytes per kind, editPaths, editsAnswerPending, videoCredits, characters, ...); durations
 * may be ranges. Prints one JSON line { baseUrl, storageOrigin, apiKey, pid } once listening;
 * stops on SIGTERM/SIGINT or by itself after maxLifetimeSeconds (default 3600).
 */
import { FakeRawUgc } from './index';
import type { FakeRawUgcOptions, KindName } from './types';

/** A fixed duration, or a uniformly random one between min and max. */
type CliDuration = number | { min: number; max: number };

interface CliOptions extends Omit<FakeRawUgcOptions, 'shouldFail' | 'jobDurationMs' | 'jobDurationMsByKind'> {
	jobDurationMs?: CliDuration;
	/** e.g. { "video": { "min": 20000, "max": 40000 } } */
	jobDurationMsByKind?: Partial<Record<KindName, CliDuration>>;
	/** Jobs whose prompt includes this string fail (default '[fail]'). */
	failPromptIncludes?: string;
	maxLifetimeSeconds?: number;
}

function toDuration(duration: CliDuration): number | (() => number) {
	if (typeof duration === 'number') return duration;
	const { min, max } = duration;
	return () => min + Math.random() * (max - min);
}

function toOptions(cli: CliOptions): FakeRawUgcOptions {
	const { failPromptIncludes, jobDurationMs, jobDurationMsByKind, maxLifetimeSeconds: _unused, ...rest } = cli;
	const options: FakeRawUgcOptions = { ...rest };
	if (failPromptIncludes !== undefined) options.shouldFail = (prompt) => prompt.includes(failPromptIncludes);
	if (jobDurationMs !== undefined) options.jobDurationMs = toDuration(jobDurationMs);
	if (jobDurationMsByKind) {
		options.jobDurationMsByKind = Object.fromEntries(
			Object.entries(jobDurationMsByKind).map(([kind, duration]) => [kind, toDuration(duration)]),
		);
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
