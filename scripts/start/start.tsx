// npm start: the cached real n8n 2.41.1 at http://localhost:5678 with this checkout's package installed
// (rebuilt), an owner account, a RawUGC credential, the two "Try RawUGC" workflows and the examples.
// Without RAWUGC_API_KEY the credential points at the simulated RawUGC from the tests (no account,
// no credits). Ctrl-C stops n8n and the simulator and deletes this run's n8n data.
//   RAWUGC_START_PORT (default 5678), RAWUGC_BASE_URL (real mode), RAWUGC_START_KEEP=1 keeps the data,
//   RAWUGC_E2E_SKIP_BUILD=1 reuses dist/.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { startFake, type FakeProcess } from '../../test/e2e/lib/fake';
import { n8nCommand, N8nCommandError, startN8n, type N8nSetup } from '../../test/e2e/lib/n8n';
import { N8nRest, type Owner } from '../../test/e2e/lib/n8n-rest';
import { freePort, waitFor, type Background } from '../../test/e2e/lib/process';
import { CREDENTIAL_TYPE } from '../../test/e2e/workflows';
import {
	examplesWithStartCredential,
	START_CREDENTIAL,
	TRY_WEBHOOK_PATH,
	TRY_WEBHOOK_WORKFLOW_ID,
	TRY_WEBHOOK_WORKFLOW_NAME,
	TRY_WORKFLOW_ID,
	TRY_WORKFLOW_NAME,
	tryWebhookWorkflow,
	tryWorkflow,
} from './try-workflow';
import { tryPostWorkflow } from './try-post-workflow';

const repo = path.resolve(__dirname, '..', '..');
const port = Number(process.env.RAWUGC_START_PORT ?? 5678);
const editorUrl = `http://localhost:${port}`;
const OWNER: Owner = { email: 'you@example.com', firstName: 'RawUGC', lastName: 'Tryout', password: 'Try-RawUGC-1' };
const REAL_BASE_URL = 'https://rawugc.com/api/v1';

const say = (line = '') => process.stdout.write(`${line}\n`);

/**
 * n8n's look-ups of n8n.io, off: without internet each one only logs an error with a stack trace
 * (telemetry, version notes and "what's new", templates, banners, the personalisation survey, the
 * list of verified community nodes, the MCP server registry).
 */
const QUIET_OFFLINE: Record<string, string> = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_DISABLED_MODULES: 'mcp-registry',
	// n8n's own defaults, stated so it prints no "this default will change" notes about them.
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_RUNNERS_TASK_TIMEOUT: '300',
	N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(2 * 1024 ** 3),
	N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
};

let n8n: Background | undefined;
let fake: FakeProcess | undefined;
let userDir: string | undefined;
let stopping = false;

/** Runs one of scripts/e2e/*.sh, its progress shown as it comes; returns its last stdout line. */
function script(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [path.join(repo, 'scripts', 'e2e', file), ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0 ? resolve(stdout.trim().split('\n').pop()!) : reject(new Error(`scripts/e2e/${file} exited with ${code}`)),
		);
	});
}

