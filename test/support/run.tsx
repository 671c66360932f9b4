/** Runs the RawUGC node through the engine against a fake. */
import type { INodeParameters } from 'n8n-workflow';

import { runRawUgc, type RawUgcRunOptions } from '../engine/runRawUgc';
import type { BinaryMode, EngineInputItem, EngineNodeSpec, RunResult } from '../engine/runWorkflow';
import type { FakeHandle } from './fake';

export interface RunAgainstFake {
	parameters: INodeParameters;
	items?: EngineInputItem[];
	continueOnFail?: boolean;
	/** The node's settings: Retry On Fail, Max Tries, Wait Between Tries (ms). */
	settings?: EngineNodeSpec['settings'];
	/** Where n8n keeps binaries: on disk (by id) or in the item ('default'). */
	binaryMode?: BinaryMode;
	/** Another key than the fake's (to provoke 401s). */
	apiKey?: string;
	signal?: AbortSignal;
	/** More RawUGC nodes after this one in the same execution, each fed by the one before. */
	then?: RawUgcRunOptions['then'];
	/** The workflow's time zone (Workflow Settings). */
	timezone?: string;
}

export async function runNode(handle: FakeHandle, options: RunAgainstFake): Promise<RunResult> {
	return await runRawUgc({
		parameters: options.parameters,
		credentials: handle.credentials(options.apiKey),
		items: options.items,
		continueOnFail: options.continueOnFail,
		settings: options.settings,
		binaryMode: options.binaryMode,
		signal: options.signal,
		then: options.then,
		timezone: options.timezone,
	});
}

/** `count` input items, each `{ json: { n } }`. */
export function numberedItems(count: number): EngineInputItem[] {
	return Array.from({ length: count }, (_, n) => ({ json: { n } }));
}

/**
 * A free request (Get Many, limit 1), so the key's pacer knows the budget from the answer's
 * headers: a pacer that knows nothing sends one request alone until an answer teaches it, which
 * would keep two submits from being in flight together. The recorded requests are cleared.
 */
export async function teachPacer(handle: FakeHandle): Promise<void> {
	const result = await runNode(handle, { parameters: { resource: 'image', operation: 'getMany', returnAll: false, limit: 1 } });
	if (result.error) throw result.error;
	handle.fake.requests.length = 0;
}

/** What a run's error tells the user: its message and its description, one line each. */
export function told(result: { error?: { message: string; description?: unknown } }): string {
	return `${result.error?.message ?? ''}\n${String(result.error?.description ?? '')}`;
}
