// The node runs on the host n8n's own n8n-workflow; this checks the package's abortableSleep there
// (1.x needs sleepWithAbort, 2.x's sleep takes the signal) with test/e2e/host/sleep-check.js.
import path from 'node:path';

import { check, type E2eContext } from '../lib/context';
import { run } from '../lib/process';

export async function checkHostSleep(context: E2eContext, packageDir: string): Promise<void> {
	const { setup } = context;
	const result = await run(setup.nodeBinary, [path.join(context.repo, 'test', 'e2e', 'host', 'sleep-check.js'), packageDir], {
		// Where n8n points community nodes for its own modules.
		env: { ...process.env, NODE_PATH: path.join(setup.n8nDir, 'node_modules') },
		timeoutMs: 30_000,
	});
	check(result.code === 0, `sleep check exited with ${result.code}`, `${result.stdout}\n${result.stderr}`);
	const seen = JSON.parse(result.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
	check(seen.pendingBeforeAbort === 'pending', 'abortableSleep ended before its time', seen);
	check(seen.afterAbort === 'rejected', `abortableSleep ignored the abort on n8n-workflow ${String(seen.n8nWorkflow)}`, seen);
	check(seen.timersLeft === 0, 'abortableSleep left its timer running after the abort', seen);
	check(seen.listenersLeft === 0, "abortableSleep left a listener on the caller's signal", seen);
	console.log(
		`    Node ${String(seen.node)}, n8n-workflow ${String(seen.n8nWorkflow)} (sleepWithAbort ${seen.hostHasSleepWithAbort ? 'exported' : 'absent'}): ` +
			'an aborted sleep ends at once, no timer or listener left',
	);
}
