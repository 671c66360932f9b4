/** Shaping the fake's image list for the RawUGC Trigger's tests: creation times, and what a poll read. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { activateRawUgcTrigger } from '../engine/runRawUgcTrigger';
import type { FakeHandle } from './fake';
import { finish, submitImages } from './jobs';
import { routeOf } from './requests';

export const MINUTE = 60_000;

/** An active Job Finished trigger on completed images, files not downloaded (`parameters` change that). */
export function activateImageTrigger(handle: FakeHandle, parameters: INodeParameters = {}, pollBudgetMs?: number) {
	return activateRawUgcTrigger({
		parameters: { event: 'jobFinished', kinds: ['image'], statuses: ['completed'], options: { download: false }, ...parameters },
		credentials: handle.credentials(),
		pollBudgetMs,
	});
}

/** Moves a job's creation back in time, keeping its status (RawUGC's clock, as the list shows it). */
export function createdAgo(handle: FakeHandle, id: string, ms: number): void {
	createdAt(handle, id, Date.now() - ms);
}

/** Sets a job's creation time (ms), keeping its status. */
export function createdAt(handle: FakeHandle, id: string, atMs: number): void {
	const { job } = handle.fake.store.findAny(id)!;
	const finished = Date.now() - job.createdAt >= job.durationMs;
	job.createdAt = atMs;
	if (finished) job.durationMs = Math.max(0, Date.now() - job.createdAt);
}

/** The job's creation time (ms) as the fake keeps it. */
export function createdAtOf(handle: FakeHandle, id: string): number {
	return handle.fake.store.findAny(id)!.job.createdAt;
}

/** The job finished `ms` ago (completed), whenever it was made. */
export function finishedAgo(handle: FakeHandle, id: string, ms: number): void {
	const { job } = handle.fake.store.findAny(id)!;
	job.willFail = false;
	job.durationMs = Date.now() - ms - job.createdAt;
}

/**
 * `count` finished images, created two minutes apart, the newest `newestAgoMs` ago (two minutes
 * unless said), oldest first.
 */
export async function finishedSpreadOut(handle: FakeHandle, count: number, newestAgoMs = 2 * MINUTE): Promise<string[]> {
	const ids = await submitImages(handle, count);
	ids.forEach((id, n) => {
		finish(handle, id);
		createdAgo(handle, id, newestAgoMs + (count - 1 - n) * 2 * MINUTE);
	});
	return ids;
}

export function firedIds(items: Array<{ json: Record<string, unknown> }>): string[] {
	return items.map((item) => String(item.json.imageId)).sort();
}

/** The `page` of each image list request since `before` (a count of the fake's API requests). */
export function listPagesSince(handle: FakeHandle, before: number): string[] {
	return handle.fake
		.apiRequests()
		.slice(before)
		.filter((request) => routeOf(request) === 'GET /images')
		.map((request) => String(request.query.page));
}

export interface SavedImageMemory {
	newestMs: number;
	pending: Record<string, number>;
	known: Record<string, number>;
	downloadTries: Record<string, number>;
	gaps: Array<{ fromMs: number; toMs: number }>;
	listOrder?: string;
}

/** What the trigger remembers of images, as n8n saved it. */
export function imageMemory(nodeStaticData: IDataObject): SavedImageMemory {
	return (nodeStaticData.jobFinished as Record<string, SavedImageMemory>).image;
}

/** Lists an image job right below `newerId` (a list sorted by creation time shows a late job in its place). */
export function listedBelow(handle: FakeHandle, id: string, newerId: string): void {
	const images = handle.fake.jobs;
	const entries = [...images].filter(([key]) => key !== id);
	const at = entries.findIndex(([key]) => key === newerId);
	entries.splice(at, 0, [id, images.get(id)!]);
	images.clear();
	for (const [key, job] of entries) images.set(key, job);
}
