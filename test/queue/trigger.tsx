// The RawUGC Trigger in queue mode: the main (the leader) polls, a worker runs what it starts. A
// track finished after activation must start exactly one execution, with two workers running.
import { check } from '../e2e/lib/context';
import type { FakeProcess } from '../e2e/lib/fake';
import type { N8nRun, N8nSetup } from '../e2e/lib/n8n';
import { queryN8nDatabase, requireFromN8n } from '../e2e/lib/n8n-db';
import { waitFor } from '../e2e/lib/process';
import { TRIGGER_NODE_NAME } from '../e2e/workflows';
import { executionsByWorker } from './checks';
import type { QueueCluster } from './cluster';
import { queueTriggerWorkflow } from './filesWorkflows';

// n8n's shortest poll is every minute: the first one after the job may come a minute later.
const FIRE_WAIT_MS = 150_000;
const ONE_MORE_POLL_MS = 65_000;

interface Fired {
	id: string;
	status: string;
	musicIds: string[];
}

async function triggerExecutions(setup: N8nSetup): Promise<Fired[]> {
	const flatted = requireFromN8n<{ parse(text: string): unknown }>(setup, 'flatted');
	const rows = await queryN8nDatabase(
		setup,
		`SELECT e.id AS id, e.status AS status, d.data AS data FROM execution_entity e
		 JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id`,
		[queueTriggerWorkflow.id],
	);
	return rows.map((row) => {
		const data = flatted.parse(String(row.data)) as N8nRun['data'];
		const items = data.resultData.runData[TRIGGER_NODE_NAME]?.[0]?.data?.main[0] ?? [];
		return { id: String(row.id), status: String(row.status), musicIds: items.map((item) => String(item.json.musicId)) };
	});
}

async function musicListCalls(fake: FakeProcess): Promise<number> {
	return (await fake.requests('api')).filter((request) => request.method === 'GET' && request.path === '/api/v1/music').length;
}

/** After the trigger's first poll (at activation), a track is made; returns its id. */
export async function startTriggerCheck(fake: FakeProcess): Promise<{ musicId: string; madeAt: number }> {
	await waitFor('the trigger\'s first poll (on the main)', async () => ((await musicListCalls(fake)) > 0 ? true : undefined), 90_000);
	const response = await fetch(`${fake.baseUrl}/music/generate`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${fake.apiKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ prompt: 'Made after the trigger was on' }),
	});
	const body = (await response.json()) as { musicId?: string };
	check(response.status === 201 && body.musicId, `the fake refused a track (${response.status})`, body);
	return { musicId: body.musicId, madeAt: Date.now() };
}

/** The track started one execution, run by a worker, and one more poll later still one. */
export async function finishTriggerCheck(setup: N8nSetup, cluster: QueueCluster, musicId: string): Promise<string> {
	const fired = await waitFor('the trigger\'s execution, ended', async () => {
		const runs = await triggerExecutions(setup);
		return runs.length > 0 && runs.every((run) => !['new', 'running', 'waiting'].includes(run.status)) ? runs : undefined;
	}, FIRE_WAIT_MS);
	const firedAt = Date.now();
	check(fired[0].status === 'success' && JSON.stringify(fired[0].musicIds) === JSON.stringify([musicId]), `expected one item for ${musicId}`, fired);
	await new Promise((resolve) => setTimeout(resolve, Math.max(0, ONE_MORE_POLL_MS - (Date.now() - firedAt))));
	const all = await triggerExecutions(setup);
	const firings = all.flatMap((run) => run.musicIds).filter((id) => id === musicId).length;
	check(all.length === 1 && firings === 1, `the track fired ${firings} time(s) in ${all.length} execution(s), expected once`, all);
	const ranBy = executionsByWorker(cluster.workers).get(all[0].id) ?? [];
	return `${musicId} fired exactly once (execution ${all[0].id}, run by ${ranBy.join(', ') || 'the main'}), one more poll later still once, with ${cluster.workers.length} workers running`;
}
