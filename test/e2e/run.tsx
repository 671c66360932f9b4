// The real-n8n e2e run, on each supported n8n line (2.41.x on Node 24, 1.123.x on Node 20/22): cached
// n8n, our packed package installed as a user installs it, real workflows against the fake RawUGC;
// then the editor in headless Chromium on 2.x. Entry point: scripts/e2e/run.sh.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CheckFailed, type E2eContext } from './lib/context';
import { startFake, type FakeProcess } from './lib/fake';
import { logTail, N8nCommandError, startN8nWithOwner, type RunningN8n } from './lib/n8n';
import { run } from './lib/process';
import { runBrowserChecks } from './steps/browser';
import { checkHostSleep } from './steps/host';
import { checkNpmStart } from './steps/start';
import { runResearchChecks } from './steps/research';
import { armTrigger, checkTriggerFired, prepareTrigger } from './steps/trigger';
import { importExamples, runWorkflowChecks } from './steps/workflows';
import { Steps } from './lib/steps';

const repo = path.resolve(__dirname, '..', '..');
const steps = new Steps();

async function step<T>(name: string, context: E2eContext, body: () => Promise<T>): Promise<T> {
	return await steps.run(name, body, (error) => reportFailure(name, context, error));
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

/** n8n versions whose workflows run, 2.x first (the editor check runs on the first 2.x). */
function n8nVersions(): string[] {
	return (process.env.RAWUGC_E2E_N8N_VERSIONS ?? '2.41.1 1.123.81').split(/[\s,]+/).filter(Boolean);
}

function contextFor(workDir: string, version: string): E2eContext {
	const versionDir = path.join(workDir, `n8n-${version}`);
	mkdirSync(versionDir, { recursive: true });
	return {
		repo,
		workDir: versionDir,
		setup: {
			n8nDir: '',
			nodeBinary: '',
			userFolder: path.join(versionDir, 'n8n-user'),
			logFile: path.join(versionDir, 'n8n.log'),
			binaryDataDir: path.join(versionDir, 'binary-data'),
		},
	};
}

/** Steps 1-3 on one n8n version; the browser step on the first 2.x. */
async function checkVersion(context: E2eContext, version: string, built: boolean, browser: boolean): Promise<void> {
	const installEnv = { ...process.env, RAWUGC_E2E_N8N_VERSION: version };
	context.setup.n8nDir = await step(`1. n8n ${version} (cached install)`, context, () => script('install-n8n.sh', [], installEnv));
	context.setup.nodeBinary = readFileSync(path.join(context.setup.n8nDir, 'node-binary'), 'utf8').trim();
	const pathWithHostNode = `${path.dirname(context.setup.nodeBinary)}:${process.env.PATH ?? ''}`;
	const packageDir = await step(`2. [${version}] ${built ? '' : 'build, '}npm pack, install into n8n like the community installer`, context, () =>
		script('install-package.sh', [context.setup.userFolder], {
			...process.env,
			PATH: pathWithHostNode,
			...(built ? { RAWUGC_E2E_SKIP_BUILD: '1' } : {}),
		}),
	);
	context.fake ??= await step('3a. start the fake RawUGC', context, () =>
		startFake(repo, context.setup.nodeBinary, {
			jobDurationMs: 300,
			// The node waits this long before its first look; the API's usual "10-30 seconds" would only slow the run.
			estimatedCompletionTime: '1 second',
			// Pacing is tested elsewhere; here a 429 would only hide what is being checked.
			rateLimit: { limit: 1000, windowMs: 60_000 },
			// Posts published now go out a moment after the create: the node waits for them.
			social: { nowPublishes: 'later', publishDelayMs: 1500 },
		}),
	);
	await step(`3b. [${version}] abortable sleep on this n8n's n8n-workflow`, context, () => checkHostSleep(context, packageDir));
	await step(`3c. [${version}] workflows: text to image, edit, bad input, failed job under Continue, music, Retry On Fail, text to video, social posts (scheduled, published)`, context, () => runWorkflowChecks(context));
	const exampleIds = await step(`3d. [${version}] examples/*.json import`, context, () => importExamples(context));
	await step(`3e. [${version}] research: a content plan from a scrape; brand library: a product`, context, () => runResearchChecks(context));
	if (!browser) return;
	// One `n8n start` for the editor and the trigger: the editor check and npm start run while the
	// armed trigger waits for its polls, a minute apart.
	const skip = (what: string) => {
		if (process.env[`RAWUGC_E2E_SKIP_${what}`] !== '1') return false;
		console.log(`\nNOTICE: ${what.toLowerCase()} step skipped (RAWUGC_E2E_SKIP_${what}=1)`);
		return true;
	};
	const skipTrigger = skip('TRIGGER');
	const before = skipTrigger ? undefined : await step(`6a. [${version}] trigger workflow imported; a job finished before activation`, context, () => prepareTrigger(context));
	const server = await step(`4a. [${version}] n8n start for the editor and the trigger, owner set up`, context, () => startN8nWithOwner(context.setup));
	try {
		const armed = before === undefined ? undefined : await step(`6b. [${version}] RawUGC Trigger activated: its first poll, then a new job`, context, () => withN8nOutput(server, () => armTrigger(context, server.rest, before)));
		if (!skip('BROWSER')) await step(`4. [${version}] editor in headless Chromium`, context, () => runBrowserChecks(context, exampleIds, server));
		if (!skip('START')) await step('5. npm start (simulated RawUGC): /healthz, printed link and login, one click in Chromium makes an image, a video and a track that show and play, the webhook, no n8n.io look-ups, Ctrl-C ends all', context, () => checkNpmStart(context));
		if (armed) {
			await step(`6. [${version}] RawUGC Trigger: fired once for the new job, not on the next poll; Fetch Test Event`, context, () =>
				withN8nOutput(server, () => checkTriggerFired(context, server.rest, armed)),
			);
		}
	} finally {
		await server.n8n.stop();
	}
}

/** A failed check in the shared n8n carries the tail of what `n8n start` printed. */
async function withN8nOutput<T>(server: RunningN8n, body: () => Promise<T>): Promise<T> {
	try {
		return await body();
	} catch (error) {
		const details = error instanceof CheckFailed ? `${error.details}\n` : '';
		throw new CheckFailed((error as Error).message, `${details}--- n8n start output (tail) ---\n${server.n8n.output().slice(-8000)}`);
	}
}

async function main(): Promise<number> {
	const workDir = mkdtempSync(path.join(tmpdir(), 'rawugc-e2e-'));
	const versions = n8nVersions();
	const editorVersion = versions.find((version) => !version.startsWith('1.'));
	let fake: FakeProcess | undefined;
	let failed = false;
	try {
		for (const [index, version] of versions.entries()) {
			const context = contextFor(workDir, version);
			context.fake = fake;
			try {
				await checkVersion(context, version, index > 0, version === editorVersion);
			} finally {
				fake = context.fake;
			}
		}
	} catch {
		failed = true;
	} finally {
		await fake?.stop();
	}
	steps.printTimings();
	if (failed) {
		console.log(`\nE2E FAILED (scratch folder kept: ${workDir})`);
		return 1;
	}
	if (process.env.RAWUGC_E2E_KEEP !== '1') rmSync(workDir, { recursive: true, force: true });
	console.log(`\nE2E PASSED on n8n ${versions.join(' and ')}`);
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
