import * as workflow from 'n8n-workflow';

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

// The node runs on the host's n8n-workflow. n8n 1.x's sleep(ms) ignores a signal and its
// sleepWithAbort(ms, signal) honours one; n8n 2.x's sleep(ms, signal) honours it and has no
// sleepWithAbort. So pick at run time.
const { sleepWithAbort } = workflow as { sleepWithAbort?: Sleep };
const sleepHonouringSignal: Sleep = sleepWithAbort ?? workflow.sleep;

/**
 * Waits `ms`; rejects as soon as `signal` aborts (its timer is cleared then). Each call listens on
 * a signal of its own, because 1.x's sleepWithAbort never removes its listener from the signal.
 */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await workflow.sleep(ms);
	if (signal.aborted) throw signal.reason;
	const own = new AbortController();
	const forward = () => own.abort(signal.reason);
	signal.addEventListener('abort', forward, { once: true });
	try {
		await sleepHonouringSignal(ms, own.signal);
	} finally {
		signal.removeEventListener('abort', forward);
	}
}
