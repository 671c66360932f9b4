import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { Limiter } from '../../helpers/limiter';
import { jobError } from '../../helpers/output';
import type { JobOptions } from '../../helpers/parameters';
import { readJobOptions } from '../../helpers/parameters';
import { forget, recall, remember, type Asked } from '../../helpers/retryMemory';
import { settle } from '../../helpers/settle';
import { runBatch, type BatchPlan, type BatchSteps } from '../../jobs/batch';
import { lookAtEarlierJob } from '../../jobs/earlierJobs';
import { finishJob } from '../../jobs/finish';
import type { JobWatcher } from '../../jobs/watcher';
import { WaitTimeoutError } from '../../jobs/watcher';
import { FINISHED_STATUSES, type Job } from '../../kinds/kind';
import { jobFileUrl, jobId, readJob, readJobOrUndefined } from '../../kinds/read';
import { VIDEO } from '../../kinds/video';
import { EDIT_ESTIMATE, type EditOperationName } from '../../kinds/videoEdits';
import { AmbiguousRequestError, RawUgcApi } from '../../transport/api';
import { jobOptionsCollection } from '../common.descriptions';
import { readJobIdParameter, remainingEstimate } from '../shared/get.operation';
import { sendEdit } from './editPath';
import { claimVersion, findLostEdit, trackUnanswered, versionsOf } from './editRecovery';

/** What differs between Add Captions and Add Overlay: data, and how the body is read. */
export interface VideoEdit {
	/** The node's operation: `addCaptions`, `addOverlay`. */
	nodeOperation: string;
	/** The API's: the path's last segment and the new version's `operation`. */
	operation: EditOperationName;
	/** What the edit adds, in messages: "captions", "a text overlay". */
	adds: string;
	/** The edit's own parameters (the video and the options are common). */
	properties: INodeProperties[];
	/** The item's request body without `videoId`, checked; throws an input error naming the field. */
	readBody(ctx: IExecuteFunctions, itemIndex: number): Record<string, unknown>;
}

interface EditPlan extends BatchPlan {
	videoId: string;
	body: Record<string, unknown>;
	options: JobOptions;
}

/**
 * `Video > Add Captions` / `Add Overlay`: read the video (it must exist and be completed; one
 * still running is waited for within Max Wait Time), send the edit once, then wait for the
 * new version if its file is not ready yet and download it. One definition serves both edits.
 */
export function videoEditOperation(edit: VideoEdit) {
	const properties: INodeProperties[] = [
		{
			displayName: 'Video ID',
			name: VIDEO.idField,
			type: 'string',
			default: '',
			required: true,
			placeholder: `e.g. ${VIDEO.idExample}`,
			description: 'The videoId of a completed video (from Video > Generate or Get). A video still running is waited for, within Max Wait Time. The result is a new version with its own videoId; the original stays as it is.',
		},
		...edit.properties,
		jobOptionsCollection(VIDEO, { withMaxCredits: false }),
	];

	const steps: BatchSteps<EditPlan> = {
		plan: (ctx, itemIndex) => ({
			videoId: readJobIdParameter(ctx, VIDEO, itemIndex),
			body: edit.readBody(ctx, itemIndex),
			options: readJobOptions(ctx, itemIndex, VIDEO.defaultMaxWaitS),
		}),
		async start(_ctx, api, planned, itemIndex, deadlineMs) {
			const body = await api.request({
				method: 'GET',
				path: `${VIDEO.path}/${encodeURIComponent(planned.videoId)}`,
				what: 'reading the video to edit',
				context: { itemIndex, job: { idField: VIDEO.idField, id: planned.videoId, noun: VIDEO.noun } },
				deadlineMs,
			});
			return readJob(VIDEO, body);
		},
		async finish(ctx, watcher, downloads, source, planned, itemIndex, deadlineMs) {
			const ready = await completedSource(ctx, edit, watcher, source, planned, itemIndex, deadlineMs);
			const made = await sendOnce(ctx, edit, ready, planned, itemIndex, deadlineMs);
			return await finishVersion(ctx, watcher, downloads, made, planned, itemIndex, deadlineMs);
		},
	};

	return {
		description: updateDisplayOptions({ show: { resource: [VIDEO.name], operation: [edit.nodeOperation] } }, properties),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
			return await runBatch(this, items, VIDEO, steps);
		},
	};
}

/** The video once completed; refused (nothing sent) when it failed or is still running at the deadline. */
async function completedSource(
	ctx: IExecuteFunctions,
	edit: VideoEdit,
	watcher: JobWatcher,
	source: Job,
	planned: EditPlan,
	itemIndex: number,
	deadlineMs: number,
): Promise<Job> {
	const notSent = `Nothing was sent or charged.`;
	let video = source;
	if (!FINISHED_STATUSES.has(String(video.status))) {
		const waited = await settle(watcher.watch(video, { itemIndex, estimate: remainingEstimate(watcher.estimate(undefined), video), deadlineMs }));
		if (!waited.ok && waited.error instanceof WaitTimeoutError) {
			throw jobError(
				ctx,
				itemIndex,
				VIDEO,
				waited.error.job,
				`The video is still ${String(waited.error.job.status ?? 'running')} after ${planned.options.maxWaitTime} s: only a completed video can get ${edit.adds}`,
				`${notSent} Run this edit once the video has completed (Video > Get shows its status), or raise Options > Max Wait Time.`,
			);
		}
		if (!waited.ok) throw waited.error as Error;
		video = waited.value;
	}
	if (video.status !== 'completed') {
		const cause = [video.failCode, video.failMessage].filter(Boolean).join(': ');
		throw jobError(
			ctx,
			itemIndex,
			VIDEO,
			video,
			`The video ${video.status === 'failed' ? 'failed' : `is ${String(video.status)}`}${cause ? ` (${cause})` : ''}: only a completed video can get ${edit.adds}`,
			notSent,
		);
	}
	return video;
}

