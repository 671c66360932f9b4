/** Shapes shared by the fake RawUGC server's parts. */

export type ApiVersion = '2025-11-10' | '2026-03-06';
export const API_VERSIONS: readonly ApiVersion[] = ['2025-11-10', '2026-03-06'];
export const LATEST_VERSION: ApiVersion = '2026-03-06';

export type Model = 'nano-banana-2' | 'google/nano-banana-edit';
export type JobStatus = 'pending' | 'processing' | 'completed' | 'failed';

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
	estimatedCompletionTime?: string;
	balance?: number;
	/** Size of each result image; default 200 bytes (a small valid image). */
	resultBytes?: number;
	maxUploadBytes?: number;
	shouldFail?: (prompt: string) => boolean;
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
	| { kind: 'acceptThenReset' }
	| { kind: 'acceptThen500' }
	| { kind: 'delay'; ms: number };

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
	| { contentType: string };

export interface FakeJob {
	imageId: string;
	legacyId: string;
	model: Model;
	prompt: string;
	imageUrls?: string[];
	aspectRatio?: string;
	imageSize?: string;
	resolution?: string;
	outputFormat: string;
	googleSearch?: boolean;
	creditsUsed: number;
	createdAt: number;
	/** Mutable: tests may shorten or lengthen a job while it runs. */
	durationMs: number;
	willFail: boolean;
	resultSize: number;
}
