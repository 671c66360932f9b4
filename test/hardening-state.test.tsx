/**
 * What the node keeps for the whole process stays bounded and per key: the pacer of a key no
 * longer used is dropped once it knows nothing a new one would not (unused for a while, its
 * window passed), and the API's latest estimate (the timing of a job known without one) is one
 * key's, never another key's.
 */
import { FakeRawUgc } from './fake-rawugc';
import { knownPacerIds, pacerId, pacerLimits } from '../nodes/RawUgc/transport/pacer';
import { FAST_FAKE, type FakeHandle } from './support/fake';
import { generateParameters } from './support/parameters';
import { runNode } from './support/run';
import { pauseMs } from './support/wait';

const handleOf = (fake: FakeRawUgc): FakeHandle => ({ fake, credentials: () => ({ apiKey: fake.apiKey, baseUrl: fake.baseUrl }) });
const started: FakeRawUgc[] = [];
async function startFake(options = {}): Promise<FakeRawUgc> {
	const fake = await FakeRawUgc.start({ ...FAST_FAKE, ...options });
	started.push(fake);
	return fake;
}
afterEach(async () => {
	for (const fake of started.splice(0)) await fake.stop();
});

describe('pacers', () => {
	const idleBefore = pacerLimits.idleMs;
	afterAll(() => (pacerLimits.idleMs = idleBefore));

	it('the pacer of a key no longer used is dropped once its window has passed', async () => {
		pacerLimits.idleMs = 1_000; // instead of minutes
		// A 1 s window: the reset its answers name is at most 2 s away.
		const first = await startFake({ rateLimit: { limit: 100, windowMs: 1_000 } });
		const done = await runNode(handleOf(first), { parameters: generateParameters() });
		expect(done.error).toBeUndefined();
		expect(knownPacerIds()).toContain(pacerId(first.apiKey, first.baseUrl));
		await pauseMs(2_500);

		const second = await startFake();
		const again = await runNode(handleOf(second), { parameters: generateParameters() });

		expect(again.error).toBeUndefined();
		expect(knownPacerIds()).toContain(pacerId(second.apiKey, second.baseUrl));
		expect(knownPacerIds()).not.toContain(pacerId(first.apiKey, first.baseUrl));
	});
});

describe('the latest estimate', () => {
	it('of one key does not time the looks of another key\'s job', async () => {
		// This key's answers say "1 second"...
		const quick = await startFake({ estimatedCompletionTime: '1 second' });
		expect((await runNode(handleOf(quick), { parameters: generateParameters() })).error).toBeUndefined();
		// ...the other key's job is known from the job list only (its submit's answer was lost), so
		// without an estimate of its own key it is first looked at when the usual 10 s have passed,
		// here capped by Max Wait Time (6 s), and it is done by then: one look. With the other
		// key's "1 second" it would be looked at after 1 s, found running, and looked at again.
		const other = await startFake({ jobDurationMs: 3_000 });
		other.failNext({ method: 'POST', path: '/images/generate' }, { kind: 'acceptThenReset' });

		const result = await runNode(handleOf(other), { parameters: generateParameters({ options: { maxWaitTime: 6 } }) });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.status).toBe('completed');
		const looks = other.apiRequests().filter((request) => /^\/api\/v1\/images\/img_/.test(request.path));
		expect(looks).toHaveLength(1);
	});
});
