/** Checks that a secret shows up nowhere a user (or a log reader) could see it. */
import { inspect } from 'node:util';

import type { RunResult } from '../engine/runWorkflow';

function stringify(value: unknown): string {
	try {
		return JSON.stringify(value) ?? '';
	} catch {
		return '';
	}
}

/** Every place of a run the secret must not reach: error text and object, items, logs. */
export function placesOf(result: RunResult): Record<string, string> {
	const { error } = result;
	return {
		errorMessage: error?.message ?? '',
		errorDescription: String(error?.description ?? ''),
		errorJson: stringify(error),
		errorInspected: error ? inspect(error, { depth: 10, maxStringLength: null }) : '',
		items: stringify(result.items),
		runData: stringify(result.runData),
		logs: result.logs.join('\n'),
	};
}

export function expectSecretNowhere(result: RunResult, secret: string): void {
	const leaks = Object.entries(placesOf(result))
		.filter(([, text]) => text.includes(secret))
		.map(([place]) => place);
	expect(leaks).toEqual([]);
}
