import type { ResultFile } from '../helpers/fileType';

/**
 * What differs between images, videos and music, as data: the engine (submit, watch, download,
 * errors) takes one of these records and is otherwise the same for every kind of job.
 */
export interface JobKind {
	name: 'image' | 'video' | 'music';
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
	/** Request fields the job echoes back, compared when a lost submit is looked for in the list. */
	matchFields: readonly string[];
}

/** A job as the API last described it, in today's field names of its kind. */
export type Job = Record<string, unknown> & { status?: string };

/** A request body of `POST ${kind.path}/generate`. */
export type JobRequest = Record<string, unknown> & { model: string };

export const FINISHED_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed']);

/** How many URLs a request field takes, typed URLs and uploaded binaries together. */
export interface InputCount {
	min: number;
	max: number;
}
