/** Videos: what differs from the other kinds (request, FAKE prices, edit history, result file). */
import { FILE_FORMATS, resultSizeOf } from './files';
import { coreOf, jobStatus } from './job-core';
import type { KindSpec, ViewContext } from './kind-spec';
import type { FakeRawUgc } from './index';
import type { FakeVideoJob, VideoEdit, VideoModel } from './types';
import { type VideoRequest, validateVideo } from './validate-video';

/** FAKE prices: RawUGC publishes none per model (the one seen: 6 for a Sora text-to-video). */
export const DEFAULT_VIDEO_CREDITS: Record<VideoModel, number> = {
	'sora-2-text-to-video': 6,
	'sora-2-image-to-video': 6,
	'kling-2.6/motion-control': 5,
	veo3: 8,
	veo3_fast: 4,
};

const COPIED = ['imageUrls', 'videoUrls', 'aspectRatio', 'nFrames', 'characterOrientation', 'mode', 'selectedCharacter'] as const;

/** The original and its edits, by version (an original without edits is a chain of one). */
export function chainOf(fake: FakeRawUgc, job: FakeVideoJob): FakeVideoJob[] {
	const rootId = job.edit?.rootId ?? job.videoId;
	const root = fake.videos.get(rootId);
	const edits = [...fake.videos.values()].filter((video) => video.edit?.rootId === rootId);
	edits.sort((a, b) => a.edit!.version - b.edit!.version);
	return root ? [root, ...edits] : edits;
}

function fileName(job: FakeVideoJob): string {
	return `${job.videoId}.${FILE_FORMATS[job.format].ext}`;
}

function versionsOf(job: FakeVideoJob, { fake }: ViewContext): Array<Record<string, unknown>> {
	const now = Date.now();
	return chainOf(fake, job).map((member) => ({
		videoId: member.videoId,
		version: member.edit?.version ?? 1,
		...(jobStatus(member, now) === 'completed' ? { url: `${fake.storageOrigin}/results/${fileName(member)}` } : {}),
		...(member.edit ? { operation: member.edit.operation } : {}),
		createdAt: member.createdAt,
	}));
}

export const VIDEO_BEHAVIOUR: Pick<
	KindSpec<'video', VideoRequest>,
	'validate' | 'cost' | 'promptOf' | 'create' | 'fields' | 'legacyFields' | 'files'
> = {
	validate: (body, fake) => validateVideo(body, fake.characters),
	cost: (request, fake) =>
		(('nFrames' in request && request.nFrames === '15' ? fake.longVideoCredits[request.model] : undefined) ?? fake.videoCredits[request.model]),
	promptOf: (request) => request.prompt ?? '',
	create(request, settings, fake) {
		const { id, ...core } = coreOf('vid_', request.prompt ?? '', settings);
		const job: FakeVideoJob = { videoId: id, ...core, model: request.model, format: fake.videoFormat };
		if (settings.sampleMedia) job.sample = { caption: job.prompt };
		job.resultSize = resultSizeOf(job.format, settings.resultBytes, job.sample);
		for (const field of COPIED) {
			if (request[field] !== undefined) (job as unknown as Record<string, unknown>)[field] = request[field];
		}
		return job;
	},
	fields(job, context) {
		const versions = chainOf(context.fake, job).length > 1 ? { versions: versionsOf(job, context) } : {};
		return { ...(context.status === 'completed' ? { url: context.fileUrl('result') } : {}), ...versions };
	},
	legacyFields(job, { status }, now) {
		const progress = status === 'pending' ? 0 : status === 'processing' ? Math.min(99, Math.floor(((now - job.createdAt) / job.durationMs) * 100)) : 100;
		return { id: job.legacyId, progress };
	},
	files: (job) => [{ role: 'result', name: fileName(job), format: job.format, seedId: job.videoId, size: job.resultSize, sample: job.sample }],
};

/** A new version of `root` (an edit): the same video settings, its own id, file and timing; it never fails. */
export function newVideoVersion(
	fake: FakeRawUgc,
	root: FakeVideoJob,
	settings: { creditsUsed: number; durationMs: number; edit: VideoEdit },
): FakeVideoJob {
	const newJob = { ...settings, willFail: false, resultBytes: fake.resultSizes.video, sampleMedia: fake.sampleMedia, now: Date.now() };
	const { id, ...core } = coreOf('vid_', root.prompt, newJob);
	const job: FakeVideoJob = { ...root, videoId: id, ...core, edit: settings.edit };
	job.resultSize = resultSizeOf(job.format, core.resultSize, job.sample);
	return job;
}
