import type { IDataObject } from 'n8n-workflow';

import { ClaimedIds, Unanswered } from '../helpers/answerClaims';
import { wholeList } from '../helpers/listLimit';
import { settlesBy } from '../helpers/pause';
import { jobCreatedAtMs } from '../kinds/read';
import type { RawUgcApi } from '../transport/api';
import type { SentWindow } from './paidCall';

/**
 * A content plan whose answer was lost is listed by GET /content-plans (its planId, scrapeId,
 * brief and createdAt; never its content): the one for the same scrape and brief, made while the
 * request was on its way, that no other request of this process was answered with.
 */

// The API's clock and ours may differ.
const CLOCK_SLACK_MS = 30_000;

const claimed = new ClaimedIds(1_000);
const unanswered = new Unanswered();

export function claimPlan(answer: IDataObject): void {
	if (typeof answer.planId === 'string') claimed.claim(answer.planId);
}

export function trackPlan(answer: Promise<unknown>): void {
	unanswered.track(answer);
}

export async function findLostPlan(api: RawUgcApi, request: IDataObject, sent: SentWindow, deadlineMs: number): Promise<string | undefined> {
	// Plans of this process still on their way would match too: their answers claim them first.
	if (!(await settlesBy(unanswered.settled(), deadlineMs, api.signal))) return undefined;
	const plans = await wholeList(api, { path: '/content-plans', listField: 'plans', what: 'looking for the content plan', deadlineMs });
	const same = (a: unknown, b: unknown) => String(a ?? '').trim() === String(b ?? '').trim();
	const distance = (plan: IDataObject) => Math.abs((jobCreatedAtMs(plan) ?? sent.sentAt) - sent.sentAt);
	const [found] = plans
		.filter((plan) => {
			const at = jobCreatedAtMs(plan);
			return (
				typeof plan.planId === 'string' &&
				!claimed.has(plan.planId) &&
				same(plan.scrapeId, request.scrapeId) &&
				same(plan.brief, request.brief) &&
				at !== undefined &&
				at >= sent.sentAt - CLOCK_SLACK_MS &&
				at <= sent.lostAt + CLOCK_SLACK_MS
			);
		})
		.sort((a, b) => distance(a) - distance(b));
	if (found) claimed.claim(String(found.planId));
	return found ? String(found.planId) : undefined;
}
