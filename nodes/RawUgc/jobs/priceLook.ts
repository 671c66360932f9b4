import type { JobKind } from '../kinds/kind';
import { readJobPage } from '../kinds/read';
import { throwIfCancelled } from '../helpers/pause';
import { settle } from '../helpers/settle';
import type { RawUgcApi } from '../transport/api';
import type { PricedPlan } from './budget';
import { knownPrice, learnListedPrices } from './prices';

// One page of the newest jobs: what this key's other workers (or runs) paid lately.
const LOOK_SIZE = 100;

/**
 * Before Max Credits meets a price this process never learned, one look at the list of the
 * key's jobs teaches the prices they were charged: a worker new to a queue then checks its
 * items against the cap at once, instead of sending its first video alone to find out. A look
 * that fails only leaves the price unknown (the first such item then goes alone).
 */
export async function lookUpPrices(api: RawUgcApi, kind: JobKind, plans: Array<PricedPlan | undefined>, cap: number | undefined, deadlineMs: number): Promise<void> {
	if (!kind.listedPriceKey || cap === undefined || cap <= 0) return;
	const unknown = plans.some((plan) => plan?.cost === undefined && plan?.priceKey !== undefined && knownPrice(kind, api.keyId, plan.priceKey) === undefined);
	if (!unknown) return;
	const look = async () => {
		const body = await api.request({ method: 'GET', path: kind.path, qs: { limit: LOOK_SIZE }, what: `looking up what ${kind.noun}s cost`, deadlineMs });
		return readJobPage(kind, body).entries;
	};
	const looked = await settle(look());
	throwIfCancelled(api.signal);
	if (looked.ok) learnListedPrices(kind, api.keyId, looked.value);
}
