import type { IDataObject } from 'n8n-workflow';

import { throwIfCancelled } from '../helpers/pause';
import type { ApiCall, RawUgcApi } from './api';

/**
 * The one way a list is walked page by page (Get Many, the watcher's look, the lost-submit
 * search, the retry's look, the trigger): each page is one request through the key's pacer;
 * what differs between callers is only the stop rule and the bounds.
 */

/** One page as read from the API. */
export interface Page<T> {
	/** Its number (from 1). */
	number: number;
	entries: T[];
	/** Whether more pages follow: false for a list without `pagination`, and the reader's to say for an empty page. */
	hasMore: boolean;
	/** How many entries the whole list holds, when the API says. */
	total?: number;
}

/** What a page's raw body holds, read by the caller (the pager knows no list's field names). */
export type PageReader<T> = (body: unknown) => Omit<Page<T>, 'number'>;

/** After each page (the last one too): stop, read the next one, or go on at another page (a jump). */
export type StopRule<T> = (page: Page<T>) => 'stop' | 'next' | { page: number };

export interface WalkRequest<T> {
	path: string;
	/** Query of every page (`page` and `limit` are added). */
	qs?: IDataObject;
	/** Entries per page, sent as `limit`; undefined: none sent (the API's default). */
	pageSize?: number;
	what: string;
	context?: ApiCall['context'];
	read: PageReader<T>;
	/** Decides after each page; without one, every page is read. */
	stop?: StopRule<T>;
	/** False for a list that takes no `page` (unpaginated, or only its first page is wanted): one request. Default true. */
	pageParam?: boolean;
	/** At most this many requests; undefined: no cap. */
	maxPages?: number;
	/** A 429 is waited out until this moment (ms epoch), and no page is asked for after it. */
	deadlineMs?: number;
	/** The first page to read (default 1). */
	firstPage?: number;
}

export interface Walk<T> {
	/** The pages read, in the order they were read. */
	pages: Array<Page<T>>;
	/**
	 * Why the walk ended: `end` (the list has no more), `stop` (the rule said so), `maxPages` or
	 * `deadline` (cut short: pages the rule wanted were not read).
	 */
	ended: 'end' | 'stop' | 'maxPages' | 'deadline';
}

/** Reads pages until the list ends, the stop rule stops it, or a bound cuts it short. */
export async function walkPages<T>(api: RawUgcApi, request: WalkRequest<T>): Promise<Walk<T>> {
	const pages: Array<Page<T>> = [];
	let number = request.firstPage ?? 1;
	for (;;) {
		const paged = request.pageParam !== false;
		const qs: IDataObject = { ...request.qs, ...(paged ? { page: number } : {}) };
		if (request.pageSize !== undefined) qs.limit = request.pageSize;
		const body = await api.request({
			method: 'GET',
			path: request.path,
			qs,
			what: request.what,
			context: request.context,
			deadlineMs: request.deadlineMs,
		});
		const page: Page<T> = { number, ...request.read(body) };
		pages.push(page);
		const next = request.stop ? request.stop(page) : 'next';
		if (!page.hasMore || !paged) return { pages, ended: 'end' };
		if (next === 'stop') return { pages, ended: 'stop' };
		if (request.maxPages !== undefined && pages.length >= request.maxPages) return { pages, ended: 'maxPages' };
		if (request.deadlineMs !== undefined && Date.now() >= request.deadlineMs) return { pages, ended: 'deadline' };
		throwIfCancelled(api.signal);
		number = next === 'next' ? number + 1 : Math.max(1, next.page);
	}
}

/** Every entry of the pages read, in reading order. */
export function entriesOf<T>(walk: Walk<T>): T[] {
	return walk.pages.flatMap((page) => page.entries);
}

/**
 * The reader of a RawUGC list answer `{ <listField>: [...], pagination? }`: a list without
 * `pagination` (`{ <plural>: [...], count }`) is one page; an empty page ends the list whatever
 * it says.
 */
export function readListPage(listField: string): PageReader<unknown> {
	return (body) => {
		const answer = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
		const entries = Array.isArray(answer[listField]) ? (answer[listField] as unknown[]) : [];
		const pagination = (answer.pagination && typeof answer.pagination === 'object' ? answer.pagination : {}) as Record<string, unknown>;
		const total = typeof pagination.total === 'number' ? pagination.total : typeof answer.count === 'number' ? answer.count : undefined;
		return { entries, hasMore: pagination.hasMore === true && entries.length > 0, total };
	};
}