function portInUse(): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = createConnection({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

async function importEverything(setup: N8nSetup, apiKey: string, baseUrl: string, simulated: boolean): Promise<void> {
	const inputDir = path.join(userDir!, 'import');
	mkdirSync(path.join(inputDir, 'workflows'), { recursive: true });
	const credentials = path.join(inputDir, 'credentials.json');
	writeFileSync(credentials, JSON.stringify([{ ...START_CREDENTIAL, type: CREDENTIAL_TYPE, data: { apiKey, baseUrl } }]));
	// Scheduling a post needs accounts: the simulated RawUGC has some; with a real key the user picks theirs.
	const tries = simulated ? [tryWorkflow, tryWebhookWorkflow, tryPostWorkflow] : [tryWorkflow, tryWebhookWorkflow];
	for (const workflow of [...tries, ...examplesWithStartCredential(repo)]) {
		writeFileSync(path.join(inputDir, 'workflows', `${String(workflow.id)}.json`), JSON.stringify(workflow, null, 2));
	}
	await n8nCommand(setup, ['import:credentials', `--input=${credentials}`]);
	await n8nCommand(setup, ['import:workflow', '--separate', `--input=${path.join(inputDir, 'workflows')}`]);
	// Published, so its webhook answers.
	await n8nCommand(setup, ['publish:workflow', `--id=${TRY_WEBHOOK_WORKFLOW_ID}`]);
	rmSync(inputDir, { recursive: true, force: true }); // it held the key in plain text
}

/** n8n's own output, shown as it comes (info level). */
function echo(background: Background): void {
	for (const stream of [background.child.stdout, background.child.stderr]) {
		stream?.on('data', (chunk: Buffer) => {
			if (!stopping) process.stdout.write(chunk.toString().replace(/^(?=.)/gm, '[n8n] '));
		});
	}
}

async function start(): Promise<void> {
	if (await portInUse()) throw new Error(`port ${port} is in use (another n8n?): stop it, or set RAWUGC_START_PORT`);
	const apiKey = process.env.RAWUGC_API_KEY?.trim();
	userDir = mkdtempSync(path.join(tmpdir(), 'rawugc-start-'));

	say('▶ n8n 2.41.1 (installed once into ~/.cache/n8n-nodes-rawugc; the first time takes minutes)');
	const n8nDir = await script('install-n8n.sh', [], { ...process.env, RAWUGC_E2E_N8N_VERSION: '2.41.1' });
	const setup: N8nSetup = {
		n8nDir,
		nodeBinary: readFileSync(path.join(n8nDir, 'node-binary'), 'utf8').trim(),
		userFolder: path.join(userDir, 'n8n-user'),
		logFile: path.join(userDir, 'n8n.log'),
		binaryDataDir: path.join(userDir, 'binary-data'),
	};
	say('▶ building this checkout and installing it into n8n as its community-package installer does');
	await script('install-package.sh', [setup.userFolder], {
		...process.env,
		PATH: `${path.dirname(setup.nodeBinary)}:${process.env.PATH ?? ''}`,
	});

	let baseUrl = process.env.RAWUGC_BASE_URL ?? REAL_BASE_URL;
	let key = apiKey;
	if (!apiKey) {
		say('▶ no RAWUGC_API_KEY: starting the simulated RawUGC (test/fake-rawugc)');
		fake = await startFake(repo, setup.nodeBinary, {
			maxLifetimeSeconds: 7 * 24 * 3600,
			jobDurationMs: { min: 3000, max: 6000 },
			estimatedCompletionTime: '3-6 seconds',
			// Files a person can open: a picture of the prompt, a 4 s video, a 4 s track.
			sampleMedia: true,
			// Posts published now go out a few seconds after the create, as a real provider's would.
			social: { nowPublishes: 'later', publishDelayMs: 5000 },
		});
		baseUrl = fake.baseUrl;
		key = fake.apiKey;
	}
	say('▶ importing the RawUGC credential, the "Try RawUGC" workflows and examples/*.json');
	await importEverything(setup, key!, baseUrl, fake !== undefined);

	say(`▶ starting n8n at ${editorUrl}`);
	n8n = startN8n(setup, {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_EDITOR_BASE_URL: editorUrl,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		...QUIET_OFFLINE,
	});
	echo(n8n);
	await waitFor('n8n to answer /healthz/readiness', async () => {
		if (n8n!.child.exitCode !== null) throw new Error(`n8n exited (${n8n!.child.exitCode})`);
		const response = await fetch(`http://127.0.0.1:${port}/healthz/readiness`).catch(() => undefined);
		return response?.ok ? true : undefined;
	}, 180_000);
	await new N8nRest(`http://127.0.0.1:${port}`).setUpOwnerAndLogIn(OWNER);

	const mode = fake
		? `simulated RawUGC at ${fake.baseUrl} (no RAWUGC_API_KEY given): no account, no credits; every result is a small sample (a picture of your prompt, a 4 s video, a 4 s track)`
		: `the real RawUGC API at ${baseUrl} with your RAWUGC_API_KEY: every image, video and track costs credits`;
	say('');
	say(`RawUGC in n8n is ready: ${editorUrl}/workflow/${TRY_WORKFLOW_ID}`);
	say(`  Log in     ${OWNER.email} / ${OWNER.password} (the link above opens "${TRY_WORKFLOW_NAME}" once you are in)`);
	say(`  Mode       ${mode}`);
	say('  Try it     click "Execute workflow" at the bottom of that workflow: an image, a video and a track;');
	say('             double-click a RawUGC node, then "View" in its output, to see, play or hear the result');
	say(`  Webhook    "${TRY_WEBHOOK_WORKFLOW_NAME}": curl '${editorUrl}/webhook/${TRY_WEBHOOK_PATH}?prompt=a+red+bicycle'`);
	if (fake) say('  Posting    "Try RawUGC: schedule a post" makes a captioned video and schedules it to the simulated accounts');
	say('  Examples   examples/*.json are imported too (their Slack and Google Drive nodes need your credentials)');
	say(`  n8n data   ${userDir} (${process.env.RAWUGC_START_KEEP === '1' ? 'kept' : 'deleted'} when you stop)`);
	say('  Stop       Ctrl-C');
	say('');
}

async function stop(code: number): Promise<never> {
	if (stopping) return await new Promise<never>(() => undefined);
	stopping = true;
	say('\n▶ stopping n8n and what npm start started');
	await n8n?.stop().catch(() => undefined);
	await fake?.stop().catch(() => undefined);
	if (userDir && process.env.RAWUGC_START_KEEP !== '1') rmSync(userDir, { recursive: true, force: true });
	say('stopped');
	process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

start().then(
	() => {
		n8n!.child.on('exit', (code) => {
			if (!stopping) {
				console.error(`n8n exited by itself (${code})`);
				void stop(1);
			}
		});
	},
	(error) => {
		console.error(`\nnpm start failed: ${(error as Error).message}`);
		if (error instanceof N8nCommandError) console.error(error.result.stderr.slice(-4000));
		if (n8n) console.error(n8n.output().slice(-4000));
		void stop(1);
	},
);
