import { abortableSleep } from '../helpers/sleep';

import type { Job, JobKind } from '../kinds/kind';
import { isFinished } from '../kinds/kind';
import { jobCreatedAtMs, jobId, readJob, readJobPage, recentListOf } from '../kinds/read';

import { throwIfCancelled } from '../helpers/pause';
import { settle } from '../helpers/settle';
import type { RawUgcApi } from '../transport/api';
import { walkPages } from '../transport/pager';
import type { Estimate } from './schedule';
import { firstGapMs, firstLookAfterMs, nextGapMs, parseEstimate } from './schedule';

/** The job was still running when its wait ran out. */
export class WaitTimeoutError extends Error {
	/** `rateLimited`: the budget stayed spent, so the job could not even be looked at in time. */
	constructor(
		readonly job: Job,
		readonly rateLimited = false,
	) {
		super('still running: collect it with Get');
		this.name = 'WaitTimeoutError';
	}
}

interface Watched {
	/** Its own, not the job's id: two items may wait for the same job (Get twice with one id). */
	key: number;
	job: Job;
	id: string;
	itemIndex: number;
	deadlineMs: number;
	nextLookAt: number;
	gapMs: number;
	resolve: (job: Job) => void;
	reject: (error: Error) => void;
}

// While submits go out nothing is looked at; a nudge wakes the loop, this is a backstop.
const IDLE_CHECK_MS = 5_000;
// Jobs due within this long of each other are looked at together (one list call for them all).
const DUE_TOGETHER_MS = 1_000;
const LIST_PAGE_SIZE = 100;
const MAX_LIST_PAGES = 5;
// A job submitted a moment ago may be listed as created slightly before our clock says.
const CLOCK_SLACK_MS = 60_000;

/**
 * Waits for many jobs at once with as few API calls as it can: one look at the job list
 * answers for every job on it, and a job is looked up on its own only when the list does not
 * show it, or when the list look failed (the list is tried again at the next look). Looks wait
 * until every submit of the batch has gone out (the pacer's line is FIFO, so they could not
 * come sooner), except a job's last look at its deadline. No wait goes past a job's deadline.
 */
export class JobWatcher {
	private readonly watched = new Map<number, Watched>();
	private nextKey = 0;
	private submitsDone = false;
	private loop: Promise<void> | undefined;
	private wake: (() => void) | undefined;

	constructor(
		private readonly api: RawUgcApi,
		private readonly kind: JobKind,
		submits: Promise<unknown>,
	) {
		void submits.finally(() => {
			this.submitsDone = true;
			this.wake?.();
		});
	}

	/** The API's estimate for a job of this kind and key; without one, the latest seen (see parseEstimate). */
	estimate(text: unknown): Estimate {
		return parseEstimate(text, this.kind, this.api.keyId);
	}

	/** Resolves with the job once it completed or failed; rejects when its wait runs out. */
	async watch(job: Job, options: { itemIndex: number; estimate: Estimate; deadlineMs: number }): Promise<Job> {
		if (isFinished(this.kind, job)) return job;
		const submittedAt = Date.now();
		return await new Promise<Job>((resolve, reject) => {
			const key = this.nextKey++;
			this.watched.set(key, {
				key,
				job,
				id: jobId(this.kind, job),
				itemIndex: options.itemIndex,
				deadlineMs: options.deadlineMs,
				nextLookAt: Math.min(submittedAt + firstLookAfterMs(options.estimate), options.deadlineMs),
				gapMs: firstGapMs(options.estimate),
				resolve,
				reject,
			});
			this.loop ??= this.run().finally(() => (this.loop = undefined));
			this.wake?.();
		});
	}

	private async run(): Promise<void> {
		while (this.watched.size > 0) {
			try {
				await this.sleepUntilDue();
				const due = this.dueJobs();
				if (due.length > 0) await this.look(due);
			} catch (error) {
				// Only a cancel (or a bug) gets here: it ends the wait of every job.
				for (const entry of this.watched.values()) entry.reject(error as Error);
				this.watched.clear();
			}
		}
	}

	/** Jobs whose look is due (or nearly); while submits still go out, only those whose deadline came. */
	private dueJobs(): Watched[] {
		const now = Date.now();
		const entries = [...this.watched.values()];
		if (!this.submitsDone) return entries.filter((entry) => entry.deadlineMs <= now);
		if (!entries.some((entry) => entry.nextLookAt <= now)) return [];
		return entries.filter((entry) => entry.nextLookAt <= now + DUE_TOGETHER_MS);
	}

