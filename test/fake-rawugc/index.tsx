/**
 * A fake RawUGC API on 127.0.0.1 for tests and benchmarks: the API on one port and, on another
 * (a different origin, like storage.rawugc.com), the storage host serving results and uploads.
 * Real sockets, plain node:http. See /work/shared/rawugc-api.md for the behaviour it copies.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';
import { API_PREFIX, handleApi, routeLabel } from './api';
import { BrandLibrary } from './brand';
import { DEFAULT_CHARACTERS } from './characters';
import { CONTROL_PREFIX, handleControl } from './control';
import { DEFAULT_EDIT_CREDITS } from './edits';
import { type FileSpec, fileBytes, fileDigest } from './files';
import { type Answer, headerRecord, problemAnswer, readBody, redirectAnswer, writeAnswer } from './http-util';
import { resultFile } from './jobs';
import type { ResultFile } from './kind-spec';
import { KIND_NAMES, KINDS } from './kinds';
import { MUSIC_CREDITS } from './music';
import { problem, typeForStatus } from './problem';
import { ResearchStore } from './research';
import { handleStorage } from './storage';
import { JobStore } from './store';
import type {
	ApiVersion,
	AudioFormat,
	EditOperation,
	EditPaths,
	FakeCharacter,
	FakeJob,
	FakeMusicJob,
	FakeRawUgcOptions,
	FakeVideoJob,
	Fault,
	FaultMatch,
	KindName,
	ListOrder,
	PerKind,
	ProblemFault,
	RecordedRequest,
	StorageMode,
	VideoFormat,
	VideoModel,
} from './types';
import { SlidingWindow } from './rate-limit';
import { SocialStore } from './social';
import { DEFAULT_VIDEO_CREDITS } from './videos';
import { DEFAULT_VIRAL_VIDEOS, type ViralVideo } from './viral';

export type * from './types';
export { FAIL_CODE, FAIL_MESSAGE, jobStatus } from './jobs';
export { DEFAULT_CHARACTERS } from './characters';
export { DEFAULT_VIDEO_CREDITS } from './videos';
export { DEFAULT_SOCIAL_ACCOUNTS, type FakePost, type FakeSocialAccount } from './social';

export const DEFAULT_API_KEY = 'rug_test_key_0123456789abcdef';
const DEFAULT_RESULT_BYTES = 200;

/** A per-kind setting for all three kinds: one value for all, or per kind over the defaults. */
function perKind<T>(value: PerKind<T> | undefined, fallback: (kind: KindName) => T): Record<KindName, T> {
	const given = (kind: KindName): T | undefined =>
		value !== null && typeof value === 'object' ? (value as Partial<Record<KindName, T>>)[kind] : (value as T | undefined);
	return Object.fromEntries(KIND_NAMES.map((kind) => [kind, given(kind) ?? fallback(kind)])) as Record<KindName, T>;
}
const BODY_OVERHEAD = 1024 * 1024; // room for multipart framing above maxUploadBytes

interface QueuedFault {
	match: FaultMatch;
	fault: Fault;
	remaining: number;
}

export interface Upload {
	fileName: string;
	contentType: string;
	bytes: Buffer;
	url: string;
}

export interface FakeStats {
	apiCalls: number;
	rateLimited: number;
	byRoute: Record<string, number>;
	byStatus: Record<string, number>;
	storageCalls: number;
	/** Jobs of all kinds. */
	jobs: number;
	jobsByKind: Record<KindName, number>;
	balance: number;
}

function listen(server: Server, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve((server.address() as AddressInfo).port);
		});
	});
}

function matches(match: FaultMatch, origin: 'api' | 'storage', method: string, path: string): boolean {
	if (match.origin && match.origin !== origin) return false;
	if (match.method && match.method.toUpperCase() !== method) return false;
	if (match.path instanceof RegExp) return match.path.test(path);
	if (typeof match.path === 'string') return path === match.path || path === `${API_PREFIX}${match.path}`;
	return true;
}

export class FakeRawUgc {
	readonly apiKey: string;
	private apiOrigin = '';
	private storageHost = '';
	readonly requests: RecordedRequest[] = [];
	rateLimited = 0;
	balance: number;
	/** Every job of every kind, by kind (see store.tsx). */
	readonly store = new JobStore();
	/** Image jobs by imageId (the store's image map). */
	readonly jobs: Map<string, FakeJob> = this.store.byKind.image;
	/** Video jobs (originals and edits) by videoId. */
	readonly videos: Map<string, FakeVideoJob> = this.store.byKind.video;
	/** Music jobs by musicId. */
	readonly tracks: Map<string, FakeMusicJob> = this.store.byKind.music;
	readonly uploads: Upload[] = [];
	/** Products, personas, messaging and styles (brand.tsx). */
	readonly library = new BrandLibrary();
	/** Scrapes, content plans and the count of analyses (research.tsx). */
	readonly research = new ResearchStore();
	/** The viral library (viral.tsx). */
	viralVideos: ViralVideo[] = [...DEFAULT_VIRAL_VIDEOS];
	/** Social accounts and posts (see social.tsx). */
	readonly social: SocialStore;