/**
 * Sends the edit exactly once. A lost answer (reset, time-out, 5xx) is looked for in the video's
 * history; not found, the error says plainly that it may have been charged.
 */
async function sendOnce(
	ctx: IExecuteFunctions,
	edit: VideoEdit,
	source: Job,
	planned: EditPlan,
	itemIndex: number,
	deadlineMs: number,
): Promise<Job> {
	const api = await RawUgcApi.connect(ctx);
	const sourceId = jobId(VIDEO, source);
	// A retry of this run of the node (Retry On Fail) carries on with the earlier try's version.
	const asked: Asked = { itemIndex, what: 'video edit', request: { videoId: sourceId, operation: edit.operation, ...planned.body } };
	const earlier = recall(ctx, asked);
	const made = (version: Job) => {
		remember(ctx, asked, { jobId: jobId(VIDEO, version) });
		return newVersion(version, sourceId, edit.operation);
	};
	if (typeof earlier?.jobId === 'string') {
		const version = await lookAtEarlierJob(ctx, api, VIDEO, earlier.jobId, itemIndex, deadlineMs);
		if (version.status !== 'failed') return newVersion(version, sourceId, edit.operation);
		forget(ctx, asked);
	}
	if (typeof earlier?.lostAt === 'number') {
		// An earlier try's edit whose answer was lost may have been made and charged: look, never send again.
		const lost = { sourceId, operation: edit.operation, sentAt: earlier.lostAt, knownIds: new Set(String(earlier.knownIds).split(' ')), itemIndex, deadlineMs };
		const found = await settle(findLostEdit(api, lost));
		if (found.ok && found.value) return made(found.value);
		throw lostEditError(ctx, edit, sourceId, itemIndex, 'on an earlier try, whose answer was lost; not sent again', 'RawUGC\'s answer to an earlier try was lost');
	}
	const knownIds = new Set([sourceId, ...versionsOf(source).map((version) => jobId(VIDEO, version))]);
	let sentAt = Date.now();
	const sending = sendEdit(api, {
		node: ctx.getNode(),
		videoId: sourceId,
		operation: edit.operation,
		body: { videoId: sourceId, ...planned.body },
		context: { itemIndex, job: { idField: VIDEO.idField, id: sourceId, noun: VIDEO.noun } },
		deadlineMs,
		onSent: () => (sentAt = Date.now()),
	});
	trackUnanswered(sending);
	const sent = await settle(sending);
	const answered = sent.ok ? readJobOrUndefined(VIDEO, sent.value) : undefined;
	if (answered) {
		claimVersion(jobId(VIDEO, answered));
		return made(answered);
	}
	// An error that proves nothing was done (400, 402, 404...) is the user's to see as it is.
	if (!sent.ok && !(sent.error instanceof AmbiguousRequestError)) throw sent.error as NodeApiError;
	const lostBecause = sent.ok ? `RawUGC answered without the new videoId` : (sent.error as Error).message;
	const found = await settle(
		findLostEdit(api, { sourceId, operation: edit.operation, sentAt, knownIds, itemIndex, deadlineMs }),
	);
	if (found.ok && found.value) return made(found.value);
	// A retry of this run of the node (Retry On Fail) looks for it again instead of paying again.
	remember(ctx, asked, { lostAt: sentAt, knownIds: [...knownIds].join(' ') });
	throw lostEditError(ctx, edit, sourceId, itemIndex, `but RawUGC's answer was lost (${lostBecause})`, lostBecause);
}

/** An edit that may have been made and charged though its new version is not known: how to look before paying again. */
function lostEditError(ctx: IExecuteFunctions, edit: VideoEdit, sourceId: string, itemIndex: number, why: string, cause: string): NodeApiError {
	const error = new NodeApiError(ctx.getNode(), { message: cause, videoId: sourceId }, {
		itemIndex,
		message: `The ${edit.operation} edit may have been made and charged, ${why} (videoId ${sourceId})`,
		description: `Look at Video > Get for videoId ${sourceId}: its versions list every edit. Run this item again only if no new ${edit.operation} version is there, so it is not paid for twice.`,
	});
	error.context.videoId = sourceId;
	error.context.jobIdField = VIDEO.idField;
	return error;
}

/** The new version as a job: ready once it has a url; it names the video it was made from. */
function newVersion(answer: Job, sourceId: string, operation: EditOperationName): Job {
	const url = jobFileUrl(VIDEO, answer);
	const status = url ? (answer.status ?? 'completed') : answer.status === 'failed' ? 'failed' : 'pending';
	return { ...answer, status, operation: answer.operation ?? operation, sourceVideoId: sourceId };
}

/** Waits for the new version if needed and downloads it; every error names both videos. */
async function finishVersion(
	ctx: IExecuteFunctions,
	watcher: JobWatcher,
	downloads: Limiter,
	made: Job,
	planned: EditPlan,
	itemIndex: number,
	deadlineMs: number,
): Promise<INodeExecutionData> {
	const finished = await settle(
		finishJob(ctx, VIDEO, watcher, downloads, made, { itemIndex, wait: true, options: planned.options, estimate: EDIT_ESTIMATE, deadlineMs }),
	);
	if (finished.ok) return finished.value;
	const error = finished.error as NodeApiError | NodeOperationError;
	const sourceId = String(made.sourceVideoId);
	if (error instanceof NodeOperationError || error instanceof NodeApiError) {
		if (!error.message.includes(sourceId)) error.message = `${error.message} (an edit of videoId ${sourceId})`;
		error.context.sourceVideoId = sourceId;
	}
	throw error;
}
