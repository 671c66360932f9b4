/** Jobs: their lifecycle in time (no timers: status is read off the clock) and their JSON shape per version. */
import { randomBytes } from 'crypto';
import { contentTypeOf, effectiveImageSize, imageKindOf } from './images';
import type { ApiVersion, FakeJob, JobStatus } from './types';
import type { GenerateRequest } from './validate';

export const FAIL_CODE = 'CONTENT_POLICY_VIOLATION';
export const FAIL_MESSAGE = 'The prompt was rejected by the content policy.';

export function newJob(
	request: GenerateRequest,
	settings: { creditsUsed: number; durationMs: number; willFail: boolean; resultBytes: number; now: number },
): FakeJob {
	const hex = randomBytes(8).toString('hex');
	const outputFormat = request.outputFormat ?? (request.model === 'nano-banana-2' ? 'jpg' : 'png');
	const job: FakeJob = {
		imageId: `img_${hex}`,
		legacyId: `task_${hex}`,
		model: request.model,
		prompt: request.prompt,
		outputFormat,
		creditsUsed: settings.creditsUsed,
		createdAt: settings.now,
		durationMs: settings.durationMs,
		willFail: settings.willFail,
		resultSize: effectiveImageSize(imageKindOf(outputFormat), settings.resultBytes),
	};
	for (const field of ['imageUrls', 'aspectRatio', 'imageSize', 'resolution', 'googleSearch'] as const) {
		if (request[field] !== undefined) (job as unknown as Record<string, unknown>)[field] = request[field];
	}
	return job;
}

export function jobStatus(job: FakeJob, now = Date.now()): JobStatus {
	const elapsed = now - job.createdAt;
	if (elapsed >= job.durationMs) return job.willFail ? 'failed' : 'completed';
	return elapsed >= job.durationMs / 3 ? 'processing' : 'pending';
}

export function resultFileName(job: FakeJob): string {
	return `${job.imageId}.${job.outputFormat}`;
}

export function resultContentType(job: FakeJob): string {
	return contentTypeOf(imageKindOf(job.outputFormat));
}

/** Renames imageId/url to taskId/resultUrl (with the task_ id) for the original version. */
export function shapeForVersion(view: Record<string, unknown>, job: FakeJob, version: ApiVersion): Record<string, unknown> {
	if (version !== '2025-11-10') return view;
	const legacy: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(view)) {
		if (key === 'imageId') legacy.taskId = job.legacyId;
		else if (key === 'url') legacy.resultUrl = value;
		else legacy[key] = value;
	}
	return legacy;
}

export function jobView(job: FakeJob, version: ApiVersion, storageOrigin: string, now = Date.now()): Record<string, unknown> {
	const status = jobStatus(job, now);
	const view: Record<string, unknown> = {
		imageId: job.imageId,
		status,
		model: job.model,
		prompt: job.prompt,
	};
	if (status === 'completed') view.url = `${storageOrigin}/results/${resultFileName(job)}`;
	view.imageSize = job.model === 'nano-banana-2' ? (job.aspectRatio ?? 'auto') : (job.imageSize ?? 'auto');
	view.resolution = job.model === 'nano-banana-2' ? (job.resolution ?? '1K') : null;
	view.outputFormat = job.outputFormat;
	view.creditsUsed = job.creditsUsed;
	view.createdAt = job.createdAt;
	if (status === 'completed' || status === 'failed') view.completedAt = job.createdAt + job.durationMs;
	if (status === 'failed') {
		view.failCode = FAIL_CODE;
		view.failMessage = FAIL_MESSAGE;
	}
	return shapeForVersion(view, job, version);
}
