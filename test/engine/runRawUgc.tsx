/** Runs the RawUGC node through n8n-core's engine: see runWorkflow. */
import type { INodeParameters } from 'n8n-workflow';

import { RawUgcApi } from '../../credentials/RawUgcApi.credentials';
import { RawUgc } from '../../nodes/RawUgc/RawUgc.node';
import {
	runWorkflow,
	type BinaryMode,
	type EngineInputItem,
	type EngineNodeSpec,
	type RunResult,
} from './runWorkflow';

export const RAWUGC_NODE_TYPE = 'n8n-nodes-rawugc.rawUgc';
export const RAWUGC_CREDENTIAL_TYPE = 'rawUgcApi';

export interface RawUgcRunOptions {
	parameters: INodeParameters;
	/** The stored credential; null or left out: the node has no credential attached. */
	credentials?: { apiKey: string; baseUrl: string } | null;
	items?: EngineInputItem[];
	continueOnFail?: boolean;
	/** Retry On Fail and its tries. */
	settings?: EngineNodeSpec['settings'];
	binaryMode?: BinaryMode;
	signal?: AbortSignal;
	/** More RawUGC nodes after this one in the same execution (same credential), each fed by the one before. */
	then?: Array<{ name: string; parameters: INodeParameters; continueOnFail?: boolean }>;
	/** The workflow's time zone. */
	timezone?: string;
}

export async function runRawUgc(opts: RawUgcRunOptions): Promise<RunResult> {
	const credentials = opts.credentials ? { [RAWUGC_CREDENTIAL_TYPE]: { ...opts.credentials } } : undefined;
	return await runWorkflow({
		nodeTypes: { [RAWUGC_NODE_TYPE]: new RawUgc() },
		credentialTypes: { [RAWUGC_CREDENTIAL_TYPE]: new RawUgcApi() },
		nodeType: RAWUGC_NODE_TYPE,
		node: {
			parameters: opts.parameters,
			continueOnFail: opts.continueOnFail,
			settings: opts.settings,
			credentials,
		},
		then: opts.then?.map(({ name, parameters, continueOnFail }) => ({ name, node: { parameters, continueOnFail, credentials } })),
		items: opts.items,
		binaryMode: opts.binaryMode,
		signal: opts.signal,
		timezone: opts.timezone,
	});
}
