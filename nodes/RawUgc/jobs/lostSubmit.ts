import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { settlesBy } from '../helpers/pause';
import { wordingOf, type Job, type JobKind, type JobRequest } from '../kinds/kind';
import { jobCreatedAtMs, jobId, readJobPage, recentListOf } from '../kinds/read';
import type { RawUgcApi } from '../transport/api';
import { entriesOf, walkPages } from '../transport/pager';

/**
 * Finding the job of a submit whose answer never came (lost on the way, or the execution was
 * cancelled while it was coming). The API has no idempotency key, so the newest jobs are
 * searched for one that can only be that submit's: it matches every field the request fixed
 * (the kind's match fields) and shows one of them besides the model, it was created while the
 * submit was on its way, and this process has not taken it for another submit.
 */

const PAGE_SIZE = 100;
const MAX_PAGES = 3;
// The API's clock and ours may differ: a job may be listed as created this much before the
// submit left, or after its answer was lost.
const CLOCK_SLACK_MS = 30_000;
const CLAIM_MEMORY_MS = 3_600_000;

/** A submit whose answer never came. */
export interface LostSubmit {
	request: JobRequest;
	/** When it left, and when its answer was given up, ms epoch. */
	sentAt: number;
	lostAt: number;
}

/**
 * Ids this process submitted or adopted in the last hour, so two lost submits of this process
 * never adopt the same job. Other processes (queue mode workers) sharing the key are not seen
 * here: against their jobs only the match fields and the time window protect (see the README).
 */
const claimed = new Map<string, number>();

export function claim(id: string): void {
	const now = Date.now();
	for (const [known, at] of claimed) if (now - at > CLAIM_MEMORY_MS) claimed.delete(known);
	claimed.set(id, now);
}

interface OnItsWay {
	kind: JobKind['name'];
	request: JobRequest;
	answered: Promise<void>;
}

/** Submits of this process that left and are not answered yet (of every execution). */
const unanswered = new Set<OnItsWay>();

/** Records a submit as on its way; call what it returns once its answer came or was given up. */
export function onItsWay(kind: JobKind, request: JobRequest): () => void {
	let done: () => void = () => undefined;
	const submit: OnItsWay = { kind: kind.name, request, answered: new Promise<void>((resolve) => (done = resolve)) };
	unanswered.add(submit);
	return () => {
		unanswered.delete(submit);
		done();
	};
}

function same(a: unknown, b: unknown): boolean {
	if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((value, i) => same(value, b[i]));
	return a === b;
}

const given = (value: unknown) => value !== undefined && value !== null;

/**
 * How much of the request the job shows to be the same: undefined when a field both give
 * differs (or the kind's own check fails), else how many fields besides the model it confirms.
 * The model alone proves nothing: any job of that model made around the send (the dashboard's,
 * another worker's) shows it.
 */
function confirmed(kind: JobKind, request: JobRequest, job: Job): number | undefined {
	if (kind.matchesAlso && !kind.matchesAlso(request, job)) return undefined;
	let count = 0;
	for (const [field, shownAs] of Object.entries(kind.matchFields)) {
		if (!given(request[field]) || !given(job[shownAs])) continue;
		if (!same(job[shownAs], request[field])) return undefined;
		if (field !== 'model') count++;
	}
	return count;
}

/** Two requests could make jobs that look alike: no field both fixed differs. */
function alike(kind: JobKind, a: JobRequest, b: JobRequest): boolean {
	return Object.keys(kind.matchFields).every((field) => !given(a[field]) || !given(b[field]) || same(a[field], b[field]));
}

/**
 * Waits until the submits of this process still on their way that could have made a job like
 * this request's are answered (and their jobs claimed), but not past `deadlineMs` and not past
 * a cancel (CancelledError). False when some are still unanswered: a match could be theirs.
 */
export async function alikeSubmitsAnswered(
	kind: JobKind,
	request: JobRequest,
	deadlineMs: number,
	signal?: AbortSignal,
): Promise<boolean> {
	const alikeOnes = [...unanswered].filter((submit) => submit.kind === kind.name && alike(kind, submit.request, request));
	if (alikeOnes.length === 0) return true;
	return await settlesBy(Promise.all(alikeOnes.map((submit) => submit.answered)), deadlineMs, signal);
}

