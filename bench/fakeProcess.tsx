/**
 * Starts the fake RawUGC as its own process (so this process's memory is the node's alone) and
 * talks to its /__fake/ control endpoints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

import type { FakeStats } from '../test/fake-rawugc';

const ROOT = path.resolve(__dirname, '..');

export interface FakeProcess {
	baseUrl: string;
	storageOrigin: string;
	apiKey: string;
	controlOrigin: string;
	stats(): Promise<FakeStats>;
	requests(): Promise<Array<{ method: string; path: string; status: number; at: number }>>;
	reset(options?: { jobs?: boolean; uploads?: boolean; balance?: number }): Promise<void>;
	/** Every job of the given kinds, with its createdAt and durationMs. */
	jobs(kinds?: string): Promise<Array<Record<string, unknown> & { createdAt: number; durationMs: number }>>;
	stop(): Promise<void>;
}

export async function startFakeProcess(options: Record<string, unknown>): Promise<FakeProcess> {
	const child = spawn(
		path.join(ROOT, 'scripts/node24'),
		['node_modules/ts-node/dist/bin.js', '--transpile-only', 'test/fake-rawugc/cli.tsx', JSON.stringify({ maxLifetimeSeconds: 900, ...options })],
		{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const started = await firstLine(child);
	const info = JSON.parse(started) as { baseUrl: string; storageOrigin: string; apiKey: string };
	const controlOrigin = new URL(info.baseUrl).origin;
	const control = async <T,>(method: string, route: string, body?: unknown): Promise<T> => {
		const response = await fetch(`${controlOrigin}/__fake/${route}`, {
			method,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return (await response.json()) as T;
	};
	return {
		...info,
		controlOrigin,
		stats: async () => await control<FakeStats>('GET', 'stats'),
		requests: async () => await control('GET', 'requests?origin=api'),
		reset: async (resetOptions = {}) => void (await control('POST', 'reset', resetOptions)),
		jobs: async (kinds) => await control('GET', kinds ? `jobs?kind=${kinds}` : 'jobs'),
		stop: async () => await stopChild(child),
	};
}

async function firstLine(child: ChildProcess): Promise<string> {
	const lines = createInterface({ input: child.stdout! });
	return await new Promise<string>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`the fake exited (${code}) before it listened`)));
		lines.once('line', resolve);
	});
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
	await exited;
	clearTimeout(timer);
}
