/**
 * RawUGC Trigger (Job Finished): the guards a mutation audit found no test for. Each test here
 * failed once with its guard changed (the commit names the change). Through n8n-core's
 * PollContext (test/engine/pollTrigger.tsx) against the fake on real sockets; list pages are
 * made small so a few jobs fill several.
 */
import type { INodeParameters } from 'n8n-workflow';

import { activateRawUgcTrigger } from './engine/runRawUgcTrigger';
import { withFake, type FakeHandle } from './support/fake';
import { finish, submitImages } from './support/jobs';
import { createdAgo, finishedAgo, firedIds, MINUTE } from './support/triggerJobs';

const HOUR = 60 * MINUTE;

function activate(handle: FakeHandle, parameters: INodeParameters = {}) {
	return activateRawUgcTrigger({
		parameters: { event: 'jobFinished', kinds: ['image'], statuses: ['completed'], options: { download: false }, ...parameters },
		credentials: handle.credentials(),
	});
}

describe('RawUGC Trigger: order of the items', () => {
	const handle = withFake({ jobDurationMs: HOUR });

	it('items come in the order the jobs finished, not the order they were made', async () => {
		const trigger = activate(handle);
		await trigger.poll();
		const [a, b, c] = await submitImages(handle, 3);
		[a, b, c].forEach((id, n) => createdAgo(handle, id, 50_000 - n * 5_000));
		finishedAgo(handle, c, 30_000);
		finishedAgo(handle, a, 20_000);
		finishedAgo(handle, b, 10_000);

		const fired = await trigger.poll();

		expect(fired.items.map((item) => item.json.imageId)).toEqual([c, a, b]);
	});
});

describe('RawUGC Trigger: activation', () => {
	const handle = withFake({ jobDurationMs: HOUR });

	it("a workflow created active (mode 'create') with static data from before starts afresh, like an activation", async () => {
		const trigger = activate(handle);
		await trigger.poll();
		const [id] = await submitImages(handle, 1);
		finish(handle, id);

		const created = trigger.reactivate('create');
		expect((await created.poll()).emitted).toBe(false);
		const [later] = await submitImages(handle, 1);
		finish(handle, later);
		expect(firedIds((await created.poll()).items)).toEqual([later]);
	});
});
