/**
 * Video edits (captions, text overlay): a new version of a completed video, a video job of its
 * own (GET /videos/{newId}) whose original's `versions` grows. Served at the nested path
 * (/videos/{id}/captions), the flat one (/videos/captions, videoId in the body) or both.
 */
import { type Answer, jsonAnswer } from './http-util';
import { jobStatus } from './job-core';
import { resultFile, shapeForVersion } from './jobs';
import type { RouteContext } from './route-context';
import type { EditOperation, EditPaths, FakeVideoJob } from './types';
import { validateEdit } from './validate-edit';
import { chainOf, newVideoVersion } from './videos';

export const EDIT_OPERATIONS: readonly EditOperation[] = ['captions', 'overlay'];
/** FAKE price of an overlay (unknown); captions cost 1 (documented). */
export const DEFAULT_EDIT_CREDITS: Record<EditOperation, number> = { captions: 1, overlay: 1 };

/** The edit a path names, if it names one: /videos/{id}/{op} (nested) or /videos/{op} (flat). */
export function editRoute(parts: string[]): { operation: EditOperation; form: 'nested' | 'flat'; pathId?: string } | undefined {
	if (parts[0] !== 'videos') return undefined;
	const isOperation = (part: string | undefined): part is EditOperation => EDIT_OPERATIONS.includes(part as EditOperation);
	if (parts.length === 2 && isOperation(parts[1])) return { operation: parts[1], form: 'flat' };
	if (parts.length === 3 && isOperation(parts[2])) return { operation: parts[2], form: 'nested', pathId: decodeURIComponent(parts[1]) };
	return undefined;
}

export function serves(paths: EditPaths, form: 'nested' | 'flat'): boolean {
	return paths === 'both' || paths === form;
}

export function edit(operation: EditOperation, context: RouteContext, pathId?: string): Answer {
	const { fake } = context;
	const body = context.jsonBody();
	if (!body.ok) return context.invalidJson();
	const checked = validateEdit(operation, body.value, pathId);
	if (!checked.ok) return context.invalid(checked.errors);
	const { videoId, ...options } = checked.value;
	const target = fake.store.find('video', videoId);
	if (!target) return context.fail(404, 'not_found', `Video ${videoId} was not found.`);
	const status = jobStatus(target);
	if (status !== 'completed') {
		const detail = `Video ${videoId} is ${status}: only a completed video can be edited.`;
		if (fake.editNotReadyStatus === 409) return context.fail(409, 'conflict', detail);
		return context.invalid({ videoId: [detail] });
	}
	const cost = fake.editCredits[operation];
	const refused = context.charge(cost);
	if (refused) return refused;

	const chain = chainOf(fake, target);
	const created = newVideoVersion(fake, chain[0], {
		creditsUsed: cost,
		durationMs: fake.editsAnswerPending ? fake.nextJobDuration('video') : 0,
		edit: { rootId: chain[0].videoId, version: chain.length + 1, operation, options },
	});
	fake.store.add('video', created);
	return jsonAnswer(200, shapeForVersion('video', editAnswer(created, context), created.legacyId, context.version), context.headers);
}

function editAnswer(job: FakeVideoJob, context: RouteContext): Record<string, unknown> {
	const ready = jobStatus(job) === 'completed';
	return {
		videoId: job.videoId,
		...(ready ? { url: `${context.fake.storageOrigin}/results/${resultFile('video', job)!.name}` } : { status: 'pending' }),
		version: job.edit!.version,
		operation: job.edit!.operation,
		creditsUsed: job.creditsUsed,
	};
}
