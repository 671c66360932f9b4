import type { BatchPlan, BatchSteps } from '../../jobs/batch';
import { finishJob } from '../../jobs/finish';
import type { JobOptions } from '../../helpers/parameters';
import { POST } from '../../kinds/post';

/** What Create and Publish know of an item once its post exists. */
export interface PostPlan extends BatchPlan {
	wait: boolean;
	options: JobOptions;
}

/**
 * Create's and Publish's last step: wait (when asked) until the post is published or failed,
 * on the jobs' watcher; a failure or time-out is an error that carries the postId.
 */
export const waitForPost: BatchSteps<PostPlan>['finish'] = async (ctx, watcher, downloads, post, planned, itemIndex, deadlineMs) =>
	await finishJob(ctx, POST, watcher, downloads, post, {
		itemIndex,
		wait: planned.wait,
		options: planned.options,
		estimate: watcher.estimate(undefined),
		deadlineMs,
	});
