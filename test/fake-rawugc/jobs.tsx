/** Jobs of every kind: their JSON shape per API version, read off the kind's record. */
import { KINDS } from './kinds';
import type { ResultFile, ViewContext } from './kind-spec';
import type { FakeRawUgc } from './index';
import { jobStatus } from './job-core';
import type { AnyJob, ApiVersion, JobsByKind, KindName } from './types';

export { jobStatus } from './job-core';
/** An image job as the generate route makes it (tests seed the store with it). */
export { newImageJob as newJob } from './image-kind';

export const FAIL_CODE = 'CONTENT_POLICY_VIOLATION';
export const FAIL_MESSAGE = 'The prompt was rejected by the content policy.';
export const LEGACY_ID_FIELD = 'taskId';

export function idOf(kind: KindName, job: AnyJob): string {
	return (job as unknown as Record<string, string>)[KINDS[kind].idField];
}

/** The files storage serves for a job (when completed), the main result first. */
export function filesOf(kind: KindName, job: AnyJob): ResultFile[] {
	return KINDS[kind].files(job as never);
}

export function resultFile(kind: KindName, job: AnyJob, role: ResultFile['role'] = 'result'): ResultFile | undefined {
	return filesOf(kind, job).find((file) => file.role === role);
}

/** Renames today's fields to the 2025-11-10 ones (the id becomes taskId with the task_ id), deep in `versions` too. */
export function shapeForVersion(kind: KindName, view: Record<string, unknown>, legacyId: string, version: ApiVersion): Record<string, unknown> {
	if (version !== '2025-11-10') return view;
	const spec = KINDS[kind];
	const legacy: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(view)) {
		if (key === spec.idField) legacy[LEGACY_ID_FIELD] = legacyId;
		else if (key === 'versions' && Array.isArray(value)) {
			legacy.versions = value.map((entry: Record<string, unknown>) =>
				shapeForVersion(kind, entry, String(entry[spec.idField]).replace(spec.idPrefix, 'task_'), version),
			);
		} else legacy[spec.legacyNames[key] ?? key] = value;
	}
	return legacy;
}

/** GET /{collection}/{id}: shared fields around the kind's own, in the version asked for. */
export function jobView<K extends KindName>(kind: K, job: JobsByKind[K], version: ApiVersion, fake: FakeRawUgc, now = Date.now()): Record<string, unknown> {
	const spec = KINDS[kind];
	const status = jobStatus(job, now);
	const context: ViewContext = {
		status,
		fake,
		fileUrl: (role) => `${fake.storageOrigin}/results/${resultFile(kind, job, role)?.name}`,
	};
	const view: Record<string, unknown> = {
		[spec.idField]: idOf(kind, job),
		status,
		model: job.model,
		prompt: job.prompt,
		...spec.fields(job, context),
		creditsUsed: job.creditsUsed,
		createdAt: job.createdAt,
	};
	if (status === 'completed' || status === 'failed') view.completedAt = job.createdAt + job.durationMs;
	if (status === 'failed') {
		view.failCode = FAIL_CODE;
		view.failMessage = FAIL_MESSAGE;
	}
	const extra = job.extraFields ?? {};
	if (version !== '2025-11-10' || !spec.legacyFields) return { ...shapeForVersion(kind, view, job.legacyId, version), ...extra };
	return { ...shapeForVersion(kind, view, job.legacyId, version), ...spec.legacyFields(job, context, now), ...extra };
}
