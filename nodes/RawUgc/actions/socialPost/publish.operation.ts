import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readBoolean, readJobOptions } from '../../helpers/parameters';
import { recall, remember, type Asked } from '../../helpers/retryMemory';
import { settle } from '../../helpers/settle';
import { runBatch, type BatchSteps } from '../../jobs/batch';
import type { Job } from '../../kinds/kind';
import { POST, SOCIAL_FORBIDDEN } from '../../kinds/post';
import { jobId, readJob } from '../../kinds/read';
import { AmbiguousRequestError, type RawUgcApi } from '../../transport/api';
import { postIdField, waitFields } from './descriptions';
import { readIdParameter } from './ids';
import { waitForPost, type PostPlan } from './waitForPost';

const properties: INodeProperties[] = [postIdField, ...waitFields({})];

export const description = updateDisplayOptions({ show: { resource: ['socialPost'], operation: ['publish'] } }, properties);

interface PublishPlan extends PostPlan {
	postId: string;
}

const asked = (itemIndex: number, postId: string): Asked => ({ itemIndex, what: 'post publish', request: { postId } });

async function getPost(api: RawUgcApi, postId: string, itemIndex: number, deadlineMs: number): Promise<Job> {
	const body = await api.request({
		method: 'GET',
		path: `${POST.path}/${encodeURIComponent(postId)}`,
		what: 'checking the post',
		context: { itemIndex, job: { idField: POST.idField, id: postId, noun: POST.noun } },
		deadlineMs,
	});
	return readJob(POST, body);
}

/**
 * The post after a publish whose outcome is unknown (`when`: how it came to be unknown): no
 * longer a draft means it went out; still a draft is an error at once, never a wait for a draft.
 */
function wentOut(ctx: IExecuteFunctions, post: Job, itemIndex: number, when: string): Job {
	if (post.status !== 'draft') return post;
	throw new NodeOperationError(ctx.getNode(), `${when} and the post is still a draft; not sent again [item ${itemIndex}]`, {
		itemIndex,
		description: `Check it with Social Post > Get (postId ${jobId(POST, post)}) before publishing it again.`,
	});
}

/**
 * Publishes a draft once. The publish is never sent again: not by a retry (Retry On Fail looks
 * at the post instead), and not after a lost answer (the post is looked at: no longer a draft
 * means it went out).
 */
async function publishOnce(ctx: IExecuteFunctions, api: RawUgcApi, postId: string, itemIndex: number, deadlineMs: number): Promise<Job> {
	if (recall(ctx, asked(itemIndex, postId))) {
		return wentOut(ctx, await getPost(api, postId, itemIndex, deadlineMs), itemIndex, 'The publish was sent on an earlier try');
	}
	const sent = await settle(
		api.request({
			method: 'POST',
			path: `${POST.path}/${encodeURIComponent(postId)}/publish`,
			what: 'publishing the post',
			context: { itemIndex, job: { idField: POST.idField, id: postId, noun: POST.noun }, forbidden: SOCIAL_FORBIDDEN },
			deadlineMs,
		}),
	);
	if (sent.ok) {
		remember(ctx, asked(itemIndex, postId), { postId });
		return readJob(POST, { postId, ...(sent.value as object) });
	}
	if (!(sent.error instanceof AmbiguousRequestError)) throw sent.error;
	remember(ctx, asked(itemIndex, postId), { postId });
	return wentOut(ctx, await getPost(api, postId, itemIndex, deadlineMs), itemIndex, "RawUGC's answer to the publish was lost");
}

const steps: BatchSteps<PublishPlan> = {
	plan: (ctx, itemIndex) => ({
		postId: readIdParameter(ctx, itemIndex, 'postId'),
		wait: readBoolean(ctx, itemIndex, 'waitForCompletion', true),
		options: { ...readJobOptions(ctx, itemIndex, POST.defaultMaxWaitS), download: false },
	}),
	start: async (ctx, api, planned, itemIndex, deadlineMs) => await publishOnce(ctx, api, planned.postId, itemIndex, deadlineMs),
	finish: waitForPost,
};

/** Publishes drafts now; waits until each is published or failed, as Create does for `now`. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runBatch(this, items, POST, steps);
}
