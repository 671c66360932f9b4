import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CancelledError } from '../helpers/pause';
import { recall, remember, type Asked } from '../helpers/retryMemory';
import { settle } from '../helpers/settle';
import { AmbiguousRequestError, type RawUgcApi } from '../transport/api';

/**
 * A paid call whose answer is the result itself (a scrape, a content plan, an analysis): there
 * is no job to collect later, so a lost answer is lost money. What differs between them is data.
 */
export interface PaidCall {
	/** Its name among prices and remembered tries: `scrape`. */
	name: string;
	/** In messages: "TikTok scrape". */
	noun: string;
	path: string;
	/** Published price, counted against Max Credits. */
	credits: number;
	/** The answer's id, named when another item's failure stops the run: `scrapeId`. */
	idField?: string;
	/** Where the API lets a lost answer be found: the id of what the call made, if it is there. */
	findLost?: (api: RawUgcApi, request: IDataObject, sent: SentWindow, deadlineMs: number) => Promise<string | undefined>;
	/** Said with the id found for a lost answer: why the result itself cannot be given. */
	foundButGone?: string;
	/** Marks an answer as this call's own, so a lost answer alike never takes it. */
	claim?: (answer: IDataObject) => void;
	/** Tracks the call while on its way, so a look for a lost answer alike waits for it. */
	track?: (answer: Promise<unknown>) => void;
}

/** When a call left and when its answer was given up, ms epoch. */
export interface SentWindow {
	sentAt: number;
	lostAt: number;
}

export interface PaidSend {
	itemIndex: number;
	request: IDataObject;
	/** Past it the rate limit is no longer waited out (nothing sent, nothing charged). */
	deadlineMs: number;
	/** How long the answer may take once sent. */
	timeoutMs: number;
}

const asked = (call: PaidCall, { itemIndex, request }: PaidSend): Asked => ({ itemIndex, what: `paid ${call.name}`, request });

/**
 * Sends a paid call at most once per item and run of the node. Under Retry On Fail an item
 * whose call was answered in an earlier try gets that answer again; one whose answer was lost
 * is not sent again. A lost answer (reset, time-out, 5xx, cancel) is looked for where the API
 * allows, else the error says the call may have been charged.
 */
export async function sendPaid(ctx: IExecuteFunctions, api: RawUgcApi, call: PaidCall, send: PaidSend): Promise<IDataObject> {
	const earlier = recall(ctx, asked(call, send));
	if (typeof earlier?.answer === 'string') return JSON.parse(earlier.answer) as IDataObject;
	if (typeof earlier?.lostAt === 'number') {
		const window = { sentAt: earlier.lostAt, lostAt: Date.now() };
		const foundEarlier = typeof earlier.foundId === 'string' ? earlier.foundId : undefined;
		throw await lostError(ctx, api, call, send, window, 'an earlier try of this item was sent and its answer was lost; not sent again', foundEarlier);
	}
	let sentAt: number | undefined;
	const sending = api.request<IDataObject>({
		method: 'POST',
		path: call.path,
		body: send.request,
		what: `the ${call.noun}`,
		context: { itemIndex: send.itemIndex },
		deadlineMs: send.deadlineMs,
		timeoutMs: send.timeoutMs,
		onSent: () => (sentAt = Date.now()),
		onNothingDone: () => (sentAt = undefined),
	});
	call.track?.(sending);
	const sent = await settle(sending);
	if (sent.ok) {
		call.claim?.(sent.value);
		remember(ctx, asked(call, send), { answer: JSON.stringify(sent.value ?? {}) });
		return sent.value ?? {};
	}
	// Never sent (refused, or cancelled while waiting for the rate limit, also after a 429), or refused
	// by the API (400, 402...): nothing was charged, and the API's own words say why.
	if (sentAt === undefined) throw sent.error as NodeApiError;
	const cancelled = sent.error instanceof CancelledError;
	if (!cancelled && !(sent.error instanceof AmbiguousRequestError)) throw sent.error as NodeApiError;
	remember(ctx, asked(call, send), { lostAt: sentAt });
	const window = { sentAt, lostAt: Date.now() };
	if (cancelled) {
		throw maybeCharged(ctx, call, send.itemIndex, 'the execution was cancelled while RawUGC worked on it');
	}
	throw await lostError(ctx, api, call, send, window, `RawUGC's answer was lost (${(sent.error as Error).message})`);
}

/** `foundEarlier`: the id an earlier try found (a look now would not: that try claimed it). */
async function lostError(ctx: IExecuteFunctions, api: RawUgcApi, call: PaidCall, send: PaidSend, window: SentWindow, why: string, foundEarlier?: string) {
	const looked = foundEarlier === undefined && call.findLost ? await settle(call.findLost(api, send.request, window, send.deadlineMs)) : undefined;
	const found = foundEarlier ?? (looked?.ok ? looked.value : undefined);
	if (found && call.idField) {
		remember(ctx, asked(call, send), { lostAt: window.sentAt, foundId: found });
		const error = new NodeOperationError(
			ctx.getNode(),
			`The ${call.noun} was made and charged (${call.idField} ${found}), but ${why} [item ${send.itemIndex}]`,
			{ itemIndex: send.itemIndex, description: call.foundButGone },
		);
		error.context[call.idField] = found;
		error.context.jobIdField = call.idField;
		return error;
	}
	return maybeCharged(ctx, call, send.itemIndex, why);
}

function maybeCharged(ctx: IExecuteFunctions, call: PaidCall, itemIndex: number, why: string): NodeOperationError {
	const error = new NodeOperationError(ctx.getNode(), `The ${call.noun} may have been charged (${call.credits} credit${call.credits === 1 ? '' : 's'}), but ${why} [item ${itemIndex}]`, {
		itemIndex,
		description: `RawUGC cannot give a ${call.noun}'s result again, and it was not sent again so it is not paid for twice. Run this item again only if paying again is fine.`,
	});
	error.context.maybeCharged = true;
	return error;
}
