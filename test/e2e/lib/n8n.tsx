// Runs the cached real n8n (installed by scripts/e2e/install-n8n.sh) against one user folder.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { CheckFailed } from './context';
import { largestJsonObject } from './json-in-output';
import { latestExecution, newestExecutionId } from './n8n-db';
import { N8nRest } from './n8n-rest';
import { freePort, run, startBackground, waitFor, type Background, type RunResult } from './process';

export interface N8nSetup {
	/** Folder holding node_modules/n8n (the cache). */
	n8nDir: string;
	/** Node 24 binary that runs n8n. */
	nodeBinary: string;
	/** N8N_USER_FOLDER: n8n keeps database, key, binary data and community packages under <it>/.n8n. */
	userFolder: string;
	logFile: string;
	/** N8N_BINARY_DATA_STORAGE_PATH: where filesystem-mode binary data lands. */
	binaryDataDir: string;
}

/** Environment for every n8n command: quiet about the network, verbose in its log file. */
export function n8nEnv(setup: N8nSetup, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: `${path.dirname(setup.nodeBinary)}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: setup.userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_LOG_LEVEL: 'debug',
		N8N_LOG_OUTPUT: 'console,file',
		N8N_LOG_FILE_LOCATION: setup.logFile,
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_BINARY_DATA_STORAGE_PATH: setup.binaryDataDir,
		NO_PROXY: '127.0.0.1,localhost',
		...extra,
	};
}

/** The n8n command's entry script (run it with `setup.nodeBinary`). */
export function n8nBin(setup: N8nSetup): string {
	return path.join(setup.n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
}

export class N8nCommandError extends Error {
	constructor(
		message: string,
		readonly result: RunResult,
	) {
		super(message);
	}
}

/**
 * The environment of a one-off n8n command: its task broker on a free port, not the default 5679,
 * which any other n8n on the machine (a contributor's, a parallel run's) may hold.
 */
async function commandEnv(setup: N8nSetup): Promise<NodeJS.ProcessEnv> {
	return n8nEnv(setup, { N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
}

/** Runs `n8n <args>`; throws N8nCommandError (carrying n8n's output) on a non-zero exit. */
export async function n8nCommand(setup: N8nSetup, args: string[]): Promise<RunResult> {
	const result = await run(setup.nodeBinary, [n8nBin(setup), ...args], { env: await commandEnv(setup) });
	if (result.code !== 0) {
		throw new N8nCommandError(`n8n ${args.join(' ')} exited with ${result.code}`, result);
	}
	return result;
}

/** The parts of n8n's IRun that the checks read. */
export interface N8nRun {
	finished?: boolean;
	status?: string;
	data: {
		resultData: {
			error?: { message?: string; description?: string; node?: { name?: string } };
			runData: Record<string, Array<{ error?: { message?: string; description?: string }; data?: { main: Array<N8nItem[] | null> } }>>;
			lastNodeExecuted?: string;
		};
	};
}

export interface N8nBinary {
	id?: string;
	data?: string;
	mimeType?: string;
	fileName?: string;
	fileExtension?: string;
	fileSize?: string;
}

export interface N8nItem {
	json: Record<string, unknown>;
	binary?: Record<string, N8nBinary>;
}

function isRun(value: unknown): value is N8nRun {
	const data = (value as N8nRun | undefined)?.data;
	return typeof data === 'object' && data !== null && typeof data.resultData === 'object';
}

export interface ExecuteOutcome {
	succeeded: boolean;
	run: N8nRun | undefined;
	result: RunResult;
}

/** `n8n execute --id --rawOutput`; n8n prints the run as JSON on success and logs it on failure. */
export async function executeWorkflow(setup: N8nSetup, workflowId: string): Promise<ExecuteOutcome> {
	const before = await newestExecutionId(setup, workflowId);
	const result = await run(setup.nodeBinary, [n8nBin(setup), 'execute', `--id=${workflowId}`, '--rawOutput'], {
		env: await commandEnv(setup),
	});
	const printed = largestJsonObject(`${result.stdout}\n${result.stderr}`, isRun);
	if (printed && result.code === 0) return { succeeded: printed.data.resultData.error === undefined, run: printed, result };
	// No run printed, or a run printed and then a failing exit (seen once on 1.123.81 under load, the
	// run saved as a success): the execution n8n saved for this command is the verdict.
	const saved = await latestExecution(setup, workflowId, before);
	if (saved?.status === 'success' && result.code !== 0) console.log(`    (n8n execute exited ${String(result.code)}; its saved execution says ${String(saved.status)})`);
	return { succeeded: saved?.status === 'success', run: saved ?? printed, result };
}

/** Output items of a node's first run, first output. */
export function nodeOutput(run: N8nRun, nodeName: string): N8nItem[] {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length) throw new Error(`node "${nodeName}" did not run (ran: ${Object.keys(run.data.resultData.runData).join(', ')})`);
	return runs[0].data?.main[0] ?? [];
}

/**
 * The bytes n8n stored for a binary entry, read from its binary data folder on disk.
 * Filesystem ids look like `filesystem-v2:<path below the storage folder>`.
 */
export function readStoredBinary(setup: N8nSetup, binary: N8nBinary): Buffer {
	if (!binary.id) throw new Error(`binary entry has no id (kept in memory?): ${JSON.stringify({ ...binary, data: binary.data?.slice(0, 40) })}`);
	const separator = binary.id.indexOf(':');
	const mode = binary.id.slice(0, separator);
	const relative = binary.id.slice(separator + 1);
	if (!mode.startsWith('filesystem')) throw new Error(`binary id ${binary.id} is not in filesystem mode`);
	const file = path.join(setup.binaryDataDir, relative);
	if (!existsSync(file)) throw new Error(`binary ${binary.id} not found on disk at ${file}`);
	return readFileSync(file);
}

/** `n8n start` in the background. */
export function startN8n(setup: N8nSetup, extraEnv: Record<string, string>): Background {
	return startBackground(setup.nodeBinary, [n8nBin(setup), 'start'], { env: n8nEnv(setup, extraEnv) });
}

/** `n8n start` on a free loopback port, once it answers its readiness check (as the editor reaches it). */
export async function startN8nServer(setup: N8nSetup): Promise<{ n8n: Background; baseUrl: string }> {
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const n8n = startN8n(setup, {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_EDITOR_BASE_URL: baseUrl,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	});
	try {
		await waitFor('n8n to answer /healthz/readiness', async () => {
			if (n8n.child.exitCode !== null) throw new Error(`n8n start exited (${n8n.child.exitCode})`);
			const response = await fetch(`${baseUrl}/healthz/readiness`).catch(() => undefined);
			return response?.ok ? true : undefined;
		}, 120_000);
	} catch (error) {
		await n8n.stop();
		throw new CheckFailed((error as Error).message, `--- n8n start output (tail) ---\n${n8n.output().slice(-6000)}`);
	}
	return { n8n, baseUrl };
}

/** A running `n8n start` whose owner is set up, with a REST session logged in as it. */
export interface RunningN8n {
	n8n: Background;
	baseUrl: string;
	rest: N8nRest;
}

/** `n8n start` for the first time on this user folder: the owner set up and logged in. */
export async function startN8nWithOwner(setup: N8nSetup): Promise<RunningN8n> {
	const { n8n, baseUrl } = await startN8nServer(setup);
	const rest = new N8nRest(baseUrl);
	try {
		await rest.setUpOwnerAndLogIn();
	} catch (error) {
		await n8n.stop();
		throw error;
	}
	return { n8n, baseUrl, rest };
}

/** Last lines of n8n's own log file, for failure reports. */
export function logTail(setup: N8nSetup, lines = 80): string {
	if (!existsSync(setup.logFile)) return `(no log file at ${setup.logFile})`;
	return readFileSync(setup.logFile, 'utf8').split('\n').slice(-lines).join('\n');
}
