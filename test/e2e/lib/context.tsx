// What the e2e steps share, and the error a step throws to say what broke.
import type { FakeProcess } from './fake';
import type { N8nSetup } from './n8n';

export interface E2eContext {
	repo: string;
	/** Scratch folder for this run (user folder, inputs); kept on failure. */
	workDir: string;
	setup: N8nSetup;
	fake?: FakeProcess;
	/** Workflows whose RawUGC nodes the browser step opens. */
	editorWorkflowId?: string;
}

/** A failed check: `details` (command output, responses) is printed under the step's name. */
export class CheckFailed extends Error {
	constructor(
		message: string,
		readonly details = '',
	) {
		super(message);
	}
}

export function check(condition: unknown, message: string, details: unknown = ''): asserts condition {
	if (!condition) {
		throw new CheckFailed(message, typeof details === 'string' ? details : JSON.stringify(details, null, 2));
	}
}
