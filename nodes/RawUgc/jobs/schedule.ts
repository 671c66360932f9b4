/**
 * When to look at a job again. The first look comes when the API's own estimate says the job
 * may be done; after that the gaps grow, as RawUGC's guidance advises (10 to 30 s, backing off).
 */

export interface Estimate {
	minMs: number;
	maxMs: number;
}

const UNIT_MS: Record<string, number> = { second: 1_000, minute: 60_000, hour: 3_600_000 };
const DEFAULT_ESTIMATE: Estimate = { minMs: 10_000, maxMs: 30_000 };
const MIN_FIRST_LOOK_MS = 1_000;
const MIN_GAP_MS = 2_000;
const MAX_GAP_MS = 30_000;
const GAP_GROWTH = 1.5;

// The API's latest estimate in this process: a job known only from a list or a Get carries none,
// and the latest one says more about it than a fixed default. Only an optimisation of timing.
let latestEstimate: Estimate | undefined;

/**
 * Reads the API's human estimate: "10-30 seconds", "about 1 minute", "1–2 minutes". Without
 * one, the latest estimate seen, else RawUGC's guidance of 10 to 30 s.
 */
export function parseEstimate(text: unknown): Estimate {
	const match = /(\d+(?:\.\d+)?)\s*(?:[-–to]+\s*(\d+(?:\.\d+)?))?\s*(second|sec|s\b|minute|min|m\b|hour|h\b)/i.exec(
		String(text ?? ''),
	);
	if (!match) return latestEstimate ?? DEFAULT_ESTIMATE;
	const unitWord = match[3].toLowerCase();
	const unit = unitWord.startsWith('h') ? 'hour' : unitWord.startsWith('m') ? 'minute' : 'second';
	const low = Number(match[1]) * UNIT_MS[unit];
	const high = Number(match[2] ?? match[1]) * UNIT_MS[unit];
	latestEstimate = { minMs: Math.min(low, high), maxMs: Math.max(low, high) };
	return latestEstimate;
}

/** How long after the submit the first look is due. */
export function firstLookAfterMs(estimate: Estimate): number {
	return Math.max(MIN_FIRST_LOOK_MS, estimate.minMs);
}

/** The gap before the first look that finds the job still running. */
export function firstGapMs(estimate: Estimate): number {
	return Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, (estimate.maxMs - estimate.minMs) / 4));
}

export function nextGapMs(gapMs: number): number {
	return Math.min(MAX_GAP_MS, Math.round(gapMs * GAP_GROWTH));
}
