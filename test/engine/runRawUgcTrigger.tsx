/** The RawUGC Trigger in the poll harness: see pollTrigger. */
import type { INodeParameters } from 'n8n-workflow';

import { RawUgcApi } from '../../credentials/RawUgcApi.credentials';
import { RawUgcTrigger } from '../../nodes/RawUgcTrigger/RawUgcTrigger.node';
import { ActiveTrigger, fetchTestEvent, type TriggerSpec } from './pollTrigger';
import type { RunResult } from './runWorkflow';

export const RAWUGC_TRIGGER_TYPE = 'n8n-nodes-rawugc.rawUgcTrigger';

export interface RawUgcTriggerOptions {
	parameters: INodeParameters;
	credentials: { apiKey: string; baseUrl: string };
	pollBudgetMs?: number;
}

function spec(options: RawUgcTriggerOptions): TriggerSpec {
	return {
		nodeTypes: { [RAWUGC_TRIGGER_TYPE]: new RawUgcTrigger() },
		credentialTypes: { rawUgcApi: new RawUgcApi() },
		nodeType: RAWUGC_TRIGGER_TYPE,
		parameters: options.parameters,
		credentials: { rawUgcApi: { ...options.credentials } },
		pollBudgetMs: options.pollBudgetMs,
	};
}

export function activateRawUgcTrigger(options: RawUgcTriggerOptions): ActiveTrigger {
	return ActiveTrigger.activate(spec(options));
}

export async function testRawUgcTrigger(options: RawUgcTriggerOptions): Promise<RunResult> {
	return await fetchTestEvent(spec(options));
}
