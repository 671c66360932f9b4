import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { Job, JobKind } from '../../RawUgc/kinds/kind';
import { jobId } from '../../RawUgc/kinds/read';
import { RawUgcApi } from '../../RawUgc/transport/api';
import { finishedJobItem, withDownloadProblem } from './items';
import { listForPoll } from './listing';
import { bound, loadMemory, saveMemory, type KindMemory } from './memory';
import { downloadTries, postpone, review } from './review';
import type { TriggerSettings } from './settings';

/** After this many polls whose download of a job's file failed, the job is passed on without it. */
const MAX_DOWNLOAD_TRIES = 3;
/** n8n's own poll budget when it gives none. */
const DEFAULT_BUDGET_MS = 5 * 60_000;
// Shares of the poll's budget: listing (429s waited out) must end by the first, downloads start until the second.
const LISTING_SHARE = 0.5;
const DOWNLOAD_SHARE = 0.8;

/**
 * Set on the live static data by an activation's first poll. n8n gives every tick of an
 * activation that static data (1.x reuses the poll context; 2.x's leased ticks come on a new
 * context, as 'update'), so a tick on any context of the same activation sees the mark; a symbol
 * is never saved, so static data loaded anew for a new activation (off and on) lacks it.
 */
const ACTIVATION_POLLED = Symbol('rawUgcTrigger.activationPolled');
// Polls still running, by workflow and node: a tick that comes while one runs leaves it the work.
const runningPolls = new Set<string>();

interface DueJob {
	kind: JobKind;
	job: Job;
	memory: KindMemory;
}

function timeOf(value: unknown): number {
	const at = typeof value === 'string' ? Date.parse(value) : Number(value ?? 0);
	return Number.isFinite(at) ? at : 0;
}

/** Oldest first: by when they finished, then by when they were made (whatever the list's order). */
function oldestFirst(a: DueJob, b: DueJob): number {
	return timeOf(a.job.completedAt) - timeOf(b.job.completedAt) || timeOf(a.job.createdAt) - timeOf(b.job.createdAt);
}

/** The first poll after the user turned the workflow on: what the memory holds is from before. */
function isNewActivation(ctx: IPollFunctions, staticData: object): boolean {
	const activation = ctx.getActivationMode();
	return !(staticData as Record<symbol, unknown>)[ACTIVATION_POLLED] && (activation === 'activate' || activation === 'create');
}

/**
 * One poll of an active workflow: one list call per chosen kind (more pages only when more jobs
 * came since the last poll), then the jobs that finished since, oldest first, each once. The
 * memory is written only at the end, for what was passed on: a poll that fails forgets nothing.
 */
async function pollOnce(ctx: IPollFunctions, settings: TriggerSettings): Promise<INodeExecutionData[][] | null> {
	const startedMs = Date.now();
	const budgetMs = typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() : DEFAULT_BUDGET_MS;
	const staticData = ctx.getWorkflowStaticData('node');
	const fresh = isNewActivation(ctx, staticData);
	const memories = fresh ? {} : loadMemory(staticData);
	const api = await RawUgcApi.connect(ctx);

	const next: Record<string, KindMemory> = {};
	const due: DueJob[] = [];
	for (const kind of settings.kinds) {
		const memory = memories[kind.name];
		const listing = await listForPoll(api, kind, memory, startedMs + budgetMs * LISTING_SHARE);
		const reviewed = review(kind, memory, listing, settings.statuses);
		next[kind.name] = reviewed.next;
		due.push(...reviewed.due.reverse().map((job) => ({ kind, job, memory: reviewed.next })));
	}

	const items: INodeExecutionData[] = [];
	const downloadsEndMs = startedMs + budgetMs * DOWNLOAD_SHARE;
	for (const { kind, job, memory } of due.sort(oldestFirst)) {
		if (Date.now() >= downloadsEndMs) {
			postpone(kind, memory, job, false); // the next poll passes it on
			continue;
		}
		const outcome = await finishedJobItem(ctx, kind, job, settings, items.length);
		if (outcome.ok) {
			items.push(outcome.item);
			continue;
		}
		ctx.logger.warn(`RawUGC Trigger: ${outcome.problem} (${kind.idField} ${jobId(kind, job)})`);
		if (downloadTries(kind, memory, job) + 1 >= MAX_DOWNLOAD_TRIES) items.push(withDownloadProblem(outcome.item, outcome.problem));
		else postpone(kind, memory, job, true);
	}

	saveMemory(staticData, Object.fromEntries(Object.entries(next).map(([name, memory]) => [name, bound(memory)])));
	(staticData as Record<symbol, unknown>)[ACTIVATION_POLLED] = true;
	return items.length > 0 ? [items] : null;
}

/** Runs a poll unless the previous one of the same trigger still runs (it would fire the same jobs). */
export async function pollActive(ctx: IPollFunctions, settings: TriggerSettings): Promise<INodeExecutionData[][] | null> {
	const key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
	if (runningPolls.has(key)) return null;
	runningPolls.add(key);
	try {
		return await pollOnce(ctx, settings);
	} finally {
		runningPolls.delete(key);
	}
}
