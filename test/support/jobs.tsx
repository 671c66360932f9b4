/** Making and finishing jobs on the fake as someone else would (the dashboard, another workflow). */
import { randomBytes } from 'node:crypto';

import type { FakeJob } from '../fake-rawugc';
import type { FakeHandle } from './fake';

export type KindName = 'image' | 'video' | 'music';

const SUBMIT: Record<KindName, { path: string; idField: string; body: (prompt: string) => object }> = {
	image: { path: '/images/generate', idField: 'imageId', body: (prompt) => ({ model: 'nano-banana-2', prompt }) },
	video: { path: '/videos/generate', idField: 'videoId', body: (prompt) => ({ model: 'veo3_fast', prompt }) },
	music: { path: '/music/generate', idField: 'musicId', body: (prompt) => ({ prompt }) },
};

/** Submits a job straight to the fake's API (not through the node); returns its id. */
export async function submitJob(handle: FakeHandle, kind: KindName, prompt = 'A red bicycle'): Promise<string> {
	const { fake } = handle;
	const submit = SUBMIT[kind];
	const response = await fetch(`${fake.baseUrl}${submit.path}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${fake.apiKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify(submit.body(prompt)),
	});
	if (response.status !== 201) throw new Error(`The fake refused the submit: ${response.status} ${await response.text()}`);
	return ((await response.json()) as Record<string, string>)[submit.idField];
}

export async function submitImage(handle: FakeHandle, prompt = 'A red bicycle'): Promise<string> {
	return await submitJob(handle, 'image', prompt);
}

/** Submits `count` image jobs one after the other; returns their ids, oldest first. */
export async function submitImages(handle: FakeHandle, count: number): Promise<string[]> {
	const ids: string[] = [];
	for (let n = 0; n < count; n++) ids.push(await submitImage(handle, `Image ${n}`));
	return ids;
}

/** The job (of any kind) finishes now: completed, or failed with `fail`. */
export function finish(handle: FakeHandle, id: string, { fail = false } = {}): void {
	const found = handle.fake.store.findAny(id);
	if (!found) throw new Error(`The fake has no job ${id}`);
	found.job.willFail = fail;
	found.job.durationMs = Math.max(0, Date.now() - found.job.createdAt);
}

/** An image job this process never saw (another worker's, or an older one), put straight into the fake's store. */
export function putImageJob(handle: FakeHandle, overrides: Partial<FakeJob> = {}): FakeJob {
	const hex = randomBytes(8).toString('hex');
	const job: FakeJob = {
		imageId: `img_${hex}`,
		legacyId: `task_${hex}`,
		model: 'nano-banana-2',
		prompt: 'A red bicycle',
		outputFormat: 'jpg',
		creditsUsed: 4,
		createdAt: Date.now(),
		durationMs: 0,
		willFail: false,
		resultSize: 200,
		...overrides,
	};
	handle.fake.jobs.set(job.imageId, job);
	return job;
}
