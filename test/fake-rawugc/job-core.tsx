/** The part of a new job that every kind shares: ids, money, timing, fate. */
import { randomBytes } from 'crypto';
import type { NewJobSettings } from './kind-spec';
import type { JobCore, JobStatus } from './types';

export const LEGACY_PREFIX = 'task_';

/** The new job's id (prefix + hex) and its shared fields; resultSize is the requested size until the kind raises it. */
export function coreOf(prefix: string, prompt: string, settings: NewJobSettings): JobCore & { id: string } {
	const hex = settings.hex ?? randomBytes(8).toString('hex');
	return {
		id: `${prefix}${hex}`,
		legacyId: `${LEGACY_PREFIX}${hex}`,
		prompt,
		creditsUsed: settings.creditsUsed,
		createdAt: settings.now,
		durationMs: settings.durationMs,
		willFail: settings.willFail,
		resultSize: settings.resultBytes,
	};
}

/** Status is read off the clock (no timers): pending, processing after a third, then finished. */
export function jobStatus(job: JobCore, now = Date.now()): JobStatus {
	const elapsed = now - job.createdAt;
	if (elapsed >= job.durationMs) return job.willFail ? 'failed' : 'completed';
	return elapsed >= job.durationMs / 3 ? 'processing' : 'pending';
}
