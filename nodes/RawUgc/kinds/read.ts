import { readListPage, type Page, type WalkRequest } from '../transport/pager';
import type { Job, JobKind, ListRange } from './kind';

/** The job's id, in its kind's field. */
export function jobId(kind: JobKind, job: Job): string {
	return String(job[kind.idField]);
}

/** The URL of a completed job's file (its result, or another file's `field`), if the API gave one. */
export function jobFileUrl(kind: JobKind, job: Job, field = kind.urlField): string | undefined {
	const url = job[field];
	return typeof url === 'string' && url !== '' ? url : undefined;
}

/**
 * A job as the API describes it, in either version's field names, read into today's names;
 * undefined when it is not a job (no id). Old names never win over today's.
 */
export function readJobOrUndefined(kind: JobKind, raw: unknown): Job | undefined {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
	const job: Job = {};
	for (const [key, value] of Object.entries(raw)) {
		if (!(key in kind.legacyNames)) job[key] = value;
	}
	for (const [legacy, today] of Object.entries(kind.legacyNames)) {
		const value = (raw as Record<string, unknown>)[legacy];
		if ((job[today] === undefined || job[today] === null) && value !== undefined && value !== null) job[today] = value;
	}
	if (job[kind.urlField] === null) delete job[kind.urlField];
	const id = job[kind.idField];
	return typeof id === 'string' && id !== '' ? job : undefined;
}

/** Like readJobOrUndefined, for an answer that must be a job. */
export function readJob(kind: JobKind, raw: unknown): Job {
	const job = readJobOrUndefined(kind, raw);
	if (!job) throw new Error(`RawUGC answered without ${kind.idField === 'imageId' ? 'an' : 'a'} ${kind.idField}`);
	return job;
}

/** One page of a job list for the pager: its jobs (what is not a job is left out), whether more follow, the total. */
export function readJobPage(kind: JobKind, body: unknown): Omit<Page<Job>, 'number'> {
	const page = readListPage(kind.listField)(body);
	const jobs = page.entries.map((entry) => readJobOrUndefined(kind, entry)).filter((job): job is Job => job !== undefined);
	return { ...page, entries: jobs };
}

/** When the job was created, ms epoch (the API gives ms; an ISO string is read too). */
export function jobCreatedAtMs(job: Job): number | undefined {
	if (job.createdAt === undefined || job.createdAt === null) return undefined;
	const value = typeof job.createdAt === 'string' ? Date.parse(job.createdAt) : Number(job.createdAt);
	return Number.isFinite(value) ? value : undefined;
}

/**
 * How one look at the kind's recent jobs asks for them: its own query when it has one (a date
 * range: one answer, no pages, no limit), else pages of `pageSize` of the newest.
 */
export function recentListOf(kind: JobKind, range: ListRange, pageSize: number): Pick<WalkRequest<Job>, 'qs' | 'pageSize' | 'pageParam'> {
	return kind.listQuery ? { qs: kind.listQuery(range), pageSize: undefined, pageParam: false } : { pageSize };
}
