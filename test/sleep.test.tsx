/**
 * abortableSleep on the n8n-workflow the tests run with (2.x). The e2e run checks it on each host
 * n8n's own n8n-workflow too (test/e2e/host/sleep-check.js), where 1.x needs sleepWithAbort.
 */
import { getEventListeners } from 'node:events';

import { abortableSleep } from '../nodes/RawUgc/helpers/sleep';

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
// Something in the test process keeps a timer that comes and goes, so one reading can be off by
// one: take the lowest of several. The 10-minute sleep's timer, if left, shows in every reading.
async function lastingTimers(): Promise<number> {
	let lowest = Infinity;
	for (let reading = 0; reading < 10; reading++) {
		lowest = Math.min(lowest, timers());
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return lowest;
}
const state = async (promise: Promise<void>) =>
	await Promise.race([
		promise.then(
			() => 'resolved',
			() => 'rejected',
		),
		new Promise((resolve) => setImmediate(() => resolve('pending'))),
	]);

it('ends at once when the signal aborts, and clears its timer', async () => {
	const before = await lastingTimers();
	const cancel = new AbortController();
	const sleeping = abortableSleep(600_000, cancel.signal);
	expect(await state(sleeping)).toBe('pending');
	cancel.abort();
	expect(await state(sleeping)).toBe('rejected');
	expect(await lastingTimers()).toBe(before);
});

it('rejects at once when the signal has already aborted', async () => {
	const cancel = new AbortController();
	cancel.abort();
	expect(await state(abortableSleep(600_000, cancel.signal))).toBe('rejected');
});

it('leaves no listener on the caller\'s signal once it has slept', async () => {
	const execution = new AbortController();
	await abortableSleep(1, execution.signal);
	await abortableSleep(1, execution.signal);
	expect(getEventListeners(execution.signal, 'abort')).toHaveLength(0);
});

it('sleeps without a signal', async () => {
	await expect(abortableSleep(1)).resolves.toBeUndefined();
});
