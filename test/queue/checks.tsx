// What the queue-mode run checks once the executions are done: every image in n8n's shared
// database, with the exact bytes the fake served, in the execution its tag names, and the
// executions spread over the workers.
import { createHash } from 'node:crypto';

import { check } from '../e2e/lib/context';
import type { FakeProcess } from '../e2e/lib/fake';
import type { N8nItem, N8nRun, N8nSetup } from '../e2e/lib/n8n';
import { queryN8nDatabase, requireFromN8n } from '../e2e/lib/n8n-db';
import { RAWUGC_NODE_NAME } from '../e2e/workflows';
import type { N8nProcess } from './cluster';
import { IMAGES_PER_EXECUTION, WEBHOOK_NODE_NAME } from './workflow';

export interface ExecutionSummary {
	id: string;
	tag: string;
	worker: string;
	status: string;
	images: number;
}

function sha256(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex');
}

function firstOutput(run: N8nRun['data'], nodeName: string): N8nItem[] {
	return run.resultData.runData[nodeName]?.[0]?.data?.main[0] ?? [];
}

/** Which worker ran each execution, from the workers' own "Worker started execution <id>" lines. */
export function executionsByWorker(workers: N8nProcess[]): Map<string, string[]> {
	const ranBy = new Map<string, string[]>();
	for (const worker of workers) {
		for (const match of worker.process.output().matchAll(/Worker started execution (\d+)/g)) {
			ranBy.set(match[1], [...(ranBy.get(match[1]) ?? []), worker.name]);
		}
	}
	return ranBy;
}

/** Reads the workflow's executions from the shared database and checks each of them and its images. */
export async function checkExecutions(
	setup: N8nSetup,
	fake: FakeProcess,
	workflowId: string,
	tags: string[],
	workers: N8nProcess[],
): Promise<ExecutionSummary[]> {
	const flatted = requireFromN8n<{ parse(text: string): unknown }>(setup, 'flatted');
	const rows = await queryN8nDatabase(
		setup,
		`SELECT e.id AS id, e.status AS status, e.mode AS mode, d.data AS data FROM execution_entity e
		 JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id`,
		[workflowId],
	);
	check(rows.length === tags.length, `expected ${tags.length} executions of the workflow, found ${rows.length}`, rows.map(({ data: _data, ...row }) => row));
	const ranBy = executionsByWorker(workers);
	const seenTags = new Set<string>();
	const seenImages = new Set<string>();
	const summaries: ExecutionSummary[] = [];
	for (const row of rows) {
		const id = String(row.id);
		const run = flatted.parse(String(row.data)) as N8nRun['data'];
		const label = `execution ${id}`;
		check(row.status === 'success', `${label}: status ${String(row.status)}`, run.resultData.error ?? run.resultData.lastNodeExecuted);
		const body = firstOutput(run, WEBHOOK_NODE_NAME)[0]?.json.body as { tag?: string } | undefined;
		const tag = body?.tag ?? '';
		check(tags.includes(tag) && !seenTags.has(tag), `${label}: webhook tag "${tag}" unknown or seen twice`, body);
		seenTags.add(tag);
		const workersOfIt = ranBy.get(id) ?? [];
		check(workersOfIt.length === 1, `${label}: expected one worker to start it, found ${workersOfIt.length} (${workersOfIt.join(', ')})`);

		const items = firstOutput(run, RAWUGC_NODE_NAME);
		check(items.length === IMAGES_PER_EXECUTION, `${label}: ${items.length} RawUGC items, expected ${IMAGES_PER_EXECUTION}`, items.map((item) => item.json));
		for (const [index, item] of items.entries()) {
			const { json } = item;
			const where = `${label} item ${index}`;
			check(!json.error && json.status === 'completed', `${where}: not a completed image`, json);
			check(String(json.prompt).startsWith(`[${tag}] image ${index + 1} of`), `${where}: prompt "${String(json.prompt)}" is not this execution's item ${index + 1}`, json);
			const imageId = String(json.imageId);
			check(!seenImages.has(imageId), `${where}: image ${imageId} appears twice`);
			seenImages.add(imageId);
			const binary = item.binary?.data;
			const binaryId = binary?.id ?? '';
			check(binaryId.startsWith('database:'), `${where}: binary is not in the database store`, binary);
			const fileId = binaryId.slice('database:'.length);
			const [stored] = await queryN8nDatabase(setup, 'SELECT sourceType, sourceId, data FROM binary_data WHERE fileId = ?', [fileId]);
			check(stored, `${where}: binary ${binaryId} not found in n8n's binary_data table`);
			check(stored.sourceType === 'execution' && String(stored.sourceId) === id, `${where}: binary belongs to ${String(stored.sourceType)} ${String(stored.sourceId)}`);
			const bytes = stored.data as Buffer;
			const served = await fake.result(imageId);
			check(
				bytes.length === served.size && sha256(bytes) === served.sha256,
				`${where}: bytes in n8n's store differ from what the fake served for ${imageId}`,
				{ stored: { size: bytes.length, sha256: sha256(bytes) }, served },
			);
		}
		summaries.push({ id, tag, worker: workersOfIt[0], status: String(row.status), images: items.length });
	}
	return summaries;
}

/** The webhook's answers: each call got its own execution's 10 items back. */
export function checkWebhookAnswers(answers: Array<{ tag: string; status: number; body: unknown }>): void {
	for (const { tag, status, body } of answers) {
		check(status === 200, `webhook call "${tag}" answered ${status}`, body);
		const items = body as Array<{ prompt?: string; imageId?: string }>;
		check(Array.isArray(items) && items.length === IMAGES_PER_EXECUTION, `webhook call "${tag}": expected ${IMAGES_PER_EXECUTION} items back`, body);
		check(
			items.every((item) => item.prompt?.startsWith(`[${tag}]`) && item.imageId?.startsWith('img_')),
			`webhook call "${tag}": items of another execution came back`,
			body,
		);
	}
}

export async function checkFakeJobs(fake: FakeProcess, expected: number): Promise<Record<string, unknown>> {
	const stats = await fake.stats();
	check(stats.jobs === expected, `the fake has ${String(stats.jobs)} jobs, expected exactly ${expected} (no duplicate submits)`, stats);
	return stats;
}