	/** Settings; tests may change them while the fake runs. */
	pinnedVersion: ApiVersion;
	ignoreVersionHeader: boolean;
	/** estimatedCompletionTime per kind. */
	estimates: Record<KindName, string>;
	/** Requested size of result files per kind (raised to the format's minimum). */
	resultSizes: Record<KindName, number>;
	/** Sample mode (samples.tsx): new jobs get files a person can open. */
	sampleMedia: boolean;
	videoCredits: Record<VideoModel, number>;
	longVideoCredits: Partial<Record<VideoModel, number>>;
	/** Fields laid over every submit's answer (201), for odd answers: `{ creditsUsed: null }`; undefined leaves a field out. */
	submitAnswerFields: Record<string, unknown> = {};
	editCredits: Record<EditOperation, number>;
	musicCredits: number;
	videoFormat: VideoFormat;
	audioFormat: AudioFormat;
	albumArtFormat: 'png' | 'jpeg';
	albumArtBytes: number;
	musicDurationSeconds: number;
	editPaths: EditPaths;
	editsAnswerPending: boolean;
	editNotReadyStatus: 400 | 409;
	listOrder: ListOrder;
	characters: FakeCharacter[];
	maxUploadBytes: number;
	shouldFail: (prompt: string) => boolean;
	jobDurationMs: number | (() => number);
	jobDurationMsByKind: Partial<Record<KindName, number | (() => number)>>;
	readonly window: SlidingWindow;

	private readonly faults: QueuedFault[] = [];
	private readonly storageModes = new Map<string, StorageMode>();
	private readonly sockets = new Set<Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly servers: Server[] = [];

	private constructor(options: FakeRawUgcOptions) {
		this.apiKey = options.apiKey ?? DEFAULT_API_KEY;
		this.pinnedVersion = options.pinnedVersion ?? '2026-03-06';
		this.ignoreVersionHeader = options.ignoreVersionHeader ?? false;
		const rate = options.rateLimit ?? { limit: 10, windowMs: 60_000 };
		this.window = new SlidingWindow(rate.limit, rate.windowMs);
		this.jobDurationMs = options.jobDurationMs ?? 30;
		this.jobDurationMsByKind = { ...options.jobDurationMsByKind };
		this.estimates = perKind(options.estimatedCompletionTime, (kind) => KINDS[kind].defaultEstimate);
		this.balance = options.balance ?? 1000;
		this.resultSizes = perKind(options.resultBytes, () => DEFAULT_RESULT_BYTES);
		this.sampleMedia = options.sampleMedia ?? false;
		this.videoCredits = { ...DEFAULT_VIDEO_CREDITS, ...options.videoCredits };
		this.longVideoCredits = { ...options.longVideoCredits };
		this.editCredits = { ...DEFAULT_EDIT_CREDITS, ...options.editCredits };
		this.musicCredits = options.musicCredits ?? MUSIC_CREDITS;
		this.videoFormat = options.videoFormat ?? 'mp4';
		this.audioFormat = options.audioFormat ?? 'mp3';
		this.albumArtFormat = options.albumArtFormat ?? 'jpeg';
		this.albumArtBytes = options.albumArtBytes ?? DEFAULT_RESULT_BYTES;
		this.musicDurationSeconds = options.musicDurationSeconds ?? 120;
		this.editPaths = options.editPaths ?? 'both';
		this.editsAnswerPending = options.editsAnswerPending ?? false;
		this.editNotReadyStatus = options.editNotReadyStatus ?? 400;
		this.listOrder = options.listOrder ?? 'newestFirst';
		this.characters = [...(options.characters ?? DEFAULT_CHARACTERS)];
		this.maxUploadBytes = options.maxUploadBytes ?? 100 * 1024 * 1024;
		this.shouldFail = options.shouldFail ?? ((prompt) => prompt.includes('[fail]'));
		this.social = new SocialStore(options.social, options.socialAccounts);
	}

	/** 'http://127.0.0.1:<apiPort>/api/v1' */
	get baseUrl(): string {
		return `${this.apiOrigin}${API_PREFIX}`;
	}

	/** 'http://127.0.0.1:<storagePort>': a separate server, so a different origin from the API. */
	get storageOrigin(): string {
		return this.storageHost;
	}

