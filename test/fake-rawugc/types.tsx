/** Shapes shared by the fake RawUGC server's parts. */
import type { SampleSpec } from './samples';
import type { FakeSocialAccount, SocialOptions } from './social';

export type ApiVersion = '2025-11-10' | '2026-03-06';
export const API_VERSIONS: readonly ApiVersion[] = ['2025-11-10', '2026-03-06'];
export const LATEST_VERSION: ApiVersion = '2026-03-06';

export type Model = 'nano-banana-2' | 'google/nano-banana-edit';
export type VideoModel = 'sora-2-text-to-video' | 'sora-2-image-to-video' | 'kling-2.6/motion-control' | 'veo3' | 'veo3_fast';
export type MusicModel = 'V3_5' | 'V4' | 'V4_5' | 'V4_5PLUS' | 'V4_5ALL' | 'V5';
export type JobStatus = 'pending' | 'processing' | 'completed' | 'failed';
/** The kinds of job the API runs; everything that differs between them is data in kinds.tsx. */
export type KindName = 'image' | 'video' | 'music';
export type VideoFormat = 'mp4' | 'mov' | 'webm';
/** 'mp3' starts with an ID3 tag, 'mp3-raw' straight with MPEG frame sync. */
export type AudioFormat = 'mp3' | 'mp3-raw' | 'wav' | 'm4a' | 'ogg' | 'flac';
export type EditOperation = 'captions' | 'overlay';
/** Which form of the disputed edit path the fake serves (see rawugc-api.md, video edits). */
export type EditPaths = 'nested' | 'flat' | 'both';

export interface FakeCharacter {
	_id: string;
	username: string;
	displayName: string;
	description: string;
	videoPreviewUrl: string;
	type: 'admin' | 'user';
	isActive: boolean;
	createdAt: string;
	updatedAt: string;
}

/** Per-kind settings: a value for all kinds, or one per kind (missing kinds keep the default). */
export type PerKind<T> = T | Partial<Record<KindName, T>>;

export interface FakeRawUgcOptions {
	apiKey?: string;
	/** Version the key is pinned to; used when a request sends no RawUGC-Version header. */
	pinnedVersion?: ApiVersion;
	/** Answer in the pinned version whatever RawUGC-Version the request sends (a key stuck on the old shape). */
	ignoreVersionHeader?: boolean;
	/** Sliding window per API key over all API requests. */
	rateLimit?: { limit: number; windowMs: number };
	/** Submit -> completed. Status is 'pending' at first, 'processing' after a third of it. */
	jobDurationMs?: number | (() => number);
	/** Overrides jobDurationMs for some kinds (e.g. videos that take longer than images). */
	jobDurationMsByKind?: Partial<Record<KindName, number | (() => number)>>;
	/** The generate answer's estimate; a string for every kind, or per kind (defaults '10-30 seconds', '1-3 minutes'). */
	estimatedCompletionTime?: PerKind<string>;
	balance?: number;
	/** Size of each result file: a number for every kind, or per kind (default 200 bytes each). */
	resultBytes?: PerKind<number>;
	/**
	 * Serve files a person can open instead of deterministic filler (default false): pictures
	 * showing the prompt, a 4 s MP4, a 4 s MP3 (samples.tsx; resultBytes is then ignored for them).
	 */
	sampleMedia?: boolean;
	/** FAKE prices per video model (the real ones are not published); default sora 6, veo3 8, veo3_fast 4, kling 5. */
	videoCredits?: Partial<Record<VideoModel, number>>;
	/** The price of a 15-second video (`nFrames: "15"`) per model, where it differs from videoCredits. */
	longVideoCredits?: Partial<Record<VideoModel, number>>;
	/** FAKE prices of edits: captions 1 (documented), overlay 1 (unknown in reality). */
	editCredits?: Partial<Record<EditOperation, number>>;
	/** Music costs 3 credits (documented). */
	musicCredits?: number;
	/** Container of video results (default 'mp4'). */
	videoFormat?: VideoFormat;
	/** Format of music results (default 'mp3', with an ID3 tag). */
	audioFormat?: AudioFormat;
	/** Album art of music results (default 'jpeg', albumArtBytes 200). */
	albumArtFormat?: 'png' | 'jpeg';
	albumArtBytes?: number;
	/** A finished track's `duration` in seconds (default 120). */
	musicDurationSeconds?: number;
	/** Default 'both'; the form not served answers 404 not_found. */
	editPaths?: EditPaths;
	/** Edits answer without url (status pending) and finish after jobDurationMs, to be polled at GET /videos/{newId}. */
	editsAnswerPending?: boolean;
	/** Answer to an edit of a video that is not completed (the real one is unknown): 400 validation_error (default) or 409 conflict. */
	editNotReadyStatus?: 400 | 409;
	/** The order of `GET /images|videos|music` (the real order is not documented): newest first by default. */
	listOrder?: ListOrder;
	/** GET /characters; default: DEFAULT_CHARACTERS (rawugc.mia active, rawugc.leo inactive, one user character). */
	characters?: FakeCharacter[];
	maxUploadBytes?: number;
	shouldFail?: (prompt: string) => boolean;
	/** Social posts: how `now` posts publish, what the list's date range applies to, a key without the scope to post. */
	social?: SocialOptions;
	/** GET /social/accounts; default DEFAULT_SOCIAL_ACCOUNTS (TikTok and Instagram active, YouTube inactive). */
	socialAccounts?: FakeSocialAccount[];
	/** Fixed ports; default random. */
	port?: number;
	storagePort?: number;
}

