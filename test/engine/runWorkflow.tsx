/**
 * Runs one node the way n8n runs it: in a two-node workflow (Start -> node under test)
 * executed by n8n-core's WorkflowExecute, with n8n's credential handling, binary data
 * service, lifecycle hooks and cancellation.
 */
import { randomUUID } from 'node:crypto';

import { ExecutionLifecycleHooks, WorkflowExecute, type BinaryDataService } from 'n8n-core';
import {
	createRunExecutionData,
	ExecutionBaseError,
	NodeHelpers,
	UnexpectedError,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IRun,
	type IRunData,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { EngineCredentialsHelper } from './credentialsHelper';
import { engineServices, type BinaryMode } from './engineServices';
import { ENGINE_START_TYPE, EngineStart, type EngineInputItem } from './fixtures/EngineStart.node';
import { defaultTypeVersion, EngineNodeTypes } from './nodeTypes';
import { collectLogs } from './recordingLogger';

export { visibleParameters } from './visibleParameters';

export interface EngineNodeSpec {
	parameters: INodeParameters;
	continueOnFail?: boolean;
	/** Stored credential values by credential type name, e.g. { rawUgcApi: { apiKey, baseUrl } }. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Defaults to the newest version, as the editor picks for a new node. */
	typeVersion?: number;
	/** The node's Settings tab as the editor saves it (Retry On Fail and its tries). */
	settings?: Pick<INode, 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>;
}

export interface RunOptions {
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: Record<string, ICredentialType>;
	nodeType: string;
	node: EngineNodeSpec;
	items?: EngineInputItem[];
	binaryMode?: BinaryMode;
	signal?: AbortSignal;
	/** More nodes of `nodeType` run after the node under test in the same execution, each fed by the one before. */
	then?: Array<{ name: string; node: EngineNodeSpec }>;
	/** The workflow's time zone (Workflow Settings); n8n's default otherwise. */
	timezone?: string;
}

export interface RunResult {
	items: INodeExecutionData[];
	error?: ExecutionBaseError;
	readBinary(item: INodeExecutionData, property?: string): Promise<Buffer>;
	logs: string[];
	runData: IRunData;
	/** The output of each node of the workflow (the node under test and those of `then`), by name. */
	itemsOf(nodeName: string): INodeExecutionData[];
}

export const START_NODE_NAME = 'Start';

let executionCounter = 0;

function buildNode(node: EngineNodeSpec, name: string, type: string, typeVersion: number, x: number): INode {
	const built: INode = {
		id: randomUUID(),
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters: structuredClone(node.parameters),
		...node.settings,
	};
	if (node.continueOnFail) built.onError = 'continueRegularOutput'; // what the editor saves
	if (node.credentials) {
		built.credentials = Object.fromEntries(
			Object.keys(node.credentials).map((type) => [type, { id: `${type}-id`, name: `${type} account` }]),
		);
	}
	return built;
}

function buildNodes(options: RunOptions, nodeName: string, typeVersion: number): INode[] {
	const { node, nodeType } = options;
	const nodeUnderTest = buildNode(node, nodeName, nodeType, typeVersion, 250);
	const later = (options.then ?? []).map((next, index) =>
		buildNode(next.node, next.name, nodeType, next.node.typeVersion ?? typeVersion, 500 + 250 * index),
	);
	const start: INode = {
		id: randomUUID(),
		name: START_NODE_NAME,
		type: ENGINE_START_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return [start, nodeUnderTest, ...later];
}

/** Start -> the node under test -> each node of `then`, in a line. */
function buildConnections(names: string[]) {
	const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }> = {};
	names.slice(1).forEach((name, index) => {
		connections[names[index]] = { main: [[{ node: name, type: 'main', index: 0 }]] };
	});
	return connections;
}

export function buildAdditionalData(
	executionId: string,
	workflowId: string,
	hooks: ExecutionLifecycleHooks,
	credentialsHelper: EngineCredentialsHelper,
): IWorkflowExecuteAdditionalData {
	const baseUrl = 'http://127.0.0.1:5678';
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		hooks,
		executionId,
		workflowId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: baseUrl,
		formBaseUrl: `${baseUrl}/form`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		formTestBaseUrl: `${baseUrl}/form-test`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		mcpBaseUrl: `${baseUrl}/mcp`,
		mcpTestBaseUrl: `${baseUrl}/mcp-test`,
		variables: {},
		executeWorkflow: async () => {
			throw new UnexpectedError('Sub-workflows are not supported by the engine harness');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}

export function binaryReader(service: BinaryDataService) {
	return async (item: INodeExecutionData, property = 'data'): Promise<Buffer> => {
		const binary = item.binary?.[property];
		if (!binary) throw new UnexpectedError(`Item has no binary property "${property}"`);
		return await service.getAsBuffer(binary);
	};
}

export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	const services = await engineServices();
	const executionId = String(++executionCounter);
	const workflowId = `engine-workflow-${executionId}`;

	const nodeTypeInstance = options.nodeTypes[options.nodeType];
	if (!nodeTypeInstance) throw new UnexpectedError(`nodeTypes has no "${options.nodeType}"`);
	const typeVersion = options.node.typeVersion ?? defaultTypeVersion(nodeTypeInstance);
	// Named as the editor names a newly added node.
	const typeDescription = NodeHelpers.getVersionedNodeType(nodeTypeInstance, typeVersion).description;
	const nodeName = typeDescription.defaults.name ?? typeDescription.displayName;
	const nodes = buildNodes(options, nodeName, typeVersion);
	const connections = buildConnections(nodes.map((node) => node.name));
	let thrown: unknown;
	const nodeTypes = new EngineNodeTypes(
		{
			...options.nodeTypes,
			[ENGINE_START_TYPE]: new EngineStart(options.items ?? [{ json: {} }]),
		},
		{ typeName: options.nodeType, onThrow: (error) => (thrown = error) },
	);
	const settings = { executionOrder: 'v1' as const, ...(options.timezone ? { timezone: options.timezone } : {}) };
	const workflow = new Workflow({
		id: workflowId,
		name: 'Engine harness',
		nodes,
		connections,
		active: false,
		nodeTypes,
		settings,
	});

	const now = new Date();
	const workflowData: IWorkflowBase = {
		id: workflowId,
		name: workflow.name ?? 'Engine harness',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes,
		connections,
		settings,
	};
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	const credentialsHelper = new EngineCredentialsHelper(
		options.credentialTypes,
		Object.assign({}, options.node.credentials, ...(options.then ?? []).map((next) => next.node.credentials)),
	);
	const additionalData = buildAdditionalData(executionId, workflowId, hooks, credentialsHelper);

	const startNode = workflow.getNode(START_NODE_NAME)!;
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});

	services.binaryModeOfExecution.set(executionId, options.binaryMode ?? 'filesystem');
	const logCollection = collectLogs();
	const readBinary = binaryReader(services.binaryDataServices.filesystem);
	const execution = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	let running: ReturnType<WorkflowExecute['processRunExecutionData']>;
	try {
		running = execution.processRunExecutionData(workflow);
	} catch (error) {
		// n8n refuses to start a workflow with issues (e.g. a required parameter left empty).
		logCollection.stop();
		if (!(error instanceof ExecutionBaseError)) throw error;
		return { items: [], error, readBinary, logs: logCollection.logs, runData: {}, itemsOf: () => [] };
	}
	// Stopping an execution in n8n cancels this promise; the engine then aborts the
	// signal each node gets from getExecutionCancelSignal().
	const stop = () => running.cancel();
	if (options.signal?.aborted) stop();
	options.signal?.addEventListener('abort', stop, { once: true });
	let run: IRun;
	try {
		run = await running;
	} finally {
		options.signal?.removeEventListener('abort', stop);
		logCollection.stop();
	}

	const { runData } = run.data.resultData;
	const task = runData[nodeName]?.[0];
	// The thrown object itself when the node threw one of n8n's errors; else what n8n recorded
	// (a plain copy of the node's error, or the run's error, e.g. after a stop).
	const error =
		task?.error && thrown instanceof ExecutionBaseError
			? thrown
			: (task?.error ?? run.data.resultData.error);
	return {
		items: task?.data?.main?.[0] ?? [],
		error,
		readBinary,
		logs: logCollection.logs,
		runData,
		itemsOf: (name) => runData[name]?.[0]?.data?.main?.[0] ?? [],
	};
}

export type { EngineInputItem } from './fixtures/EngineStart.node';
export type { BinaryMode } from './engineServices';
