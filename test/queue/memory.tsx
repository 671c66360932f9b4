// Memory of n8n's processes while a worker brings big files into the database binary store: the
// peak resident set (VmHWM, reset before each call through /proc/<pid>/clear_refs) against the
// resident set just before, per process; the worker that ran the execution is the one that counts.
import { readFileSync, writeFileSync } from 'node:fs';

import { check } from '../e2e/lib/context';
import type { N8nSetup } from '../e2e/lib/n8n';
import { queryN8nDatabase } from '../e2e/lib/n8n-db';
import { executionsByWorker } from './checks';
import type { N8nProcess, QueueCluster } from './cluster';

export interface MemoryFigure {
	label: string;
	worker: string;
	storedMb: number;
	rssBeforeMb: number;
	peakMb: number;
	mainPeakGrowthMb: number;
	wallS: number;
}

const mb = (kb: number) => Math.round(kb / 1024);

function memoryKb(pid: number): { rss: number; peak: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
	return { rss: field('VmRSS'), peak: field('VmHWM') };
}

function pidOf(proc: N8nProcess): number {
	const pid = proc.process.child.pid;
	if (!pid) throw new Error(`n8n ${proc.name} has no pid`);
	return pid;
}

/** Calls `body` once; returns each process's resident set before and peak during it. */
async function measured(procs: N8nProcess[], body: () => Promise<void>): Promise<Map<string, { before: number; peak: number }>> {
	const before = new Map<string, number>();
	for (const proc of procs) {
		// "5" resets the peak (VmHWM) to the current resident set: the peak is then this call's.
		writeFileSync(`/proc/${pidOf(proc)}/clear_refs`, '5');
		before.set(proc.name, memoryKb(pidOf(proc)).rss);
	}
	await body();
	return new Map(procs.map((proc) => [proc.name, { before: before.get(proc.name) ?? 0, peak: memoryKb(pidOf(proc)).peak }]));
}

/** One webhook call of a big-files workflow, measured; checks every file reached the database store whole. */
export async function measureBigFiles(
	setup: N8nSetup,
	cluster: QueueCluster,
	label: string,
	workflowId: string,
	path: string,
	body: unknown,
	expectedFiles: Array<number>,
): Promise<MemoryFigure> {
	const started = Date.now();
	let answer: { status: number; text: string } = { status: 0, text: '' };
	const figures = await measured(cluster.all(), async () => {
		const response = await fetch(`${cluster.mainUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(10 * 60_000),
		});
		answer = { status: response.status, text: await response.text() };
	});
	const wallS = (Date.now() - started) / 1000;
	check(answer.status === 200, `${label}: the webhook answered ${answer.status}`, answer.text.slice(0, 4000));
	const [execution] = await queryN8nDatabase(setup, 'SELECT id, status FROM execution_entity WHERE workflowId = ? ORDER BY id DESC LIMIT 1', [workflowId]);
	check(execution?.status === 'success', `${label}: execution ${String(execution?.id)} ended ${String(execution?.status)}`, answer.text.slice(0, 4000));
	const files = await queryN8nDatabase(setup, "SELECT fileSize FROM binary_data WHERE sourceType = 'execution' AND sourceId = ? ORDER BY fileSize", [String(execution.id)]);
	const sizes = files.map((file) => Number(file.fileSize)).sort((a, b) => a - b);
	check(JSON.stringify(sizes) === JSON.stringify([...expectedFiles].sort((a, b) => a - b)), `${label}: files in the database store ${sizes.join(', ')} bytes, expected ${expectedFiles.join(', ')}`);
	const worker = executionsByWorker(cluster.workers).get(String(execution.id))?.[0] ?? 'unknown';
	const ran = figures.get(worker);
	const main = figures.get(cluster.main.name);
	return {
		label,
		worker,
		storedMb: Math.round(sizes.reduce((sum, size) => sum + size, 0) / 1024 / 1024),
		rssBeforeMb: mb(ran?.before ?? NaN),
		peakMb: mb(ran?.peak ?? NaN),
		mainPeakGrowthMb: mb((main?.peak ?? NaN) - (main?.before ?? NaN)),
		wallS,
	};
}
