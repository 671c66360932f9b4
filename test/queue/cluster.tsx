// n8n in queue mode on one machine: one main (`n8n start`, webhooks, editor) and workers
// (`n8n worker`) that run the executions, all sharing one user folder, SQLite database and Redis.
import path from 'node:path';

import { n8nBin, n8nEnv, type N8nSetup } from '../e2e/lib/n8n';
import { queryN8nDatabase } from '../e2e/lib/n8n-db';
import { freePort, startBackground, waitFor, type Background } from '../e2e/lib/process';

export interface N8nProcess {
	name: string;
	process: Background;
	logFile: string;
}

export interface QueueCluster {
	main: N8nProcess;
	mainUrl: string;
	workers: N8nProcess[];
	all(): N8nProcess[];
	stop(): Promise<void>;
}

export interface ClusterOptions {
	redisPort: number;
	workerCount: number;
	/** Executions one worker runs at once (`n8n worker --concurrency`). */
	workerConcurrency: number;
	/** The workflow whose webhook must be registered before the main counts as ready. */
	workflowId: string;
	onStart(pid: number): void;
	/** Called once every process was spawned, before they are ready: the caller can stop them from then on. */
	onSpawned(cluster: QueueCluster): void;
}

/** What every process of the cluster shares. */
function queueEnv(redisPort: number, logFile: string, brokerPort: number): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		// n8n's default in queue mode: binary data in the shared database, so any process can read it.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		N8N_LOG_FILE_LOCATION: logFile,
		// Each process starts its own task broker; on one machine each needs its own port.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '8',
		N8N_LOG_LEVEL: 'info',
	};
}

async function startProcess(
	setup: N8nSetup,
	name: string,
	args: string[],
	env: Record<string, string>,
	onStart: (pid: number) => void,
): Promise<N8nProcess> {
	const logFile = path.join(path.dirname(setup.logFile), `n8n-${name}.log`);
	const brokerPort = await freePort();
	const background = startBackground(setup.nodeBinary, [n8nBin(setup), ...args], {
		env: n8nEnv(setup, { ...queueEnv(Number(env.QUEUE_BULL_REDIS_PORT), logFile, brokerPort), ...env }),
	});
	if (background.child.pid) onStart(background.child.pid);
	return { name, process: background, logFile };
}

/** Rejects as soon as the process exits, so a crash at start fails at once instead of at the time-out. */
function exitDuringStart(proc: N8nProcess): { failed: Promise<never>; done(): void } {
	let onExit: (code: number | null, signal: string | null) => void = () => undefined;
	const failed = new Promise<never>((_, reject) => {
		onExit = (code, signal) =>
			reject(new Error(`n8n ${proc.name} exited (${code ?? signal}) while starting:\n${proc.process.output().slice(-4000)}`));
		proc.process.child.once('exit', onExit);
	});
	failed.catch(() => undefined);
	return { failed, done: () => proc.process.child.off('exit', onExit) };
}

export async function startQueueCluster(setup: N8nSetup, options: ClusterOptions): Promise<QueueCluster> {
	const port = await freePort();
	const redis = { QUEUE_BULL_REDIS_PORT: String(options.redisPort) };
	const main = await startProcess(
		setup,
		'main',
		['start'],
		{ ...redis, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: '127.0.0.1' },
		options.onStart,
	);
	const workers: N8nProcess[] = [];
	for (let index = 1; index <= options.workerCount; index++) {
		workers.push(
			await startProcess(setup, `worker${index}`, ['worker', `--concurrency=${options.workerConcurrency}`], redis, options.onStart),
		);
	}
	const cluster: QueueCluster = {
		main,
		mainUrl: `http://127.0.0.1:${port}`,
		workers,
		all: () => [main, ...workers],
		// Workers first, so none is left picking up jobs from a main that is gone.
		async stop() {
			await Promise.all(workers.map(async (worker) => await worker.process.stop()));
			await main.process.stop();
		},
	};
	options.onSpawned(cluster);
	const exits = cluster.all().map(exitDuringStart);
	try {
		await Promise.race([
			...exits.map((exit) => exit.failed),
			Promise.all([
				...workers.map(
					async (worker) =>
						await waitFor(
							`n8n ${worker.name} to be ready`,
							async () => (worker.process.output().includes('n8n worker is now ready') ? true : undefined),
							120_000,
						),
				),
				waitFor(
					'n8n main to answer /healthz/readiness and register the webhook',
					async () => {
						const health = await fetch(`${cluster.mainUrl}/healthz/readiness`).catch(() => undefined);
						if (!health?.ok) return undefined;
						const hooks = await queryN8nDatabase(setup, 'SELECT webhookPath FROM webhook_entity WHERE workflowId = ?', [
							options.workflowId,
						]);
						return hooks.length > 0 ? true : undefined;
					},
					120_000,
				),
			]),
		]);
	} catch (error) {
		await cluster.stop();
		throw error;
	} finally {
		for (const exit of exits) exit.done();
	}
	return cluster;
}