	private async sleepUntilDue(): Promise<void> {
		const entries = [...this.watched.values()];
		const nextLook = Math.min(...entries.map((entry) => entry.nextLookAt));
		const lastLook = Math.min(...entries.map((entry) => entry.deadlineMs));
		const wakeAt = this.submitsDone ? nextLook : Math.min(Date.now() + IDLE_CHECK_MS, lastLook);
		const ms = Math.max(0, wakeAt - Date.now());
		if (ms === 0) return;
		// Wake early when a job joins, the submits finish or the execution is cancelled; the
		// aborted sleep clears its timer, so nothing lingers after the run.
		const alarm = new AbortController();
		this.wake = () => alarm.abort();
		const signals = this.api.signal ? [alarm.signal, this.api.signal] : [alarm.signal];
		await abortableSleep(ms, AbortSignal.any(signals)).catch(() => undefined);
		this.wake = undefined;
		throwIfCancelled(this.api.signal);
	}

	/**
	 * One look for the due jobs: the list answers for every job it shows (due or not); a due job
	 * it does not show, or every due job when the list look failed, is looked up on its own.
	 */
	private async look(due: Watched[]): Promise<void> {
		let unseen = due;
		const all = [...this.watched.values()];
		if (all.length > 1) {
			const listed = await settle(this.lookAtList(all));
			throwIfCancelled(this.api.signal);
			if (listed.ok) {
				for (const entry of all) {
					const latest = listed.value.get(entry.id);
					if (latest) this.settle(entry, latest);
				}
				unseen = due.filter((entry) => !listed.value.has(entry.id));
			}
		}
		// Side by side (the pacer spaces them): one after another, a hanging API would hold each
		// job's look up behind all the others', past their deadlines.
		const looks = unseen
			.filter((entry) => this.watched.has(entry.key))
			.map(async (entry) => ({ entry, looked: await settle(this.lookAtOne(entry)) }));
		for (const { entry, looked } of await Promise.all(looks)) {
			throwIfCancelled(this.api.signal);
			if (looked.ok) this.settle(entry, looked.value);
			else this.lookFailed(entry, looked.error);
		}
	}

	/**
	 * The job's own look failed for good (retries spent, not found...): it stops waiting, with
	 * the API's error. When the rate limit stayed spent past its deadline, or a fault (time-out,
	 * 5xx) came at its deadline with no time left to try again, it ran out of time.
	 */
	private lookFailed(entry: Watched, error: unknown): void {
		const httpCode = String((error as { httpCode?: unknown })?.httpCode ?? '');
		const rateLimited = httpCode === '429';
		this.watched.delete(entry.key);
		// An answer about the job (404, 403...) stands; a fault the deadline cut short is lack of time.
		const outOfTime = rateLimited || (!httpCode.startsWith('4') && Date.now() >= entry.deadlineMs);
		entry.reject(outOfTime ? new WaitTimeoutError(entry.job, rateLimited) : (error as Error));
	}

	private async lookAtOne(entry: Watched): Promise<Job> {
		const { kind } = this;
		const body = await this.api.request({
			method: 'GET',
			path: `${kind.path}/${encodeURIComponent(entry.id)}`,
			what: `checking the ${kind.noun}'s status`,
			context: { itemIndex: entry.itemIndex, job: { idField: kind.idField, id: entry.id, noun: kind.noun } },
			deadlineMs: entry.deadlineMs,
		});
		return readJob(kind, body);
	}

	/** Pages through the newest jobs until every watched job was seen or older jobs begin. */
	private async lookAtList(entries: Watched[]): Promise<Map<string, Job>> {
		const { kind } = this;
		const wanted = new Set(entries.map((entry) => entry.id));
		const oldest = Math.min(...entries.map((entry) => jobCreatedAtMs(entry.job) ?? 0)) - CLOCK_SLACK_MS;
		const found = new Map<string, Job>();
		await walkPages(this.api, {
			path: kind.path,
			...recentListOf(kind, { fromMs: oldest, toMs: Date.now() + CLOCK_SLACK_MS }, LIST_PAGE_SIZE),
			maxPages: MAX_LIST_PAGES,
			what: `checking the ${kind.noun}s' status`,
			// Waiting for the budget beyond every job's deadline would be pointless.
			deadlineMs: Math.max(...entries.map((entry) => entry.deadlineMs)),
			read: (body) => readJobPage(kind, body),
			stop: (page) => {
				for (const job of page.entries) if (wanted.has(jobId(kind, job))) found.set(jobId(kind, job), job);
				const oldestOnPage = Math.min(...page.entries.map((job) => jobCreatedAtMs(job) ?? Infinity));
				return found.size >= wanted.size || oldestOnPage < oldest ? 'stop' : 'next';
			},
		});
		return found;
	}

	private settle(entry: Watched, latest: Job): void {
		entry.job = { ...entry.job, ...latest };
		const now = Date.now();
		if (isFinished(this.kind, entry.job)) {
			this.watched.delete(entry.key);
			entry.resolve(entry.job);
		} else if (now >= entry.deadlineMs) {
			this.watched.delete(entry.key);
			entry.reject(new WaitTimeoutError(entry.job));
		} else {
			entry.nextLookAt = Math.min(now + entry.gapMs, entry.deadlineMs);
			entry.gapMs = nextGapMs(entry.gapMs);
		}
	}
}
