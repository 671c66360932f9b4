/**
 * RawUGC Trigger, event "Social Post Finished": one list call a poll, each post fires once when
 * first seen published or failed after activation (posts finished before it never do; a post
 * scheduled before it does, when it goes out), in the chosen statuses; the test event is the
 * newest such post.
 */
import type { INodeParameters } from 'n8n-workflow';

import { activateRawUgcTrigger, testRawUgcTrigger } from './engine/runRawUgcTrigger';
import { withFake, type FakeHandle } from './support/fake';
import { runNode } from './support/run';
import { postParameters, socialRoutes } from './support/social';

const handle = withFake();
beforeEach(() => {
	handle.fake.social.nowPublishes = 'atOnce';
});

function activate(fakeHandle: FakeHandle, parameters: INodeParameters = {}) {
	return activateRawUgcTrigger({ parameters: { event: 'postFinished', ...parameters }, credentials: fakeHandle.credentials() });
}

async function post(overrides: INodeParameters): Promise<string> {
	// Continue: a post that fails at once is an error item that still carries its postId.
	const made = await runNode(handle, { parameters: postParameters(overrides), continueOnFail: true });
	return made.items[0].json.postId as string;
}

/** The scheduled post goes out now (or fails). */
function goesOut(postId: string, { fail = false } = {}): void {
	const stored = handle.fake.social.posts.get(postId)!;
	stored.publishAt = Date.now() - 1;
	stored.willFail = fail;
}

const scheduled = { mode: 'schedule', scheduledFor: '2027-07-15T09:00', timezone: 'Europe/Berlin' };

describe('Social Post Finished', () => {
	it('the first poll fires nothing; a post scheduled before activation fires once when it goes out; one list call a poll', async () => {
		await post({ mode: 'now', content: 'before' });
		const waiting = await post(scheduled);
		const trigger = activate(handle);
		handle.fake.reset();

		expect((await trigger.poll()).emitted).toBe(false);
		goesOut(waiting);
		const fired = await trigger.poll();
		const again = await trigger.poll();

		expect(fired.error).toBeUndefined();
		expect(fired.items.map((item) => [item.json.postId, item.json.status])).toEqual([[waiting, 'published']]);
		expect(again.emitted).toBe(false);
		expect((await trigger.restart().poll()).emitted).toBe(false);
		expect(socialRoutes(handle.fake)).toEqual(['GET /social/posts', 'GET /social/posts', 'GET /social/posts', 'GET /social/posts']);
		expect(handle.fake.apiRequests()[0].query).toEqual({ includeDrafts: 'false' });
	});

	it('posts made after activation fire once each, oldest first; failed ones too by default', async () => {
		const trigger = activate(handle);
		await trigger.poll();
		const first = await post({ mode: 'now', content: 'one' });
		const second = await post({ mode: 'now', content: 'two [fail]' });
		const draft = await post({ mode: 'draft', content: 'never' });

		const fired = await trigger.poll();

		expect(fired.items.map((item) => [item.json.postId, item.json.status])).toEqual([
			[first, 'published'],
			[second, 'failed'],
		]);
		expect(fired.items.map((item) => item.json.postId)).not.toContain(draft);
		expect((await trigger.poll()).emitted).toBe(false);
	});

	it('only the chosen statuses fire', async () => {
		const trigger = activate(handle, { postStatuses: ['published'] });
		await trigger.poll();
		await post({ mode: 'now', content: 'fails [fail]' });
		const ok = await post({ mode: 'now', content: 'fine' });

		const fired = await trigger.poll();

		expect(fired.items.map((item) => item.json.postId)).toEqual([ok]);
	});

	it('Fetch Test Event: the newest published or failed post, the memory untouched', async () => {
		await post({ mode: 'now', content: 'older' });
		const newest = await post({ mode: 'now', content: 'newest' });
		await post({ mode: 'draft' });

		const result = await testRawUgcTrigger({ parameters: { event: 'postFinished' }, credentials: handle.credentials() });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.postId)).toEqual([newest]);
	});
});
