import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { jobJson } from '../../RawUgc/helpers/output';
import { isFinished, type Job } from '../../RawUgc/kinds/kind';
import { POST } from '../../RawUgc/kinds/post';
import { jobCreatedAtMs, jobId, readJobPage } from '../../RawUgc/kinds/read';
import { RawUgcApi } from '../../RawUgc/transport/api';
import { entriesOf, walkPages } from '../../RawUgc/transport/pager';
import { loadPostMemory, savePostMemory, type PostMemory } from './memory';

export const POST_FIRING_STATUSES = ['published', 'failed'] as const;

/** n8n's own poll budget when it gives none; the list call's 429s are waited out within half of it. */
const DEFAULT_BUDGET_MS = 5 * 60_000;
const MANUAL_WAIT_MS = 60_000;

/**
 * Set on the live static data by an activation's first poll (as the jobs' poll does, see
 * poll/pollJobs.ts): every tick of one activation shares that static data, whatever its context;
 * a symbol is never saved, so a new activation (off and on) starts without it.
 */
const ACTIVATION_POLLED = Symbol('rawUgcTrigger.postsActivationPolled');
// Polls still running, by workflow and node: a tick that comes while one runs leaves it the work.
const runningPolls = new Set<string>();

function readStatuses(ctx: IPollFunctions): Set<string> {
	const value = ctx.getNodeParameter('postStatuses', []) as unknown;
	const chosen = (Array.isArray(value) ? value : [value]).map(String).filter(Boolean);
	const unknown = chosen.find((status) => !(POST_FIRING_STATUSES as readonly string[]).includes(status));
	if (unknown !== undefined || chosen.length === 0) {
		throw new NodeOperationError(ctx.getNode(), `postStatuses must name at least one of: ${POST_FIRING_STATUSES.join(', ')}`, {
			description: 'Check the "postStatuses" parameter.',
		});
	}
	return new Set(chosen);
}

/**
 * Every post but drafts, in one call: the list is not paged, and which date its range applies
 * to is not documented, so no range is given (a post scheduled weeks ago still shows).
 */
async function listPosts(api: RawUgcApi, deadlineMs: number): Promise<Job[]> {
	const walk = await walkPages(api, {
		path: POST.path,
		qs: { includeDrafts: false },
		pageParam: false,
		what: 'listing the posts',
		deadlineMs,
		read: (body) => readJobPage(POST, body),
	});
	return entriesOf(walk);
}

const postItem = (post: Job): INodeExecutionData => ({ json: jobJson(POST, post) as IDataObject });
const finishedAt = (post: Job) => Number(post.publishedAt ?? jobCreatedAtMs(post) ?? 0);

/**
 * Decides which posts fire: a post fires once, the first time it is seen published or failed,
 * if it was seen scheduled before or was created after what the memory has dealt with. The
 * first poll of an activation fires nothing: it records what exists.
 */
function review(posts: Job[], memory: PostMemory | undefined, statuses: Set<string>): { due: Job[]; next: PostMemory } {
	const newest = Math.max(0, ...posts.map((post) => jobCreatedAtMs(post) ?? 0));
	const next: PostMemory = memory
		? { floorMs: memory.floorMs, pending: { ...memory.pending }, done: { ...memory.done } }
		: { floorMs: newest, pending: {}, done: {} };
	const due: Job[] = [];
	const listed = new Set<string>();
	for (const post of posts) {
		const id = jobId(POST, post);
		listed.add(id);
		if (id in next.done) continue;
		const createdAt = jobCreatedAtMs(post) ?? newest;
		if (!isFinished(POST, post)) {
			next.pending[id] = createdAt;
			continue;
		}
		const watched = id in next.pending;
		if (memory && (watched || createdAt > memory.floorMs) && statuses.has(String(post.status))) due.push(post);
		delete next.pending[id];
		next.done[id] = createdAt;
	}
	// The list is complete: a watched post it no longer shows was deleted.
	for (const id of Object.keys(next.pending)) if (!listed.has(id)) delete next.pending[id];
	return { due: due.sort((a, b) => finishedAt(a) - finishedAt(b)), next };
}

async function pollOnce(ctx: IPollFunctions, statuses: Set<string>): Promise<INodeExecutionData[][] | null> {
	const budgetMs = typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() : DEFAULT_BUDGET_MS;
	const staticData = ctx.getWorkflowStaticData('node');
	const activation = ctx.getActivationMode();
	const marks = staticData as Record<symbol, unknown>;
	const fresh = !marks[ACTIVATION_POLLED] && (activation === 'activate' || activation === 'create');
	const api = await RawUgcApi.connect(ctx);
	const posts = await listPosts(api, Date.now() + budgetMs / 2);
	const { due, next } = review(posts, fresh ? undefined : loadPostMemory(staticData), statuses);
	savePostMemory(staticData, next);
	marks[ACTIVATION_POLLED] = true;
	return due.length > 0 ? [due.map(postItem)] : null;
}

/** One poll of "Social Post Finished": one list call through the key's pacer. */
export async function pollPosts(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const statuses = readStatuses(ctx);
	if (ctx.getMode() === 'manual') return await testPostEvent(ctx, statuses);
	const key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id}`;
	if (runningPolls.has(key)) return null;
	runningPolls.add(key);
	try {
		return await pollOnce(ctx, statuses);
	} finally {
		runningPolls.delete(key);
	}
}

/** The editor's "Fetch Test Event": the newest post in a chosen status; the memory is not touched. */
async function testPostEvent(ctx: IPollFunctions, statuses: Set<string>): Promise<INodeExecutionData[][]> {
	const api = await RawUgcApi.connect(ctx);
	const posts = (await listPosts(api, Date.now() + MANUAL_WAIT_MS)).filter((post) => statuses.has(String(post.status)));
	const newest = posts.sort((a, b) => finishedAt(b) - finishedAt(a))[0];
	if (!newest) {
		throw new NodeOperationError(ctx.getNode(), `No ${[...statuses].join(' or ')} post found in RawUGC`, {
			description: 'Publish one with the RawUGC node (Social Post > Create, mode Now), then fetch the test event again.',
		});
	}
	return [[postItem(newest)]];
}
