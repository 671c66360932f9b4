/**
 * When to look at a job again. The first look comes when the API's own estimate says the job
 * may be done; after that the gaps grow, as RawUGC's guidance advises (10 to 30 s, backing off).
 */

import type { JobKind } from '../kinds/kind';

export interface Estimate {
	minMs: number;
	maxMs: number;
}

const UNIT_MS: Record<string, number> = { second: 1_000, minute: 60_000, hour: 3_600_000 };
const MIN_FIRST_LOOK_MS = 1_000;
const MIN_GAP_MS = 2_000;
const MAX_GAP_MS = 30_000;
const GAP_GROWTH = 1.5;

// The API's latest estimate per kind in this process: a job known only from a list or a Get
// carries none, and the latest one says more about it than a fixed default. Only timing.
const latestEstimates = new Map<JobKind['name'], Estimate>();

/** "10-30 seconds", "about 1 minute", "1–2 minutes" as milliseconds, if it says a time. */
function readEstimate(text: unknown): Estimate | undefined {
	const match = /(\d+(?:\.\d+)?)\s*(?:[-–to]+\s*(\d+(?:\.\d+)?))?\s*(second|sec|s\b|minute|min|m\b|hour|h\b)/i.exec(
		String(text ?? ''),
	);
	if (!match) return undefined;
	const unitWord = match[3].toLowerCase();
	const unit = unitWord.startsWith('h') ? 'hour' : unitWord.startsWith('m') ? 'minute' : 'second';
	const low = Number(match[1]) * UNIT_MS[unit];
	const high = Number(match[2] ?? match[1]) * UNIT_MS[unit];
	return { minMs: Math.min(low, high), maxMs: Math.max(low, high) };
}

/**
 * Reads the API's human estimate for a job of this kind. Without one, the latest estimate seen
 * for the kind, else the kind's usual time.
 */
export function parseEstimate(text: unknown, kind: JobKind): Estimate {
	const estimate = readEstimate(text);
	if (estimate) latestEstimates.set(kind.name, estimate);
	return estimate ?? latestEstimates.get(kind.name) ?? (readEstimate(kind.usualEstimate) as Estimate);
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
