// What the rate limit did during the run, from the fake's own request log: 429s met, how the
// requests fell over time, and the least time the accepted requests needed at the limit.
import type { FakeProcess } from '../e2e/lib/fake';

interface ApiRequest {
	method: string;
	path: string;
	query?: Record<string, string>;
	bodyText?: string;
	status: number;
	at: number;
}

/** One run's figures against the rate limit, as the queue test and the share bench report them. */
export interface RunFigures {
	workers: number;
	images: number;
	calls: number;
	rateLimited: number;
	wallMs: number;
	/** Least time the accepted requests need at the limit. */
	boundMs: number;
}

export interface RateReport {
	apiCalls: number;
	accepted: number;
	rateLimited: number;
	byRoute: Record<string, number>;
	/** Least time `accepted` requests take at `limit` per `windowMs`: the first window's worth goes at once. */
	boundMs: number;
	/** Most requests accepted in any sliding window (must not pass the limit). */
	busiestWindow: number;
	/** One line per second of the run: accepted and 429 counts. */
	timeline: string[];
	/** Distinct milliseconds in which the requests after each 429 burst went out (lockstep shows as few). */
	retrySpreadMs: number[];
	/** The API requests of the run, oldest first, ms after the first: for a closer look afterwards. */
	requests: Array<{ ms: number; method: string; path: string; status: number; tag?: string; query?: Record<string, string> }>;
}

export async function rateReport(fake: FakeProcess, limit: number, windowMs: number, startedAt: number): Promise<RateReport> {
	const response = await fetch(new URL('/__fake/requests?origin=api', fake.baseUrl));
	const requests = ((await response.json()) as ApiRequest[]).filter((request) => request.at >= startedAt).sort((a, b) => a.at - b.at);
	const accepted = requests.filter((request) => request.status !== 429);
	const limited = requests.filter((request) => request.status === 429);
	const byRoute: Record<string, number> = {};
	for (const request of requests) {
		const route = `${request.method} ${request.path.replace(/\/img_[^/?]+/, '/{imageId}').replace(/\?.*$/, '')} ${request.status}`;
		byRoute[route] = (byRoute[route] ?? 0) + 1;
	}
	let busiestWindow = 0;
	for (const [index, request] of accepted.entries()) {
		const inWindow = accepted.slice(index).filter((later) => later.at < request.at + windowMs).length;
		busiestWindow = Math.max(busiestWindow, inWindow);
	}
	const timeline: string[] = [];
	const first = requests[0]?.at ?? startedAt;
	const last = requests[requests.length - 1]?.at ?? startedAt;
	for (let second = 0; second <= Math.floor((last - first) / 1000); second++) {
		const inSecond = requests.filter((request) => Math.floor((request.at - first) / 1000) === second);
		if (inSecond.length === 0) continue;
		const ok = inSecond.filter((request) => request.status !== 429).length;
		timeline.push(`+${String(second).padStart(3)} s  ${'#'.repeat(ok)}${'x'.repeat(inSecond.length - ok)}  (${ok} accepted, ${inSecond.length - ok} x 429)`);
	}
	// After each 429, the accepted requests of the next window: how spread out did they go?
	const retrySpreadMs = limited.length === 0 ? [] : spreadAfter429s(requests, windowMs);
	return {
		apiCalls: requests.length,
		accepted: accepted.length,
		rateLimited: limited.length,
		byRoute,
		boundMs: Math.max(0, Math.ceil(accepted.length / limit) - 1) * windowMs,
		busiestWindow,
		timeline,
		retrySpreadMs,
		requests: requests.map((request) => ({
			ms: request.at - first,
			method: request.method,
			path: request.path,
			status: request.status,
			// The execution a submit came from (its prompt repeats the webhook call's tag); a list look's query.
			tag: /^\[([^\]]+)\]/.exec(promptOf(request.bodyText))?.[1],
			query: request.query && Object.keys(request.query).length ? request.query : undefined,
		})),
	};
}

/** For each run of 429s, the time from the first request after it to the last one within a second of it. */
function spreadAfter429s(requests: ApiRequest[], windowMs: number): number[] {
	const spreads: number[] = [];
	for (let index = 0; index < requests.length; index++) {
		if (requests[index].status !== 429) continue;
		let next = index;
		while (next < requests.length && requests[next].status === 429) next++;
		const burst = requests.slice(next).filter((request) => request.status !== 429 && request.at - requests[next].at < Math.min(1000, windowMs));
		if (burst.length > 1) spreads.push(burst[burst.length - 1].at - burst[0].at);
		index = next;
	}
	return spreads;
}

function promptOf(bodyText: string | undefined): string {
	try {
		return String((JSON.parse(bodyText ?? '{}') as { prompt?: unknown }).prompt ?? '');
	} catch {
		return '';
	}
}