	/** 'http://127.0.0.1:<apiPort>': where /__fake/ control endpoints live. */
	get controlOrigin(): string {
		return this.apiOrigin;
	}

	static async start(options: FakeRawUgcOptions = {}): Promise<FakeRawUgc> {
		const fake = new FakeRawUgc(options);
		const api = fake.makeServer('api');
		const storage = fake.makeServer('storage');
		try {
			const apiPort = await listen(api, options.port ?? 0);
			const storagePort = await listen(storage, options.storagePort ?? 0);
			fake.apiOrigin = `http://127.0.0.1:${apiPort}`;
			fake.storageHost = `http://127.0.0.1:${storagePort}`;
		} catch (error) {
			await fake.stop();
			throw error;
		}
		return fake;
	}

	/** API requests in arrival order (control endpoints are never recorded). */
	apiRequests(): RecordedRequest[] {
		return this.requests.filter((request) => request.origin === 'api');
	}

	/** Another client of the same key (a queue-mode worker the test does not run): `count` requests counted in the window now. */
	spendElsewhere(count: number): void {
		for (let n = 0; n < count; n++) this.window.take(this.apiKey);
	}

	storageRequests(): RecordedRequest[] {
		return this.requests.filter((request) => request.origin === 'storage');
	}

	/** Queues a fault for the next `times` matching requests (first queued, first used). */
	failNext(match: FaultMatch, fault: Fault, times = 1): void {
		this.faults.push({ match, fault, remaining: times });
	}

	/** Mode for one job's files, by its id of any kind ('*': every job without a mode of its own). */
	setStorageMode(id: string, mode: StorageMode): void {
		if (mode === 'ok') this.storageModes.delete(id);
		else this.storageModes.set(id, mode);
	}

	/** The mode to serve a job's file with; a truncation is used up once per download. */
	takeStorageMode(id: string): StorageMode {
		const key = this.storageModes.has(id) ? id : '*';
		const mode = this.storageModes.get(key) ?? 'ok';
		if (typeof mode === 'object' && 'truncate' in mode) {
			if (mode.truncate <= 1) this.storageModes.delete(key);
			else this.storageModes.set(key, { truncate: mode.truncate - 1 });
		}
		return mode;
	}

	/** An image job by imageId or legacy task_ id (fake.store.find / findAny for other kinds). */
	findJob(id: string): FakeJob | undefined {
		return this.store.find('image', id);
	}

	/** How long the next job of this kind runs (jobDurationMsByKind, else jobDurationMs). */
	nextJobDuration(kind: KindName = 'image'): number {
		const duration = this.jobDurationMsByKind[kind] ?? this.jobDurationMs;
		return typeof duration === 'function' ? duration() : duration;
	}

	/** One file of a job of any kind ('result': the image, video or audio; 'art': a track's album art). */
	resultFile(id: string, role: ResultFile['role'] = 'result'): FileSpec | undefined {
		const found = this.store.findAny(id);
		return found && resultFile(found.kind, found.job, role);
	}

	/** Exactly the bytes storage serves for that file when healthy (whole in memory: small files only). */
	resultBytes(id: string, role: ResultFile['role'] = 'result'): Buffer {
		const file = this.resultFile(id, role);
		if (!file) throw new Error(`fake-rawugc: no ${role} file for ${id}`);
		return fileBytes(file);
	}

	/** Size, sha256 and content type of that file, read in chunks (fine for 150 MB). */
	resultDigest(id: string, role: ResultFile['role'] = 'result'): { size: number; sha256: string; contentType: string } | undefined {
		const file = this.resultFile(id, role);
		return file && fileDigest(file);
	}

	stats(): FakeStats {
		const byRoute: Record<string, number> = {};
		const byStatus: Record<string, number> = {};
		let apiCalls = 0;
		for (const request of this.requests) {
			const label = request.origin === 'api' ? routeLabel(request.method, request.path) : `storage ${request.method} ${request.path.replace(/\/[^/]+$/, '/{file}')}`;
			byRoute[label] = (byRoute[label] ?? 0) + 1;
			if (request.origin === 'api') {
				apiCalls++;
				byStatus[request.status] = (byStatus[request.status] ?? 0) + 1;
			}
		}
		return {
			apiCalls,
			rateLimited: this.rateLimited,
			byRoute,
			byStatus,
			storageCalls: this.requests.length - apiCalls,
			jobs: this.store.size,
			jobsByKind: Object.fromEntries(KIND_NAMES.map((kind) => [kind, this.store.byKind[kind].size])) as Record<KindName, number>,
			balance: this.balance,
		};
	}

