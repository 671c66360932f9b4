import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { settle } from '../../helpers/settle';
import type { EditOperationName } from '../../kinds/videoEdits';
import type { RawUgcApi } from '../../transport/api';
import type { ErrorContext } from '../../transport/errors';

/**
 * RawUGC's docs disagree on where an edit is sent: the changelog says `/videos/{videoId}/captions`
 * (nested), the agent reference `/videos/captions` with the id in the body (flat). The body
 * always carries `videoId`, so either form gets the same request.
 */
export type EditPathForm = 'nested' | 'flat';

const FORMS: readonly EditPathForm[] = ['nested', 'flat'];

/** Per base URL: the form that API last answered. Only the order of tries; never a reason to skip one. */
const answeredForm = new Map<string, EditPathForm>();
/** Per base URL: the edit finding out which form answers; the others wait for it instead of probing too. */
const learning = new Map<string, Promise<unknown>>();

export function editPath(form: EditPathForm, videoId: string, operation: EditOperationName): string {
	return form === 'nested' ? `/videos/${encodeURIComponent(videoId)}/${operation}` : `/videos/${operation}`;
}

const httpCode = (error: unknown): string => (error instanceof NodeApiError ? String(error.httpCode ?? '') : '');

/** 404 or 405: nothing is there (the video itself is known to exist), so nothing was done or charged. */
const isNoSuchPath = (error: unknown): boolean => ['404', '405'].includes(httpCode(error));

/** Answers only the route itself gives (not the auth or rate-limit layers in front of it). */
const provesPath = (error: unknown): boolean => ['400', '402', '409', '422'].includes(httpCode(error));

export interface EditCall {
	node: INode;
	videoId: string;
	operation: EditOperationName;
	body: Record<string, unknown>;
	context: ErrorContext;
	deadlineMs: number;
	/** As the POST leaves (after the wait for the rate limit). */
	onSent: () => void;
}

/**
 * Sends one edit. The form this API answered before goes first; only a 404/405 (no such path:
 * nothing done, nothing charged) moves on to the other form. Any other answer, or a lost one, ends
 * it: an edit is never sent again blindly. While no form is known, one edit at a time finds out.
 */
export async function sendEdit(api: RawUgcApi, call: EditCall): Promise<unknown> {
	for (;;) {
		if (answeredForm.has(api.baseUrl)) return await tryForms(api, call);
		const other = learning.get(api.baseUrl);
		if (!other) break;
		await other.catch(() => undefined);
	}
	const attempt = tryForms(api, call);
	learning.set(api.baseUrl, attempt);
	try {
		return await attempt;
	} finally {
		learning.delete(api.baseUrl);
	}
}

async function tryForms(api: RawUgcApi, call: EditCall): Promise<unknown> {
	const first = answeredForm.get(api.baseUrl) ?? FORMS[0];
	const order = [first, ...FORMS.filter((form) => form !== first)];
	for (const form of order) {
		const sent = await settle(
			api.request({
				method: 'POST',
				path: editPath(form, call.videoId, call.operation),
				body: call.body as never,
				what: `adding ${call.operation} to the video`,
				context: call.context,
				deadlineMs: call.deadlineMs,
				onSent: call.onSent,
			}),
		);
		if (sent.ok || provesPath(sent.error)) answeredForm.set(api.baseUrl, form);
		if (sent.ok) return sent.value;
		if (!isNoSuchPath(sent.error)) throw sent.error as NodeApiError;
	}
	throw new NodeApiError(
		call.node,
		{ message: 'not found' },
		{
			message: `RawUGC has no edit endpoint for ${call.operation}: both ${order
				.map((form) => `POST ${editPath(form, call.videoId, call.operation)}`)
				.join(' and ')} answered not found (videoId ${call.videoId})`,
			description: `The video ${call.videoId} exists (it was just read), so the API's edit paths must have changed. Nothing was charged.`,
			httpCode: '404',
			itemIndex: call.context.itemIndex,
		},
	);
}
