// Step 6: the RawUGC Trigger in a running n8n (`n8n start`, shared with the editor step): an active
// workflow polling every minute fires once for a job that completes after activation, and the
// editor's test event gives the newest.
import path from 'node:path';
import { writeFileSync } from 'node:fs';

import { check, type E2eContext } from '../lib/context';
import { n8nCommand, readStoredBinary, type N8nItem, type N8nRun } from '../lib/n8n';
import { queryN8nDatabase, requireFromN8n } from '../lib/n8n-db';
import { N8nRest } from '../lib/n8n-rest';
import { waitFor } from '../lib/process';
import { TRIGGER_NODE_NAME, triggerWorkflow } from '../workflows';

// n8n's shortest poll is every minute: the first one after the job may come a minute later.
const FIRE_WAIT_MS = 150_000;

interface SavedExecution {
	id: number;
	mode: string;
	status: string;
	items: N8nItem[];
}

/** Every execution n8n saved for the workflow, oldest first, with the trigger's output items. */
async function executionsOf(context: E2eContext, workflowId: string): Promise<SavedExecution[]> {
	const flatted = requireFromN8n<{ parse(text: string): unknown }>(context.setup, 'flatted');
	const rows = await queryN8nDatabase(
		context.setup,
		`SELECT e.id AS id, e.mode AS mode, e.status AS status, d.data AS data FROM execution_entity e
		 JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id`,
		[workflowId],
	);
	return rows.map((row) => {
		const data = flatted.parse(String(row.data)) as N8nRun['data'];
		const runs = data.resultData.runData[TRIGGER_NODE_NAME] ?? [];
		return { id: Number(row.id), mode: String(row.mode), status: String(row.status), items: runs[0]?.data?.main[0] ?? [] };
	});
}

async function submitImage(context: E2eContext, prompt: string): Promise<string> {
	const fake = context.fake!;
	const response = await fetch(`${fake.baseUrl}/images/generate`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${fake.apiKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ model: 'nano-banana-2', prompt }),
	});
	const body = (await response.json()) as { imageId?: string };
	check(response.status === 201 && body.imageId, `the fake refused a submit (${response.status})`, body);
	return body.imageId;
}

/** How many times the fake was asked for its image list (each poll of the trigger asks once). */
async function imageListCalls(context: E2eContext): Promise<number> {
	const control = new URL('/__fake/requests?origin=api', context.fake!.baseUrl);
	const requests = (await (await fetch(control)).json()) as Array<{ method: string; path: string }>;
	return requests.filter((request) => request.method === 'GET' && request.path === '/api/v1/images').length;
}

function hasEnded(execution: SavedExecution): boolean {
	return !['new', 'running', 'waiting'].includes(execution.status);
}

function imageIds(executions: SavedExecution[]): string[] {
	return executions.flatMap((execution) => execution.items.map((item) => String(item.json.imageId)));
}

/** What the trigger check carries from one phase to the next, while other steps use the same n8n. */
export interface ArmedTrigger {
	before: string;
	after: string;
	activatedAt: number;
}

/** Before `n8n start`: the trigger workflow imported, and a job that finished before activation. */
export async function prepareTrigger(context: E2eContext): Promise<string> {
	const workflowPath = path.join(context.workDir, 'trigger-workflow.json');
	writeFileSync(workflowPath, JSON.stringify(triggerWorkflow, null, 2));
	await n8nCommand(context.setup, ['import:workflow', `--input=${workflowPath}`]);
	// Finished before activation: it must never fire.
	const before = await submitImage(context, 'Made before the trigger was on');
	await new Promise((resolve) => setTimeout(resolve, 1_000));
	return before;
}

