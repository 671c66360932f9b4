import type { Job, JobKind } from '../kinds/kind';

/**
 * Prices learned in this process from what the API charged (`creditsUsed` of a submit), for
 * kinds whose prices are not published (videos). Keyed by kind and a price key the operation
 * gives (the model, and the settings that may change the price).
 */
const MAX_PRICES = 100;
const prices = new Map<string, number>();

/** What prices are kept under: a kind of job, or another paid call. */
export type PricedKind = Pick<JobKind, 'noun'> & { name: string };

const keyOf = (kind: PricedKind, priceKey: string) => `${kind.name}\u0000${priceKey}`;

export function knownPrice(kind: PricedKind, priceKey: string): number | undefined {
	return prices.get(keyOf(kind, priceKey));
}

/** What a submitted job cost, if its answer said. */
export function creditsOf(job: Job | undefined): number | undefined {
	const credits = Number(job?.creditsUsed);
	return job?.creditsUsed !== undefined && job.creditsUsed !== null && Number.isFinite(credits) && credits >= 0 ? credits : undefined;
}

/** Keeps the latest price; the oldest entry goes when the table is full. */
export function learnPrice(kind: PricedKind, priceKey: string, job: Job | undefined): void {
	const credits = creditsOf(job);
	if (credits === undefined) return;
	const key = keyOf(kind, priceKey);
	prices.delete(key);
	prices.set(key, credits);
	if (prices.size > MAX_PRICES) prices.delete(prices.keys().next().value as string);
}

/** For tests: forget every learned price. */
export function forgetPrices(): void {
	prices.clear();
}
