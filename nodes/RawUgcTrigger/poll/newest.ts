import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Job, JobKind } from '../../RawUgc/kinds/kind';
import { jobCreatedAtMs, readJobPage } from '../../RawUgc/kinds/read';
import { RawUgcApi } from '../../RawUgc/transport/api';
import { entriesOf, walkPages } from '../../RawUgc/transport/pager';
import { finishedJobItem, withDownloadProblem } from './items';
import type { TriggerSettings } from './settings';

// The editor's test waits for the answer: a 429 is waited out this long at most.
const MANUAL_WAIT_MS = 60_000;

/** The newest job of a kind in one of the chosen statuses: one list call of one job per status. */
async function newestFinished(api: RawUgcApi, kind: JobKind, settings: TriggerSettings, deadlineMs: number): Promise<Job | undefined> {
	let newest: Job | undefined;
	for (const status of settings.statuses) {
		const walk = await walkPages(api, {
			path: kind.path,
			qs: { status },
			pageSize: 1,
			what: `listing ${status} ${kind.noun}s`,
			deadlineMs,
			read: (body) => readJobPage(kind, body),
			stop: () => 'stop',
		});
		const [job] = entriesOf(walk);
		if (job && (!newest || (jobCreatedAtMs(job) ?? 0) > (jobCreatedAtMs(newest) ?? 0))) newest = job;
	}
	return newest;
}

/**
 * The editor's "Fetch Test Event": the newest finished job of each chosen kind, as the active
 * trigger would pass it on. It reads nothing from and writes nothing to the trigger's memory.
 */
export async function testEvent(ctx: IPollFunctions, settings: TriggerSettings): Promise<INodeExecutionData[][]> {
	const api = await RawUgcApi.connect(ctx);
	const deadlineMs = Date.now() + MANUAL_WAIT_MS;
	const items: INodeExecutionData[] = [];
	for (const kind of settings.kinds) {
		const job = await newestFinished(api, kind, settings, deadlineMs);
		if (!job) continue;
		const outcome = await finishedJobItem(ctx, kind, job, settings, items.length);
		items.push(outcome.ok ? outcome.item : withDownloadProblem(outcome.item, outcome.problem));
	}
	if (items.length === 0) {
		const statuses = [...settings.statuses].join(' or ');
		const nouns = settings.kinds.map((kind) => kind.noun).join(', ');
		throw new NodeOperationError(ctx.getNode(), `No ${statuses} job found in RawUGC (kinds: ${nouns})`, {
			description: 'Make one with the RawUGC node (or in the RawUGC dashboard), then fetch the test event again.',
		});
	}
	return [items];
}