export interface RecordedRequest {
	origin: 'api' | 'storage';
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: Buffer;
	at: number;
	/** What was answered; 0 while unanswered or when the socket was destroyed without an answer. */
	status: number;
}

/** Answer this RFC 7807 problem and do nothing else. */
export interface ProblemFault {
	status: number;
	type?: string;
	title?: string;
	detail?: string;
	errors?: Record<string, string[]>;
}

export type Fault =
	| ProblemFault
	| { kind: 'reset' }
	/** The API acts, then the connection drops (`afterMs` later: tests change the store meanwhile). */
	| { kind: 'acceptThenReset'; afterMs?: number }
	| { kind: 'acceptThen500' }
	| { kind: 'delay'; ms: number }
	/** Answer a redirect (302 unless `status` says) to `location`, and do nothing else. */
	| { kind: 'redirect'; location: string; status?: number };

export interface FaultMatch {
	method?: string;
	/** A string matches the full path or the path below /api/v1; a RegExp is tested against the full path. */
	path?: string | RegExp;
	origin?: 'api' | 'storage';
}

export type StorageMode =
	| 'ok'
	| 'html'
	| 'notFound'
	| { truncate: number }
	| { contentType: string }
	/** Gzip-encoded (Content-Length then counts the encoded bytes): always, or when Accept-Encoding allows it. */
	| { gzip: 'always' | 'whenAsked' }
	/** These bytes instead of the job's file (a format the fake does not make), typed `contentType`. */
	| { bytes: Buffer; contentType?: string };

/** What every job has, whatever its kind. */
export interface JobCore {
	legacyId: string;
	prompt: string;
	creditsUsed: number;
	createdAt: number;
	/** Mutable: tests may shorten or lengthen a job while it runs. */
	durationMs: number;
	willFail: boolean;
	/** Size of the result file in bytes (after raising it to the format's minimum; a sample's length). */
	resultSize: number;
	/** Sample mode: what the job's result file shows (samples.tsx). */
	sample?: SampleSpec;
	/** Fields the API adds to this job's answers (after today's, in any version): tests put odd answers here. */
	extraFields?: Record<string, unknown>;
}

/** An image job (the name predates videos and music). */
export interface FakeJob extends JobCore {
	imageId: string;
	model: Model;
	imageUrls?: string[];
	aspectRatio?: string;
	imageSize?: string;
	resolution?: string;
	outputFormat: string;
	googleSearch?: boolean;
}

/** Where a video edit sits in its chain: the original (version 1) keeps no `edit`. */
export interface VideoEdit {
	/** The original video's id (editing an edit adds a version to the same original). */
	rootId: string;
	version: number;
	operation: EditOperation;
	options: Record<string, unknown>;
}

/** The optional fields of POST /videos/generate (which model takes which: validate-video.tsx). */
export interface VideoSettings {
	imageUrls?: string[];
	videoUrls?: string[];
	aspectRatio?: string;
	nFrames?: string;
	characterOrientation?: string;
	mode?: string;
	selectedCharacter?: string;
}

export interface FakeVideoJob extends JobCore, VideoSettings {
	videoId: string;
	model: VideoModel;
	format: VideoFormat;
	edit?: VideoEdit;
}

export interface FakeMusicJob extends JobCore {
	musicId: string;
	model: MusicModel;
	format: AudioFormat;
	instrumental: boolean;
	title?: string;
	style?: string;
	durationSeconds: number;
	art: { format: 'png' | 'jpeg'; size: number; sample?: SampleSpec };
}

export interface JobsByKind {
	image: FakeJob;
	video: FakeVideoJob;
	music: FakeMusicJob;
}
export type AnyJob = JobsByKind[KindName];

/** Newest first, oldest first, or interleaved (every other job newest first, then the others: new jobs land in the middle). */
export type ListOrder = 'newestFirst' | 'oldestFirst' | 'interleaved';
