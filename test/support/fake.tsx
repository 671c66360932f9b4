/** One fake RawUGC per test file (or per test), started and stopped by jest hooks. */
import { FakeRawUgc, type FakeRawUgcOptions } from '../fake-rawugc';

/** Fast and loose: jobs finish at once, the first look comes after 1 s, no rate limiting. */
export const FAST_FAKE: FakeRawUgcOptions = {
	jobDurationMs: 30,
	estimatedCompletionTime: '1 second',
	rateLimit: { limit: 10_000, windowMs: 60_000 },
};

/** The fake's starting balance when none is given. */
const DEFAULT_BALANCE = 1000;

export interface FakeHandle {
	/** The running fake (read it inside tests and hooks, not at module level). */
	readonly fake: FakeRawUgc;
	/** The stored credential that points the node at this fake. */
	credentials(apiKey?: string): { apiKey: string; baseUrl: string };
}

/**
 * Starts a fake before the tests and stops it after them. `perTest` gives each test a fresh
 * fake (for tests that change its settings); otherwise recorded requests, faults and jobs are
 * cleared before each test, so every test sees only its own requests.
 */
export function withFake(options: FakeRawUgcOptions = {}, { perTest = false } = {}): FakeHandle {
	let current: FakeRawUgc | undefined;
	const start = async () => {
		current = await FakeRawUgc.start({ ...FAST_FAKE, ...options });
	};
	const stop = async () => {
		await current?.stop();
		current = undefined;
	};
	if (perTest) {
		beforeEach(start);
		afterEach(stop);
	} else {
		beforeAll(start);
		afterAll(stop);
		beforeEach(() => current?.reset({ jobs: true, uploads: true, balance: options.balance ?? DEFAULT_BALANCE }));
	}
	return {
		get fake() {
			if (!current) throw new Error('withFake: the fake is not running (use it inside a test)');
			return current;
		},
		credentials(apiKey?: string) {
			const fake = this.fake;
			return { apiKey: apiKey ?? fake.apiKey, baseUrl: fake.baseUrl };
		},
	};
}