/** What the search found for one lost submit. */
export interface LostJobSearch {
	/** The job that can only be the submit's, claimed. */
	job?: Job;
	/** Ids of jobs that could be it but show too little of the request to tell (the same model, nothing more). */
	unsure: string[];
}

/**
 * Searches the newest jobs (one search for all) for the job of each lost submit and claims
 * what it finds. A job is taken only when it shows more of the request than the model; jobs
 * that show no more are named instead. Waits for the budget no longer than `deadlineMs`.
 */
export async function findLostJobs(
	api: RawUgcApi,
	kind: JobKind,
	lost: LostSubmit[],
	deadlineMs: number,
): Promise<LostJobSearch[]> {
	const createdAt = (job: Job) => jobCreatedAtMs(job) ?? 0;
	const since = Math.min(...lost.map((submit) => submit.sentAt)) - CLOCK_SLACK_MS;
	// Lists by date may go by a time the request fixed (a scheduled post's), not by creation.
	const fixedTimes = lost.map((submit) => Number(submit.request.scheduledFor)).filter(Number.isFinite);
	const until = Math.max(...lost.map((submit) => submit.lostAt), ...fixedTimes) + CLOCK_SLACK_MS;
	const walk = await walkPages(api, {
		path: kind.path,
		...recentListOf(kind, { fromMs: since, toMs: until }, PAGE_SIZE),
		maxPages: MAX_PAGES,
		what: `looking for a submitted ${kind.noun}`,
		deadlineMs,
		read: (body) => readJobPage(kind, body),
		// Later submits of a big batch may have made many newer jobs: page back until before `since`.
		stop: (page) => (page.entries.some((job) => createdAt(job) < since) ? 'stop' : 'next'),
	});
	const recent = entriesOf(walk);
	return lost.map(({ request, sentAt, lostAt }) => {
		// Created while the submit was on its way (give or take the clocks' difference), not taken by another submit.
		const possible = recent.filter((candidate) => {
			const at = createdAt(candidate);
			if (at < sentAt - CLOCK_SLACK_MS || at > lostAt + CLOCK_SLACK_MS) return false;
			return !claimed.has(jobId(kind, candidate)) && confirmed(kind, request, candidate) !== undefined;
		});
		const nearestFirst = (a: Job, b: Job) => Math.abs(createdAt(a) - sentAt) - Math.abs(createdAt(b) - sentAt);
		const [job] = possible.filter((candidate) => (confirmed(kind, request, candidate) ?? 0) > 0).sort(nearestFirst);
		if (job) {
			claim(jobId(kind, job));
			return { job, unsure: [] };
		}
		return { unsure: possible.sort(nearestFirst).map((candidate) => jobId(kind, candidate)) };
	});
}

/** Names the jobs a search could not tell apart, for an item's error; empty when there are none. */
export function unsureJobs(kind: JobKind, search: LostJobSearch | undefined): string {
	const ids = search?.unsure ?? [];
	if (ids.length === 0) return '';
	const named = ids.map((id) => `${kind.idField} ${id}`).join(', ');
	return `; ${kind.noun}s of the same model made around the send could be it, but show nothing more of this item to tell: ${named}`;
}

/**
 * The error of an item whose job may exist and cost credits though its id is unknown: it says
 * so, and how to look for it before paying again. Marked, so a run that fails on another item
 * still lists it.
 */
export function maybeChargedError(
	ctx: IExecuteFunctions,
	kind: JobKind,
	itemIndex: number,
	why: string,
): NodeOperationError {
	const words = wordingOf(kind);
	const error = new NodeOperationError(ctx.getNode(), `The ${kind.noun} ${words.mayExist}, but ${why} [item ${itemIndex}]`, {
		itemIndex,
		description: words.howToCheck,
	});
	error.context.maybeCharged = true;
	return error;
}
