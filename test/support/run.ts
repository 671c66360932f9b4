/** Runs the RawUGC node through the engine against a fake. */
import type { INodeParameters } from 'n8n-workflow';

import { runRawUgc, type RawUgcRunOptions } from '../engine/runRawUgc';
import type { EngineInputItem, RunResult } from '../engine/runWorkflow';
import type { FakeHandle } from './fake';

export interface RunAgainstFake {
	parameters: INodeParameters;
	items?: EngineInputItem[];
	continueOnFail?: boolean;
	/** Another key than the fake's (to provoke 401s). */
	apiKey?: string;
	signal?: AbortSignal;
	/** More RawUGC nodes after this one in the same execution, each fed by the one before. */
	then?: RawUgcRunOptions['then'];
}

export async function runNode(handle: FakeHandle, options: RunAgainstFake): Promise<RunResult> {
	return await runRawUgc({
		parameters: options.parameters,
		credentials: handle.credentials(options.apiKey),
		items: options.items,
		continueOnFail: options.continueOnFail,
		signal: options.signal,
		then: options.then,
	});
}

/** `count` input items, each `{ json: { n } }`. */
export function numberedItems(count: number): EngineInputItem[] {
	return Array.from({ length: count }, (_, n) => ({ json: { n } }));
}
