import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { settlesBy } from '../helpers/pause';
import { wordingOf, type Job, type JobKind, type JobRequest } from '../kinds/kind';
import { jobCreatedAtMs, jobId, listQueryOf, readJobList } from '../kinds/read';
import type { RawUgcApi } from '../transport/api';

/**
 * Finding the job of a submit whose answer never came (lost on the way, or the execution was
 * cancelled while it was coming). The API has no idempotency key, so the newest jobs are
 * searched for one that can only be that submit's: it matches every field the request fixed
 * (the kind's match fields), it was created while the submit was on its way, and this process
 * has not taken it for another submit.
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

/** The job shows nothing that differs from what the request fixed. */
function matches(kind: JobKind, request: JobRequest, job: Job): boolean {
	const fieldsAgree = Object.entries(kind.matchFields).every(
		([field, shownAs]) => !given(request[field]) || !given(job[shownAs]) || same(job[shownAs], request[field]),
	);
	return fieldsAgree && (kind.matchesAlso?.(request, job) ?? true);
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

/**
 * Searches the newest jobs (one search for all) for the job of each lost submit and claims
 * what it finds; undefined where none can be told to be it. Waits for the budget no longer
 * than `deadlineMs`.
 */
export async function findLostJobs(
	api: RawUgcApi,
	kind: JobKind,
	lost: LostSubmit[],
	deadlineMs: number,
): Promise<Array<Job | undefined>> {
	const createdAt = (job: Job) => jobCreatedAtMs(job) ?? 0;
	const since = Math.min(...lost.map((submit) => submit.sentAt)) - CLOCK_SLACK_MS;
	// Lists by date may go by a time the request fixed (a scheduled post's), not by creation.
	const fixedTimes = lost.map((submit) => Number(submit.request.scheduledFor)).filter(Number.isFinite);
	const until = Math.max(...lost.map((submit) => submit.lostAt), ...fixedTimes) + CLOCK_SLACK_MS;
	const recent: Job[] = [];
	// Later submits of a big batch may have made many newer jobs: page back until before `since`.
	for (let page = 1; page <= MAX_PAGES; page++) {
		const { jobs, hasMore } = readJobList(
			kind,
			await api.request({
				method: 'GET',
				path: kind.path,
				qs: listQueryOf(kind, { page, pageSize: PAGE_SIZE, fromMs: since, toMs: until }),
				what: `looking for a submitted ${kind.noun}`,
				deadlineMs,
			}),
		);
		recent.push(...jobs);
		if (!hasMore || jobs.some((job) => createdAt(job) < since)) break;
	}
	return lost.map(({ request, sentAt, lostAt }) => {
		const job = recent
			.filter((candidate) => {
				// Created while the submit was on its way (give or take the clocks' difference).
				const at = createdAt(candidate);
				if (at < sentAt - CLOCK_SLACK_MS || at > lostAt + CLOCK_SLACK_MS) return false;
				return !claimed.has(jobId(kind, candidate)) && matches(kind, request, candidate);
			})
			.sort((a, b) => Math.abs(createdAt(a) - sentAt) - Math.abs(createdAt(b) - sentAt))[0];
		if (job) claim(jobId(kind, job));
		return job;
	});
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
