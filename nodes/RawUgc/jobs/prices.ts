import type { Job, JobKind } from '../kinds/kind';

/**
 * Prices learned in this process from what the API charged, for kinds whose prices are not
 * published (videos): from a submit's `creditsUsed`, and from the jobs a list look shows (so a
 * new worker of a queue knows the prices its peers paid). Kept per API key (by the key's hash:
 * accounts may pay differently), kind, and a price key the operation gives (the model, and the
 * settings that may change the price).
 */
const MAX_PRICES = 100;
const prices = new Map<string, number>();

/** What prices are kept under: a kind of job, or another paid call. */
export type PricedKind = Pick<JobKind, 'noun'> & { name: string };

const keyOf = (kind: PricedKind, keyId: string, priceKey: string) => `${keyId}\u0000${kind.name}\u0000${priceKey}`;

export function knownPrice(kind: PricedKind, keyId: string, priceKey: string): number | undefined {
	return prices.get(keyOf(kind, keyId, priceKey));
}

/** What a submitted job cost, if its answer said. */
export function creditsOf(job: Job | undefined): number | undefined {
	const credits = Number(job?.creditsUsed);
	return job?.creditsUsed !== undefined && job.creditsUsed !== null && Number.isFinite(credits) && credits >= 0 ? credits : undefined;
}

function remember(key: string, credits: number): void {
	prices.delete(key);
	prices.set(key, credits);
	if (prices.size > MAX_PRICES) prices.delete(prices.keys().next().value as string);
}

/** Keeps the latest price a submit was charged; the oldest entry goes when the table is full. */
export function learnPrice(kind: PricedKind, keyId: string, priceKey: string, job: Job | undefined): void {
	const credits = creditsOf(job);
	if (credits !== undefined) remember(keyOf(kind, keyId, priceKey), credits);
}

/**
 * Learns the prices of listed jobs whose entry names its price key (see `JobKind.listedPriceKey`)
 * and a charge above zero (a refund or a free job tells no price). A list may show old charges
 * beside new ones, so it only ever raises a price: the highest it shows for a key, or the price
 * known, whichever is more; Max Credits then errs on the side of refusing.
 */
export function learnListedPrices(kind: JobKind, keyId: string, jobs: readonly Job[]): void {
	if (!kind.listedPriceKey) return;
	const highest = new Map<string, number>();
	for (const job of jobs) {
		const priceKey = kind.listedPriceKey(job);
		const credits = creditsOf(job);
		if (priceKey === undefined || !credits) continue;
		const key = keyOf(kind, keyId, priceKey);
		highest.set(key, Math.max(highest.get(key) ?? 0, credits));
	}
	for (const [key, credits] of highest) remember(key, Math.max(prices.get(key) ?? 0, credits));
}

/** For tests: forget every learned price. */
export function forgetPrices(): void {
	prices.clear();
}
