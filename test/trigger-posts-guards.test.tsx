/**
 * RawUGC Trigger, "Social Post Finished", its guards: a new activation fires nothing that went
 * out while the workflow was off, a tick that comes while a poll runs leaves it the work, and
 * the memory stays bounded without firing a post twice.
 */
import type { INodeParameters } from 'n8n-workflow';

import { activateRawUgcTrigger } from './engine/runRawUgcTrigger';
import { withFake } from './support/fake';
import { otherPost, socialRoutes } from './support/social';

const handle = withFake();

function activate(parameters: INodeParameters = {}) {
	return activateRawUgcTrigger({ parameters: { event: 'postFinished', ...parameters }, credentials: handle.credentials() });
}

const firedIds = (items: Array<{ json: Record<string, unknown> }>) => items.map((item) => item.json.postId);
const IN_A_YEAR = Date.now() + 365 * 86_400_000;

describe('Social Post Finished: its guards', () => {
	it('turned off and on again: a post that went out while it was off does not fire; one that goes out after does', async () => {
		const trigger = activate();
		await trigger.poll();
		const whileOff = otherPost(handle.fake, { mode: 'schedule', scheduledFor: IN_A_YEAR, publishAt: IN_A_YEAR });
		await trigger.poll();
		whileOff.publishAt = Date.now() - 1;

		const again = trigger.reactivate();
		const first = await again.poll();
		const after = otherPost(handle.fake, { createdAt: Date.now() + 1 });
		const next = await again.poll();

		expect(first.error).toBeUndefined();
		expect(first.emitted).toBe(false);
		expect(firedIds(next.items)).toEqual([after.postId]);
	});

	it('a tick that comes while a poll runs sends nothing and fires nothing: one list call, the post fired once', async () => {
		const trigger = activate();
		await trigger.poll();
		const post = otherPost(handle.fake, { createdAt: Date.now() + 1 });
		handle.fake.reset();

		const ticks = await Promise.all([trigger.poll(), trigger.poll()]);

		expect(ticks.map((tick) => tick.error)).toEqual([undefined, undefined]);
		expect(ticks.flatMap((tick) => firedIds(tick.items))).toEqual([post.postId]);
		expect(socialRoutes(handle.fake)).toEqual(['GET /social/posts']);
	});

	it('past the 1,000 posts it remembers as dealt with, none fires twice: what it forgets lies below its floor', async () => {
		const trigger = activate();
		await trigger.poll();
		const base = Date.now() + 1;
		const posts = Array.from({ length: 1002 }, (_, n) => otherPost(handle.fake, { createdAt: base + n, content: `Post ${n}` }));

		const fired = await trigger.poll();
		const again = await trigger.poll();

		expect(fired.items).toHaveLength(posts.length);
		expect(again.error).toBeUndefined();
		expect(again.emitted).toBe(false);
	});

	it('posts still scheduled: at most the newest 1,000 are remembered', async () => {
		const base = Date.now();
		const posts = Array.from({ length: 1005 }, (_, n) =>
			otherPost(handle.fake, { mode: 'schedule', scheduledFor: IN_A_YEAR, publishAt: IN_A_YEAR, createdAt: base + n, content: `Post ${n}` }),
		);
		const trigger = activate();

		await trigger.poll();

		const { pending } = trigger.nodeStaticData.postFinished as { pending: Record<string, number> };
		expect(Object.keys(pending).sort()).toEqual(posts.slice(5).map((post) => post.postId).sort());
	});
});