/** In the running n8n: the workflow activated, its first poll seen, then a job made after it. */
export async function armTrigger(context: E2eContext, rest: N8nRest, before: string): Promise<ArmedTrigger> {
	const stored = await rest.request('GET', `/rest/workflows/${triggerWorkflow.id}`);
	const versionId = (stored.json as { data?: { versionId?: string } }).data?.versionId;
	check(stored.status === 200 && versionId, `the trigger workflow is not in n8n (${stored.status})`, stored.text.slice(0, 2000));
	const listsBefore = await imageListCalls(context);
	const activated = await rest.request('POST', `/rest/workflows/${triggerWorkflow.id}/activate`, { versionId });
	check(activated.status === 200, `activating the trigger workflow answered ${activated.status}`, activated.text.slice(0, 4000));
	// n8n 2.41 answers before it activates (a publication outbox does it): wait for the first poll.
	await waitFor('the trigger\'s first poll', async () => ((await imageListCalls(context)) > listsBefore ? true : undefined), 60_000);
	const activatedAt = Date.now();
	console.log(`    activated (its first poll ran and fired nothing: ${(await executionsOf(context, triggerWorkflow.id)).length} executions)`);
	const after = await submitImage(context, 'Made after the trigger was on');
	return { before, after, activatedAt };
}

/**
 * The armed trigger fired once for the job made after activation (other steps may have used the
 * same n8n meanwhile: the minute between polls is spent on them), not again on a later poll, and
 * the editor's "Fetch Test Event" gives the newest job.
 */
export async function checkTriggerFired(context: E2eContext, rest: N8nRest, { before, after, activatedAt }: ArmedTrigger): Promise<void> {
	// n8n saves the execution as it starts ("running"): wait until it has ended.
	const fired = await waitFor('an execution started by the trigger, ended', async () => {
		const executions = await executionsOf(context, triggerWorkflow.id);
		return executions.length > 0 && executions.every(hasEnded) ? executions : undefined;
	}, Math.max(10_000, activatedAt + FIRE_WAIT_MS - Date.now()));
	const firedSeenAt = Date.now();
	console.log(`    fired, seen ${((firedSeenAt - activatedAt) / 1000).toFixed(0)} s after activation`);
	const [execution] = fired;
	check(execution.mode === 'trigger' && execution.status === 'success', 'the trigger execution did not succeed', execution);
	check(execution.items.length === 1 && execution.items[0].json.imageId === after, `expected one item for ${after}`, execution.items.map((item) => item.json));
	const [item] = execution.items;
	check(item.json.kind === 'image' && item.json.status === 'completed', 'the item is not a completed image', item.json);
	const binary = item.binary?.data;
	check(binary, 'the item carries no binary data', item);
	const bytes = readStoredBinary(context.setup, binary);
	const served = await context.fake!.result(after);
	check(bytes.length === served.size, `binary of ${bytes.length} bytes, the fake served ${served.size}`, binary);

	// One more poll (a minute later) must not fire it again, nor the job made before activation. A
	// poll lists the images once, before it fires: a list call after the firing run was seen is a later poll.
	const listsAtFire = await imageListCalls(context);
	await waitFor('one more poll of the trigger', async () => ((await imageListCalls(context)) > listsAtFire ? true : undefined), 90_000);
	// An execution a poll starts is saved at once; a few seconds cover the slowest start.
	await new Promise((resolve) => setTimeout(resolve, 5_000));
	const all = await executionsOf(context, triggerWorkflow.id);
	check(JSON.stringify(imageIds(all)) === JSON.stringify([after]), `jobs fired: ${imageIds(all).join(', ')} (expected only ${after}; ${before} was made before)`, all.map((run) => run.items.map((one) => one.json)));
	console.log(`    ${after} fired once in ${all.length} execution(s) over ${((Date.now() - firedSeenAt) / 1000).toFixed(0)} s more; ${before} (finished before activation) never`);

	// The editor's "Fetch Test Event": a manual run of the trigger.
	const newest = await submitImage(context, 'The newest one');
	await new Promise((resolve) => setTimeout(resolve, 1_000));
	const manual = await rest.request('POST', `/rest/workflows/${triggerWorkflow.id}/run`, {
		destinationNode: { nodeName: TRIGGER_NODE_NAME, mode: 'inclusive' },
	});
	check(manual.status === 200, `the manual run answered ${manual.status}`, manual.text.slice(0, 4000));
	const manualRun = await waitFor('the manual run to be saved', async () => {
		const runs = (await executionsOf(context, triggerWorkflow.id)).filter((run) => run.mode === 'manual');
		return runs.length > 0 && hasEnded(runs[0]) ? runs[0] : undefined;
	}, 60_000);
	check(manualRun.items.length === 1 && manualRun.items[0].json.imageId === newest, `the test event is not the newest job ${newest}`, manualRun);
	console.log(`    Fetch Test Event: ${newest}, the newest completed image`);
}
