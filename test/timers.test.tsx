/**
 * A waiting execution must leave no timer behind: an abandoned sleep would keep the run's
 * context alive for up to Max Wait Time after it ended (and keep jest from exiting).
 * In a file of its own, so timers other tests leave running cannot end mid-measurement.
 */
import { withFake } from './support/fake';
import { generateParameters } from './support/parameters';
import { generateBodies } from './support/requests';
import { runNode } from './support/run';

const handle = withFake();
const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

// Something outside the node (the test process, the fake) keeps a timer that comes and goes about
// once a second, so one reading can be off by one: take the lowest of readings over 1.5 s. A timer
// the node leaves behind lasts up to Max Wait Time (600 s here), so it shows in every reading.
async function lastingTimers(): Promise<number> {
	let lowest = Infinity;
	for (let reading = 0; reading < 15; reading++) {
		lowest = Math.min(lowest, timers());
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return lowest;
}

it('no timer of the node is left running after a waiting execution', async () => {
	// A first run sets up what the engine keeps for the whole process; the second is measured.
	await runNode(handle, { parameters: generateParameters({ options: { download: false } }) });
	const before = await lastingTimers();
	const result = await runNode(handle, { parameters: generateParameters({ options: { download: false } }) });

	expect(result.error).toBeUndefined();
	expect(generateBodies(handle.fake)).toHaveLength(2); // the warm-up's and the measured run's
	expect(await lastingTimers()).toBe(before);
});
