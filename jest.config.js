/** Tests run the node through n8n-core's engine against a fake RawUGC on 127.0.0.1. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.tsx'],
	transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	testTimeout: 60_000,
	// The suite mostly waits on real time (the node's first look at a job comes after 1 s, its
	// retries back off, the pacer spaces requests): in one process it used 15% of a core for 412 s.
	// Jest's default on 2 cores is that one process; 6 files at a time overlap the waits (77 s for
	// 586 tests on 2 shared cores; 124 s with 4).
	maxWorkers: 6,
};
