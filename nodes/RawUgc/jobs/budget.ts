import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Job } from '../kinds/kind';
import { creditsOf, knownPrice, learnPrice, type PricedKind } from './prices';

/** What the budget needs to know of an item. */
export interface PricedPlan {
	/** Credits the item will spend, when the price is published. */
	cost?: number;
	/** For unpublished prices: the key its price is learned under (the model and its settings). */
	priceKey?: string;
}

/**
 * Hands the budget what the submit cost; call it once the start settled, job or not.
 * `maybeCharged`: there is no job, but the submit may have made one and been charged.
 */
export type Ticket = (job: Job | undefined, maybeCharged?: boolean) => void;

/**
 * Max Credits, never knowingly passed. Items take their turn in input order. An item whose
 * price is known (published, or learned in this process) is admitted while the credits
 * planned so far plus its price fit the cap, else refused. An item whose price is unknown is
 * submitted alone, if the cap has room left: later items wait for its answer, whose
 * `creditsUsed` counts against the cap and becomes the price for the items after it. When that
 * answer was lost (the item may have been charged, at a price nobody saw), no room is known
 * any more: every later item of unknown price is refused.
 */
export class CreditBudget {
	private committed = 0;
	/** Set once an item had to wait: every later turn then waits in line too. */
	private line: Promise<unknown> | undefined;
	private unanswered: Promise<void> | undefined;
	private stoppedBy: number | undefined;
	/** An item that may have been charged at a price still unknown: no room is known for another such item. */
	private chargedUnknownBy: number | undefined;
	/** Refusals decided at once, before anything was sent. */
	readonly refusedAtOnce = new Map<number, NodeOperationError>();

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly kind: PricedKind,
		private readonly cap: number | undefined,
		private readonly continueOnFail: boolean,
	) {}

	/** The item's turn; call it for every item in input order before awaiting anything. */
	turn(plan: PricedPlan, itemIndex: number): Promise<Ticket> {
		if (!this.line && !this.unanswered) {
			try {
				return Promise.resolve(this.decide(plan, itemIndex));
			} catch (error) {
				this.refusedAtOnce.set(itemIndex, error as NodeOperationError);
				return this.rejected(error);
			}
		}
		const decided = (this.line ?? Promise.resolve()).then(async () => {
			await this.unanswered;
			return this.decide(plan, itemIndex);
		});
		this.line = decided.catch(() => undefined);
		return decided;
	}

	private rejected(error: unknown): Promise<Ticket> {
		const refusal = Promise.reject(error as Error);
		refusal.catch(() => undefined); // read later by the item's start, or never when the run stops at once
		return refusal;
	}

	private decide(plan: PricedPlan, itemIndex: number): Ticket {
		const learn: Ticket = (job) => {
			if (plan.priceKey !== undefined) learnPrice(this.kind, plan.priceKey, job);
		};
		if (this.cap === undefined || (plan.cost === undefined && plan.priceKey === undefined)) return learn;
		if (this.stoppedBy !== undefined) {
			throw this.refusal(itemIndex, `item ${this.stoppedBy} was refused by Max Credits (${this.cap}) and On Error is set to stop`);
		}
		const price = plan.cost ?? knownPrice(this.kind, plan.priceKey as string);
		if (price !== undefined) {
			if (this.committed + price > this.cap) {
				throw this.refusal(itemIndex, `this ${this.kind.noun} (${price} credits) would take the run past Max Credits (${this.cap}; ${this.committed} already planned)`);
			}
			this.committed += price;
			return (job) => {
				learn(job);
				this.committed += (creditsOf(job) ?? price) - price;
			};
		}
		if (this.chargedUnknownBy !== undefined) {
			throw this.refusal(itemIndex, `item ${this.chargedUnknownBy} may have been charged at a price not known, so Max Credits (${this.cap}) has no room known for a ${this.kind.noun} whose price is not known yet`);
		}
		if (this.committed >= this.cap) {
			throw this.refusal(itemIndex, `the price of this ${this.kind.noun} is not known yet and Max Credits (${this.cap}) has no credits left (${this.committed} already planned)`);
		}
		let answered: () => void = () => undefined;
		this.unanswered = new Promise((resolve) => (answered = resolve));
		return (job, maybeCharged) => {
			learn(job);
			const credits = creditsOf(job);
			if (credits === undefined && (job !== undefined || maybeCharged)) this.chargedUnknownBy ??= itemIndex;
			this.committed += credits ?? 0;
			answered();
		};
	}

	private refusal(itemIndex: number, reason: string): NodeOperationError {
		if (!this.continueOnFail) this.stoppedBy ??= itemIndex;
		return new NodeOperationError(this.ctx.getNode(), `Not submitted: ${reason} [item ${itemIndex}]`, {
			itemIndex,
			description: 'Nothing was spent on this item. Raise Options > Max Credits to allow it.',
		});
	}
}
