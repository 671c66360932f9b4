/**
 * n8n-core reaches its logger and binary data service through process-wide singletons.
 * Each run keeps its own log and binary store here, and the singletons look the current
 * run up through async context, so two runs at once never see each other's lines or files.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

import type { BinaryDataService } from 'n8n-core';

export interface RunContext {
	logs: string[];
	binaryDataService: BinaryDataService;
}

const storage = new AsyncLocalStorage<RunContext>();

export function withRunContext<T>(context: RunContext, work: () => T): T {
	return storage.run(context, work);
}

export function currentRunContext(): RunContext | undefined {
	return storage.getStore();
}
