/** Making and finishing jobs on the fake as someone else would (the dashboard, another workflow). */
import type { FakeJob } from '../fake-rawugc';
import type { FakeHandle } from './fake';

/** Submits an image job straight to the fake's API (not through the node); returns its imageId. */
export async function submitImage(handle: FakeHandle, prompt = 'A red bicycle'): Promise<string> {
	const { fake } = handle;
	const response = await fetch(`${fake.baseUrl}/images/generate`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${fake.apiKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ model: 'nano-banana-2', prompt }),
	});
	if (response.status !== 201) throw new Error(`The fake refused the submit: ${response.status} ${await response.text()}`);
	return ((await response.json()) as { imageId: string }).imageId;
}

/** Submits `count` image jobs one after the other; returns their ids, oldest first. */
export async function submitImages(handle: FakeHandle, count: number): Promise<string[]> {
	const ids: string[] = [];
	for (let n = 0; n < count; n++) ids.push(await submitImage(handle, `Image ${n}`));
	return ids;
}

function job(handle: FakeHandle, id: string): FakeJob {
	const found = handle.fake.findJob(id);
	if (!found) throw new Error(`The fake has no job ${id}`);
	return found;
}

/** The job finishes now (completed, or failed with `fail`). */
export function finish(handle: FakeHandle, id: string, { fail = false } = {}): void {
	const found = job(handle, id);
	found.willFail = fail;
	found.durationMs = Math.max(0, Date.now() - found.createdAt);
}
