import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Limiter } from '../helpers/limiter';
import { errorItem } from '../helpers/output';
import { settle } from '../helpers/settle';
import { CreditBudget, type Ticket } from '../jobs/budget';
import { RawUgcApi } from '../transport/api';
import { sendPaid, type PaidCall } from './paidCall';

/** What an operation reads from one item, checked, before anything is sent. */
export interface PaidPlan {
	request: IDataObject;
	maxCredits?: number;
	/** How long the answer may take once sent, and the rate-limit wait before it, ms. */
	waitMs: number;
	/** Work before the call that needs the API (uploads): gives the final request. */
	prepare?: (api: RawUgcApi, deadlineMs: number) => Promise<IDataObject>;
}

// Paid calls of one run at once: they take long, and a stopped run should not pay for many more.
const PARALLEL_CALLS = 2;

type Outcome = { answer: IDataObject } | { error: unknown } | undefined;

/**
 * Runs a paid call for each item: every item checked and admitted by Max Credits before any
 * request, then each sent once (see paidCall.ts). Output keeps input order and pairing. With
 * "Continue" a failed item becomes an error item; else the run stops sending, and the first
 * failure (in input order) is thrown naming the items already answered and charged.
 */
export async function runPaidItems(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	call: PaidCall,
	plan: (itemIndex: number) => PaidPlan | Promise<PaidPlan>,
): Promise<INodeExecutionData[]> {
	const continueOnFail = ctx.continueOnFail();
	const outcomes: Outcome[] = new Array(items.length);
	const plans: Array<PaidPlan | undefined> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const planned = await settle(Promise.resolve().then(async () => await plan(itemIndex)));
		if (!planned.ok && !continueOnFail) throw planned.error as NodeOperationError;
		if (!planned.ok) outcomes[itemIndex] = { error: planned.error };
		plans.push(planned.ok ? planned.value : undefined);
	}
	// The cap is the execution's, so the first item's value sets it.
	const budget = new CreditBudget(ctx, call, plans.find(Boolean)?.maxCredits, continueOnFail);
	const turns = plans.map((planned, itemIndex) => (planned ? budget.turn({ cost: call.credits }, itemIndex) : undefined));
	const refused = [...budget.refusedAtOnce.values()];
	if (refused.length > 0 && !continueOnFail) throw refused[0];

	const api = await RawUgcApi.connect(ctx);
	const calls = new Limiter(PARALLEL_CALLS);
	let stopped = false;
	await Promise.all(
		plans.map(async (planned, itemIndex) => {
			if (!planned) return;
			let paid: Ticket | undefined;
			try {
				paid = await turns[itemIndex];
				const answer = await calls.run(async () => {
					if (stopped) return undefined;
					const startedAt = Date.now();
					const deadlineMs = startedAt + planned.waitMs;
					try {
						const request = planned.prepare ? await planned.prepare(api, deadlineMs) : planned.request;
						return await sendPaid(ctx, api, call, { itemIndex, request, deadlineMs, timeoutMs: planned.waitMs });
					} catch (error) {
						// Before the next item takes this turn: a run that stops sends no more.
						stopped ||= !continueOnFail;
						throw error as NodeApiError;
					}
				});
				if (answer) outcomes[itemIndex] = { answer };
			} catch (error) {
				outcomes[itemIndex] = { error };
				stopped ||= !continueOnFail;
			} finally {
				paid?.(undefined);
			}
		}),
	);
	return collect(outcomes, call, continueOnFail);
}

function collect(outcomes: Outcome[], call: PaidCall, continueOnFail: boolean): INodeExecutionData[] {
	const firstFailure = outcomes.findIndex((outcome) => outcome !== undefined && 'error' in outcome);
	if (firstFailure >= 0 && !continueOnFail) {
		const error = (outcomes[firstFailure] as { error: unknown }).error as NodeApiError | NodeOperationError;
		const answered = outcomes
			.map((outcome, index) => {
				if (!outcome || !('answer' in outcome)) return '';
				const id = call.idField ? outcome.answer[call.idField] : undefined;
				return `item ${index}${id ? ` (${call.idField} ${String(id)})` : ''}`;
			})
			.filter(Boolean);
		if (answered.length > 0 && (error instanceof NodeApiError || error instanceof NodeOperationError)) {
			const note = `These items were answered and charged; their results are not output because the run stopped: ${answered.join(', ')}. Retry On Fail gives them again without paying.`;
			error.description = [error.description, note].filter(Boolean).join('\n');
		}
		throw error;
	}
	return outcomes.map((outcome, itemIndex) =>
		outcome && 'answer' in outcome ? { json: outcome.answer, pairedItem: { item: itemIndex } } : errorItem(outcome?.error, itemIndex),
	);
}