	/** Clears recorded requests, counters, the rate-limit window, queued faults and storage modes. */
	reset(options: { jobs?: boolean; uploads?: boolean; balance?: number } = {}): void {
		this.requests.length = 0;
		this.rateLimited = 0;
		this.window.clear();
		this.faults.length = 0;
		this.storageModes.clear();
		if (options.jobs) {
			this.store.clear();
			this.social.clear();
			this.library.clear();
			this.research.clear();
		}
		if (options.uploads) this.uploads.length = 0;
		if (options.balance !== undefined) this.balance = options.balance;
	}

	async stop(): Promise<void> {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		const closing = this.servers.map(
			(server) => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
		);
		for (const socket of this.sockets) socket.destroy();
		for (const server of this.servers) server.closeAllConnections();
		await Promise.all(closing);
	}

	private makeServer(origin: 'api' | 'storage'): Server {
		const server = createServer((req, res) => {
			this.onRequest(origin, req, res).catch((error) => {
				if (!res.headersSent && !res.destroyed) {
					res.writeHead(500, { 'Content-Type': 'text/plain' });
					res.end(`fake-rawugc: ${(error as Error).message}`);
				} else res.destroy();
			});
		});
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		this.servers.push(server);
		return server;
	}

	private takeFault(origin: 'api' | 'storage', method: string, path: string): Fault | undefined {
		const index = this.faults.findIndex((queued) => matches(queued.match, origin, method, path));
		if (index < 0) return undefined;
		const queued = this.faults[index];
		if (--queued.remaining <= 0) this.faults.splice(index, 1);
		return queued.fault;
	}

	private async onRequest(origin: 'api' | 'storage', req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = (req.method ?? 'GET').toUpperCase();
		const query = Object.fromEntries(url.searchParams);
		const cap = this.maxUploadBytes + BODY_OVERHEAD;
		if (origin === 'api' && url.pathname.startsWith(CONTROL_PREFIX)) {
			const { body } = await readBody(req, cap);
			return writeAnswer(res, handleControl(this, method, url.pathname, query, body), false);
		}
		const record: RecordedRequest = {
			origin,
			method,
			path: url.pathname,
			query,
			headers: headerRecord(req),
			body: Buffer.alloc(0),
			at: Date.now(),
			status: 0,
		};
		this.requests.push(record);
		const { body, size } = await readBody(req, cap);
		record.body = body;

		const fault = this.takeFault(origin, method, url.pathname);
		if (fault && 'kind' in fault && fault.kind === 'reset') return void req.socket.destroy();
		let answer: Answer;
		if (fault && 'kind' in fault && fault.kind === 'redirect') answer = redirectAnswer(fault.location, fault.status);
		else if (fault && 'status' in fault) answer = this.faultAnswer(origin, record, fault);
		else answer = origin === 'api' ? handleApi(this, { record, bodySize: size }) : handleStorage(this, record);

		if (fault && 'kind' in fault) {
			if (fault.kind === 'acceptThenReset') {
				if (fault.afterMs) await this.sleep(fault.afterMs);
				return void req.socket.destroy();
			}
			if (fault.kind === 'acceptThen500') {
				const headers = { ...answer.headers };
				delete headers['Content-Type'];
				delete headers['Content-Length'];
				answer = problemAnswer(problem(500, 'internal_error', 'An internal error occurred.', record.path), headers);
			}
			if (fault.kind === 'delay') {
				await this.sleep(fault.ms);
				if (res.destroyed) return;
			}
		}
		record.status = answer.status;
		if (origin === 'api' && answer.status === 429) this.rateLimited++;
		await writeAnswer(res, answer, method === 'HEAD');
	}

	/** Waits `ms` on a timer that stop() clears. */
	private async sleep(ms: number): Promise<void> {
		await new Promise<void>((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	/** A problem answer injected by failNext: counts nothing, changes nothing. */
	private faultAnswer(origin: 'api' | 'storage', record: RecordedRequest, fault: ProblemFault): Answer {
		const type = fault.type ?? typeForStatus(fault.status);
		const body = problem(fault.status, type, fault.detail ?? `Injected ${fault.status}.`, record.path, {
			title: fault.title,
			errors: fault.errors,
		});
		if (origin === 'storage') return problemAnswer(body);
		const token = (record.headers.authorization ?? '').replace(/^Bearer\s*/i, '').trim();
		const requested = this.ignoreVersionHeader ? undefined : (record.headers['rawugc-version'] as ApiVersion | undefined);
		const version = requested ?? this.pinnedVersion;
		return problemAnswer(body, { ...this.window.peek(token || 'anonymous'), 'RawUGC-Version': version });
	}
}
