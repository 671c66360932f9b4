// Run under a host n8n's Node with NODE_PATH at its modules (as n8n loads community nodes):
//   node sleep-check.js <installed package folder>
// Checks the package's abortableSleep on that host's n8n-workflow and prints one JSON line.
'use strict';
const { getEventListeners } = require('node:events');
const { createRequire } = require('node:module');
const path = require('node:path');

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
const state = (promise) =>
	Promise.race([
		promise.then(() => 'resolved', () => 'rejected'),
		new Promise((resolve) => setImmediate(() => resolve('pending'))),
	]);

async function main() {
	const packageDir = process.argv[2];
	const { abortableSleep } = require(path.join(packageDir, 'dist', 'nodes', 'RawUgc', 'helpers', 'sleep.js'));
	// n8n-workflow as the package finds it (its own folder, then NODE_PATH), not as this file would.
	const requireAsPackage = createRequire(path.join(packageDir, 'package.json'));
	const workflow = requireAsPackage('n8n-workflow');
	const workflowVersion = requireAsPackage('n8n-workflow/package.json').version;

	const before = timers();
	const cancel = new AbortController();
	const long = abortableSleep(600_000, cancel.signal);
	const pendingBeforeAbort = await state(long);
	cancel.abort();
	const afterAbort = await state(long);
	const timersLeft = timers() - before;

	const execution = new AbortController();
	await abortableSleep(1, execution.signal);
	const listenersLeft = getEventListeners(execution.signal, 'abort').length;

	console.log(JSON.stringify({
		node: process.version,
		n8nWorkflow: workflowVersion,
		hostHasSleepWithAbort: typeof workflow.sleepWithAbort === 'function',
		pendingBeforeAbort,
		afterAbort,
		timersLeft,
		listenersLeft,
	}));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
