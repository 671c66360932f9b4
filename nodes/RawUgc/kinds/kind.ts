import type { IDataObject } from 'n8n-workflow';

import type { ResultFile } from '../helpers/fileType';

/**
 * What differs between images, videos and music, as data: the engine (submit, watch, download,
 * errors) takes one of these records and is otherwise the same for every kind of job.
 */
export interface JobKind {
	name: 'image' | 'video' | 'music' | 'post';
	/** The word for one job in messages: "image", "video", "track". */
	noun: string;
	/** The same word in the panel's titles: "Image", "Video", "Track". */
	title: string;
	/** An example id for the panel: "img_abc123". */
	idExample: string;
	/** Today's name of the job's id: `imageId`, `videoId`, `musicId`. */
	idField: string;
	/** The collection: submit is `${path}/generate`, one job `${path}/{id}`, the list `${path}`. */
	path: string;
	/** The list answer's array: `images`, `videos`, `tracks`. */
	listField: string;
	/** Where a completed job's file is: `url`, `audioUrl`. */
	urlField: string;
	/** Old API version names (2025-11-10) and today's: `taskId` -> `imageId`, `resultUrl` -> `url`. */
	legacyNames: Readonly<Record<string, string>>;
	/** The job's fields in the order a person reads them; anything else the API adds follows. */
	fieldOrder: readonly string[];
	/** What a good result file is. */
	file: ResultFile;
	/** How long a job usually takes when the API gives no estimate (RawUGC's own wording). */
	usualEstimate: string;
	/** Max Wait Time when the panel leaves it unset, seconds. */
	defaultMaxWaitS: number;
	/**
	 * Request fields the job echoes back, and the job's name for each (`aspectRatio` is shown as
	 * `imageSize`): a job is taken for a lost submit only if every field the request fixed is
	 * the same in the job, wherever the job shows it, and it shows one besides the model.
	 */
	matchFields: Readonly<Record<string, string>>;
	/** Files a completed job carries besides its result (music's album art), each downloaded when its option asks. */
	extraFiles?: readonly ExtraFile[];
	/** Where a job is submitted; default `${path}/generate`. */
	submitPath?: string;
	/** Statuses after which nothing changes; default `completed`, `failed`. */
	finishedStatuses?: readonly string[];
	/** The list's query for one look at the recent jobs (a date range); default pages of the newest (see read.ts). */
	listQuery?: (range: ListRange) => IDataObject;
	/** Whether a retry (Retry On Fail) submits again an item whose earlier job failed; default true. */
	resubmitFailed?: boolean;
	/** A lost submit's job must pass this too, besides `matchFields` (for what the job shows in another shape). */
	matchesAlso?: (request: JobRequest, job: Job) => boolean;
	/** The words of its errors, where they differ from a generated job's. */
	wording?: Partial<KindWording>;
}

/** The time range one look at the recent jobs covers (for lists that filter by date), ms epoch. */
export interface ListRange {
	fromMs: number;
	toMs: number;
}

/** The words errors use about a job of a kind. */
export interface KindWording {
	/** "The image failed to generate: ..." */
	failed: string;
	/** "The image is still running after 600 s: ..." */
	stillRunning: string;
	/** "... : collect it with Get" */
	collect: string;
	/** "The image may have been created and charged, but ..." */
	mayExist: string;
	/** How to look for a job that may exist, before running the item again. */
	howToCheck: string;
	/** What a 403 (insufficient_scope) on the submit means; default the API error's own words. */
	forbidden?: string;
}

const JOB_WORDING: KindWording = {
	failed: 'failed to generate',
	stillRunning: 'is still running',
	collect: 'collect it with Get',
	mayExist: 'may have been created and charged',
	howToCheck: 'Look for it with Get Many (newest first) before running this item again, so it is not paid for twice.',
};

export function wordingOf(kind: JobKind): KindWording {
	return { ...JOB_WORDING, ...kind.wording };
}

/** A second file of the same job, e.g. a track's cover: its own URL field, binary field and file check. */
export interface ExtraFile {
	/** The boolean in the options collection that asks for it (default off): `downloadAlbumArt`. */
	option: string;
	/** The option's name in the panel: "Download Album Art". */
	displayName: string;
	/** The word for it in messages: "album art". */
	noun: string;
	/** The job's field that holds its URL: `albumArtUrl`. */
	urlField: string;
	/** The output's binary field it goes in: `albumArt`. */
	binaryPropertyName: string;
	/** What a good file is. */
	file: ResultFile;
}

/** A job as the API last described it, in today's field names of its kind. */
export type Job = Record<string, unknown> & { status?: string };

/** A request body of the submit (`POST ${kind.path}/generate`, a post's `POST /social/posts`). */
export type JobRequest = Record<string, unknown>;

export const FINISHED_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed']);

/** The job reached a status after which nothing changes (its kind's, else completed or failed). */
export function isFinished(kind: JobKind, job: Job): boolean {
	const status = String(job.status);
	return kind.finishedStatuses ? kind.finishedStatuses.includes(status) : FINISHED_STATUSES.has(status);
}

/** Where a job of the kind is submitted. */
export function submitPathOf(kind: JobKind): string {
	return kind.submitPath ?? `${kind.path}/generate`;
}

/** How many URLs a request field takes, typed URLs and uploaded binaries together. */
export interface InputCount {
	min: number;
	max: number;
}
