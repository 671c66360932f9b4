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
	/**
	 * Request fields the job echoes back, and the job's name for each (`aspectRatio` is shown as
	 * `imageSize`): a job is taken for a lost submit only if every field the request fixed is
	 * the same in the job, wherever the job shows it, and it shows one besides the model.
	 */
	matchFields: Readonly<Record<string, string>>;
	/** Files a completed job carries besides its result (music's album art), each downloaded when its option asks. */
	extraFiles?: readonly ExtraFile[];
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

/** A request body of `POST ${kind.path}/generate`. */
export type JobRequest = Record<string, unknown> & { model: string };

export const FINISHED_STATUSES: ReadonlySet<string> = new Set(['completed', 'failed']);

/** How many URLs a request field takes, typed URLs and uploaded binaries together. */
export interface InputCount {
	min: number;
	max: number;
}
