import { abortableSleep } from './sleep';

/** Thrown when the execution is cancelled while the node waits. */
export class CancelledError extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'CancelledError';
	}
}

export function throwIfCancelled(signal?: AbortSignal): void {
	if (signal?.aborted) throw new CancelledError();
}

/** Waits `ms`, ending early (with CancelledError) when the execution is cancelled. */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	throwIfCancelled(signal);
	// abortableSleep rejects only when the signal aborts, which the check below reports.
	await abortableSleep(Math.max(0, ms), signal).catch(() => undefined);
	throwIfCancelled(signal);
}

/** A random extra wait, so that several processes do not retry in lockstep. */
export function jitter(maxMs: number): number {
	return Math.floor(Math.random() * Math.max(0, maxMs));
}

/**
 * Waits for `promise` to settle, but not past `deadlineMs`: true when it settled in time, false
 * when time ran out first. Ends early with CancelledError when the execution is cancelled.
 */
export async function settlesBy(promise: Promise<unknown>, deadlineMs: number, signal?: AbortSignal): Promise<boolean> {
	throwIfCancelled(signal);
	const done = new AbortController();
	const timeUp = abortableSleep(Math.max(0, deadlineMs - Date.now()), signal ? AbortSignal.any([signal, done.signal]) : done.signal);
	try {
		return await Promise.race([
			promise.then(
				() => true,
				() => true,
			),
			timeUp.then(
				() => false,
				() => false,
			),
		]);
	} finally {
		done.abort(); // clears the timer
		throwIfCancelled(signal);
	}
}
