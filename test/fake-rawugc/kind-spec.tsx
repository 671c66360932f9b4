/** The record that says what one kind of job (image, video, music) is; kinds.tsx holds the three. */
import type { Checked } from './fields';
import type { FileSpec } from './files';
import type { FakeRawUgc } from './index';
import type { JobsByKind, JobStatus, KindName } from './types';

/** What a new job of any kind starts from. */
export interface NewJobSettings {
	creditsUsed: number;
	durationMs: number;
	willFail: boolean;
	/** Requested size of the result file (raised to the format's minimum). */
	resultBytes: number;
	/** Sample mode (samples.tsx): the job's files show its prompt or are small playable media. */
	sampleMedia?: boolean;
	now: number;
	/** The random part of the ids (`img_<hex>`, `task_<hex>`); random when absent. */
	hex?: string;
}

/** A file the storage host serves for a job: its name below /results/ and how to make it. */
export interface ResultFile extends FileSpec {
	/** 'result' is the job's main file (url / audioUrl); 'art' is a track's album art. */
	role: 'result' | 'art';
	name: string;
}

/** Everything a job's JSON is built from, for the kind's own fields. */
export interface ViewContext {
	status: JobStatus;
	fake: FakeRawUgc;
	/** The storage URL of one of the job's files. */
	fileUrl(role: ResultFile['role']): string;
}

export interface KindSpec<K extends KindName, Request = unknown> {
	name: K;
	/** Path below /api/v1: POST /{collection}/generate, GET /{collection}, GET /{collection}/{id}. */
	collection: string;
	/** For 404 details: "Video vid_... was not found." */
	noun: string;
	idField: string;
	idPrefix: string;
	/** The list answer's array. */
	listField: string;
	/** GET /{collection} without `limit`. */
	defaultLimit: number;
	/** The field that carries the result file's URL in today's version. */
	urlField: string;
	/** estimatedCompletionTime when the options give none for this kind. */
	defaultEstimate: string;
	/** Today's name -> the 2025-11-10 name (the id field always becomes taskId, with the task_ id). */
	legacyNames: Record<string, string>;
	validate(body: unknown, fake: FakeRawUgc): Checked<Request>;
	cost(request: Request, fake: FakeRawUgc): number;
	/** The prompt that decides failure ('[fail]'); music and videos may have none. */
	promptOf(request: Request): string;
	create(request: Request, settings: NewJobSettings, fake: FakeRawUgc): JobsByKind[K];
	/** The kind's own fields of GET /{collection}/{id}, between prompt and creditsUsed. */
	fields(job: JobsByKind[K], context: ViewContext): Record<string, unknown>;
	/** Fields only the 2025-11-10 version had (video: id, progress). */
	legacyFields?(job: JobsByKind[K], context: ViewContext, now: number): Record<string, unknown>;
	/** The files storage serves for a completed job, the main result first. */
	files(job: JobsByKind[K]): ResultFile[];
}
